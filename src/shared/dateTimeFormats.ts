/**
 * One `Intl.DateTimeFormat` per (locale, options), made once and kept: constructing one costs tens of microseconds
 * (it resolves the locale and loads the zone's rules), formatting with it a few hundred nanoseconds. Profiles of the
 * sync pull and of today's visitors put most of their time in constructing formats (issue 12), so every module that
 * formats dates asks here. The cache holds only the combinations the code uses (a handful of locales, the zones of
 * the sites a process serves), so it stays small. Pure (Intl only).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The shared format for a locale and options (same arguments → same instance). Throws as Intl does on a bad zone. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
