/**
 * The admin screen's logs section (issue 11): the last lines of the kiosk log, masked once more on the way out,
 * downloaded by the screen or exported to a folder (./logExport.ts). An export and a download are audited.
 */
import type { adminCalls } from '../../../shared/contract/admin';
import type { HandlerTable } from '../features/feature';
import { createLogger, recentLogLines } from '../log';
import type { AdminAudit } from './audit';
import { exportLogLines, logFileName, maskLogLines, removableMediaFolders, type LogFolder } from './logExport';

const log = createLogger('admin');

type LogCallName = 'admin.logs' | 'admin.logFolders' | 'admin.exportLogs';

export interface LogCallsDeps {
  now: () => Date;
  kioskName: () => string;
  audit: AdminAudit;
  /** throws admin_locked / admin_forbidden unless the session is an admin's */
  requireAdmin: (session: string) => void;
  /** the log's last lines (default: the core's logger, src/main/core/log.ts) */
  recentLines?: (count: number) => string[];
  /** the removable media mounted (default: /media/<user>/*, /run/media/<user>/* on Linux) */
  mediaFolders?: () => LogFolder[];
}

export function logCalls(deps: LogCallsDeps): HandlerTable<Pick<typeof adminCalls, LogCallName>> {
  const lines = (count: number) => maskLogLines((deps.recentLines ?? recentLogLines)(count));
  const fileName = () => logFileName(deps.kioskName(), deps.now());
  return {
    'admin.logs': async ({ session, lines: count, purpose }) => {
      deps.requireAdmin(session);
      const out = { lines: lines(count), fileName: fileName() };
      if (purpose === 'download') await deps.audit.record('logs.exported', { to: 'download', lines: out.lines.length });
      return out;
    },

    'admin.logFolders': ({ session }) => {
      deps.requireAdmin(session);
      return { folders: (deps.mediaFolders ?? removableMediaFolders)() };
    },

    'admin.exportLogs': async ({ session, folder, lines: count }) => {
      deps.requireAdmin(session);
      const name = fileName();
      const taken = lines(count);
      try {
        const path = exportLogLines(folder, name, taken);
        log.info(`logs: ${taken.length} lines exported to ${path}`);
        await deps.audit.record('logs.exported', { to: 'folder', lines: taken.length, fileName: name });
        return { path, fileName: name, lines: taken.length };
      } catch (err) {
        await deps.audit.record('logs.exported', { to: 'folder', result: 'refused' });
        throw err;
      }
    },
  };
}
