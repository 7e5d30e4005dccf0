/**
 * The operating system's printers as CUPS' `lpstat` lists them (issue 11, devices: a `system` printer prints through
 * the print dialog, which offers these), read from its C-locale output — `lpstat` words its lines in the user's
 * language, so the lister runs it with LC_ALL=C (./systemPrinters.ts). Pure: text in, printers out; a line it does
 * not know is passed over, never guessed at.
 *
 *   lpstat -p   printer Kiosk_Pass_58 is idle.  enabled since Fri Nov 27 01:56:02 2026
 *               printer Office-HP disabled since Fri Nov 27 01:55:59 2026 -
 *               \tpaper jam
 *   lpstat -e   one destination a line (also the network printers CUPS found but has not set up)
 *   lpstat -d   system default destination: Kiosk_Pass_58  |  no system default destination
 */
import type { SystemPrinter } from '../../../shared/deviceSetup';

const PRINTER_LINE = /^printer (\S+) (is idle\.|now printing \S+?\.|disabled since |)/;

/** `lpstat -p`: each printer with its state and the message CUPS keeps for it (the indented line under it). */
export function parseLpstatPrinters(text: string): { name: string; state: SystemPrinter['state']; message?: string }[] {
  const printers: { name: string; state: SystemPrinter['state']; message?: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = PRINTER_LINE.exec(line);
    if (match) {
      const how = match[2] ?? '';
      const state = how.startsWith('is idle') ? 'idle' : how.startsWith('now printing') ? 'printing' : how.startsWith('disabled') ? 'disabled' : 'unknown';
      printers.push({ name: match[1] ?? '', state });
      continue;
    }
    const last = printers.at(-1);
    const message = line.trim();
    if (last && /^\s/.test(line) && message !== '' && last.message === undefined) last.message = message.slice(0, 200);
  }
  return printers;
}

/** `lpstat -e`: the destinations' names, one a line. */
export function parseLpstatDestinations(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/\s/.test(l));
}

/** `lpstat -d`: the default destination, or undefined. */
export function parseLpstatDefault(text: string): string | undefined {
  return /^system default destination: (\S+)\s*$/m.exec(text)?.[1];
}

/** The printers `lpstat -p` describes, then the destinations only `lpstat -e` names (state unknown); the default marked. */
export function systemPrintersFrom(output: { printers: string; destinations?: string; defaultDestination?: string }): SystemPrinter[] {
  const described = parseLpstatPrinters(output.printers);
  const known = new Set(described.map((p) => p.name));
  const others = parseLpstatDestinations(output.destinations ?? '').filter((name) => !known.has(name));
  const fallback = parseLpstatDefault(output.defaultDestination ?? '');
  return [...described, ...others.map((name) => ({ name, state: 'unknown' as const }))].map((p) => ({ ...p, isDefault: p.name === fallback }));
}
