/**
 * The admin screen's logs (issue 11): the last lines of the kiosk log, masked once more on the way out (the logger
 * masks as it writes; this is the defence should a line ever slip through), and their export to a folder — a
 * removable medium's mount point (listed under /media/<user> and /run/media/<user> on Linux) or a typed path, which
 * must be absolute, hold no `..`, exist, be a folder and be writable. The file is written atomically (a temp file
 * beside it, renamed over) as passdesk-log-<kiosk name>-<date>.txt.
 */
import { accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, join, sep } from 'node:path';
import { redactText } from '../../../shared/mask';
import { IpcCallError } from '../../../shared/ipc';
import { writeFileAtomic } from '../atomicFile';

/** The most lines one call reads or exports. */
export const MAX_LOG_LINES = 1000;

/** Each line masked (ID and phone numbers: redactText) and stripped of control characters (a terminal's escapes). */
export function maskLogLines(lines: readonly string[]): string[] {
  return lines.map((line) => redactText(line).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�'));
}

/** passdesk-log-<kiosk name>-<YYYY-MM-DD>.txt: the name reduced to letters, digits, - and _ (any script). */
export function logFileName(kioskName: string, now: Date): string {
  const name =
    kioskName
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'kiosk';
  return `passdesk-log-${name}-${now.toISOString().slice(0, 10)}.txt`;
}

export interface LogFolder {
  path: string;
  /** the medium's name as mounted (the folder's last part) */
  label: string;
}

/** Folders removable media are mounted in on Linux for `user`: /media/<user>/* and /run/media/<user>/*. */
export function removableMediaFolders(platform: NodeJS.Platform = process.platform, user = safeUserName(), roots = ['/media', '/run/media']): LogFolder[] {
  if (platform !== 'linux' || user === undefined) return [];
  const found: LogFolder[] = [];
  for (const root of roots) {
    const base = join(root, user);
    let names: string[];
    try {
      names = readdirSync(base);
    } catch {
      continue; // no such folder: nothing mounted there
    }
    for (const name of names.sort()) {
      const path = join(base, name);
      try {
        if (statSync(path).isDirectory()) found.push({ path, label: name });
      } catch {
        // a medium removed while listing
      }
    }
  }
  return found;
}

function safeUserName(): string | undefined {
  try {
    const name = userInfo().username;
    return /^[A-Za-z0-9._-]{1,64}$/.test(name) && name !== '.' && name !== '..' ? name : undefined;
  } catch {
    return undefined;
  }
}

const refuse = (why: string): never => {
  throw new IpcCallError('admin_log_folder_invalid', `the folder is refused: ${why}`);
};

/**
 * The folder a typed path names, checked: absolute, no `..` part, no control characters, an existing folder this
 * process may write to. Returns its real path (links resolved). Throws admin_log_folder_invalid saying why not.
 */
export function checkLogFolder(typed: string): string {
  const path = typed.trim();
  if (path.length === 0 || path.length > 1024) refuse('give a full path, at most 1024 characters');
  if (/[\u0000-\u001f\u007f]/.test(path)) refuse('the path holds control characters');
  if (!isAbsolute(path)) refuse('the path must be absolute (start with / or a drive)');
  if (path.split(/[\\/]+/).some((part) => part === '..')) refuse('the path may not hold ..');
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return refuse('no such folder');
  }
  try {
    if (!statSync(real).isDirectory()) refuse('it is not a folder');
  } catch (err) {
    if (err instanceof IpcCallError) throw err;
    refuse('no such folder');
  }
  try {
    accessSync(real, constants.W_OK);
  } catch {
    refuse('the kiosk may not write there');
  }
  return real.endsWith(sep) && real.length > 1 ? real.slice(0, -1) : real;
}

/** Writes the lines (masked again) to <folder>/<file name> atomically; returns the file's path. */
export function exportLogLines(folder: string, fileName: string, lines: readonly string[]): string {
  const target = join(checkLogFolder(folder), fileName);
  const text = `${maskLogLines(lines).join('\n')}\n`;
  try {
    // 0644: a stick is read on another machine; what it holds is masked
    writeFileAtomic(target, text, 0o644);
  } catch (err) {
    throw new IpcCallError('admin_log_export_failed', `the log could not be written to the folder: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return target;
}
