/**
 * The one rule for text a person typed (control, bidi and markup characters), and the text schemas built on it.
 * Re-exported by src/shared/domain.ts; a module of its own so that schemas domain.ts builds on (src/shared/visitPolicy.ts)
 * can use it. Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';

/**
 * Characters no text a person typed may hold: every control (C0 with tab and newline, DEL, C1), every format
 * character — the bidirectional ones (LRM, RLM, ALM, the embeddings and overrides U+202A–U+202E, the isolates
 * U+2066–U+2069) that make text render as something else ("\u202Elive" shows as "evil"), zero-width spaces, the
 * BOM, soft hyphens, invisible operators — and the line and paragraph separators. Zero-width (non-)joiners
 * (U+200C/U+200D) stay: scripts such as Persian and Devanagari spell names with them.
 */
export const CONTROL_OR_BIDI = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** Characters a name may not hold on top of those: markup. */
export const MARKUP = /[<>{}]/u;

/**
 * The one rule for text a person typed, as a refinement of a string schema: `text` refuses control and bidi
 * characters; `name` (people, kiosks, anything shown as a label) refuses markup as well.
 */
export function plainText<S extends z.ZodString>(schema: S, kind: 'text' | 'name' = 'text'): S {
  const checked = schema.refine((s) => !CONTROL_OR_BIDI.test(s), { error: `${kind}: no control or bidirectional-override characters` });
  return kind === 'name' ? checked.refine((s) => !MARKUP.test(s), { error: 'name: no markup characters (< > { })' }) : checked;
}

const CONTROL_OR_BIDI_ALL = new RegExp(CONTROL_OR_BIDI.source, 'gu');
const LINE_BREAKING = /[\t\n\v\f\r\u0085\u2028\u2029]+/gu;

/**
 * Text stored before these rules, made to pass them: line breaks and tabs become a space, every other control or
 * format character goes, a name loses markup characters. Text that already passes comes back unchanged. For the
 * migrations that clean legacy rows (kiosk and cloud), so that what was stored can still be served and synced.
 */
export function toPlainText(text: string, kind: 'text' | 'name' = 'text'): string {
  const plain = text.replace(LINE_BREAKING, ' ').replace(CONTROL_OR_BIDI_ALL, '');
  return kind === 'name' ? plain.replace(/[<>{}]/gu, '') : plain;
}

/** Every string inside a JSON value through toPlainText (fields called `name` as names). */
export function toPlainJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return toPlainText(value, key === 'name' ? 'name' : 'text');
  if (Array.isArray(value)) return value.map((v) => toPlainJson(v, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainJson(v, k)]));
  return value;
}

/** A label shown to people (a kiosk's name...): 1..max characters, no control, bidi or markup characters. */
export const NameText = (max: number) => plainText(z.string().trim().min(1).max(max), 'name');

/** Free text a person typed (reason, company...): bounded, no control or bidi characters (none excepted). */
export const FreeText = (max: number) => plainText(z.string().trim().max(max), 'text');
