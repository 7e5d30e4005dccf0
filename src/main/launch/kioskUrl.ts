/**
 * Where the browser shell's URL goes. Its fragment carries the per-launch secret (#secret=…) that opens the kiosk's
 * IPC, so it is shown only when no browser was opened with it, once, and only on a terminal, never where a log
 * may keep it:
 * - a browser was opened: the origin only;
 * - no browser, stdout a terminal: the full URL;
 * - no browser, stdout not a terminal (a service manager, a redirect into a log file): the origin, and the full URL
 *   in `<dataDir>/kiosk-url` (mode 0600, in the 0700 data folder, removed when the kiosk stops).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicFile';

export const KIOSK_URL_FILE = 'kiosk-url';

export interface KioskUrlInput {
  /** http://127.0.0.1:PORT/#secret=… */
  url: string;
  origin: string;
  browserOpened: boolean;
  /** stdout is a terminal */
  interactive: boolean;
  dataDir: string;
}

export interface KioskUrlNotice {
  lines: string[];
  /** the full URL, for the operator of a kiosk whose console is not a terminal */
  urlFile?: string;
}

export function kioskUrlNotice(input: KioskUrlInput): KioskUrlNotice {
  if (input.browserOpened) return { lines: [`Passdesk kiosk: ${input.origin}/ (opened in Chromium)`] };
  if (input.interactive) {
    return {
      lines: [`Passdesk kiosk: ${input.url}`, 'no browser opened: open the URL above in Chromium (the secret after # is this launch only; do not share it)'],
    };
  }
  const urlFile = join(input.dataDir, KIOSK_URL_FILE);
  return {
    lines: [
      `Passdesk kiosk: ${input.origin}/ — no browser opened and no terminal: the URL with this launch's secret is in ${urlFile} (readable by this user only)`,
    ],
    urlFile,
  };
}

/** Shows the notice with `print` and writes the URL file when there is one; returns a function removing that file. */
export function announceKioskUrl(input: KioskUrlInput, print: (line: string) => void): () => void {
  const notice = kioskUrlNotice(input);
  rmSync(join(input.dataDir, KIOSK_URL_FILE), { force: true }); // a previous launch's, useless now
  if (notice.urlFile !== undefined) writeFileAtomic(notice.urlFile, `${input.url}\n`, 0o600);
  for (const line of notice.lines) print(line);
  const file = notice.urlFile;
  return () => {
    if (file !== undefined) rmSync(file, { force: true });
  };
}
