/**
 * The admin screen's logs section (issue 11): the last lines of the kiosk log, masked, shown, downloaded by the
 * screen, or exported to a folder (a removable medium's or a typed one). Admin session only (spread into admin.ts).
 */
import { z } from 'zod';
import { call } from './define';
import { AdminSessionToken } from './adminSession';

/** How many of the last lines: 1 to 1000. */
export const LogLineCount = z.number().int().min(1).max(1000);

export const AdminLogs = z.object({
  /** oldest first, ID and phone numbers masked */
  lines: z.array(z.string()),
  /** the name a download or an export gets: passdesk-log-<kiosk name>-<date>.txt */
  fileName: z.string().regex(/^passdesk-log-[^/\\]{1,60}\.txt$/),
});
export type AdminLogs = z.infer<typeof AdminLogs>;

export const LogFolder = z.object({ path: z.string(), label: z.string() });
export type LogFolder = z.infer<typeof LogFolder>;

const WithSession = z.object({ session: AdminSessionToken }).strict();

export const adminLogCalls = {
  'admin.logs': call(
    WithSession.extend({ lines: LogLineCount.default(200), purpose: z.enum(['view', 'download']).default('view') }).strict(),
    AdminLogs,
    'admin: the last lines of the kiosk log, masked; purpose download is audited (the screen saves them as a file)',
  ),
  'admin.logFolders': call(
    WithSession,
    z.object({ folders: z.array(LogFolder) }),
    'admin: the removable media mounted (Linux: /media/<user>/*, /run/media/<user>/*), for an export',
  ),
  'admin.exportLogs': call(
    WithSession.extend({ folder: z.string().max(1024), lines: LogLineCount.default(200) }).strict(),
    z.object({ path: z.string(), fileName: z.string(), lines: z.number().int().min(0) }),
    'admin: writes the last lines, masked, to the folder (absolute, no .., existing, writable: admin_log_folder_invalid otherwise) atomically; audited',
  ),
} as const;
