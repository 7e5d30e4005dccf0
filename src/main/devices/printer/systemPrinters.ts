/**
 * Lists the operating system's printers through CUPS' `lpstat` (./lpstat.ts reads its output), for the admin
 * screen's devices section. Never throws: a machine without `lpstat` (no cups-client, Windows), a scheduler that is
 * not running or no printer set up give an empty list with the reason. `lpstat` runs in the C locale (its words are
 * translated otherwise) and is given 3 s.
 */
import { execFile } from 'node:child_process';
import type { SystemPrinterListing } from '../../../shared/deviceSetup';
import { messageOf } from '../../../shared/errorText';
import { systemPrintersFrom } from './lpstat';

/** Runs `lpstat` with these arguments: its standard output, or a rejection carrying `code` (ENOENT, exit status) and `stderr`. */
export type LpstatRunner = (args: string[]) => Promise<string>;

export class LpstatFailed extends Error {
  constructor(
    message: string,
    readonly code: string | number | undefined,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'LpstatFailed';
  }
}

export const runLpstat: LpstatRunner = (args) =>
  new Promise((resolve, reject) => {
    execFile('lpstat', args, { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 3000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) resolve(stdout);
      else reject(new LpstatFailed(err.message, (err as NodeJS.ErrnoException).code ?? undefined, stderr));
    });
  });

/** Why `lpstat` gave no list, in a line. */
function reasonOf(err: unknown): string {
  if (err instanceof LpstatFailed) {
    if (err.code === 'ENOENT') return 'lpstat was not found (CUPS client not installed): system printers cannot be listed here';
    const said = err.stderr
      .trim()
      .split(/\r?\n/)[0]
      ?.replace(/^lpstat:\s*/, '');
    if (said && /no destinations added/i.test(said)) return 'no printer is set up in CUPS';
    if (said) return `lpstat: ${said}`;
  }
  return `lpstat failed: ${messageOf(err)}`;
}

export async function listSystemPrinters(run: LpstatRunner = runLpstat): Promise<SystemPrinterListing> {
  let printers: string;
  try {
    printers = await run(['-p']);
  } catch (err) {
    return { items: [], reason: reasonOf(err).slice(0, 400) };
  }
  // the other two only add to what -p said: their failure leaves it as it is
  const [destinations, defaultDestination] = await Promise.all([run(['-e']).catch(() => ''), run(['-d']).catch(() => '')]);
  const items = systemPrintersFrom({ printers, destinations, defaultDestination });
  return items.length > 0 ? { items } : { items, reason: 'no printer is set up in CUPS' };
}
