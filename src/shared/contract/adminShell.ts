/**
 * The shell's kiosk mode (issue 11): the Electron shell runs full screen and locked (no menu, no closing); it is left
 * only from the admin screen, with an admin session. Spread into admin.ts.
 */
import { z } from 'zod';
import { call } from './define';
import { AdminSessionToken } from './adminSession';

export const adminShellCalls = {
  'admin.exitKioskMode': call(
    z.object({ session: AdminSessionToken }).strict(),
    z.object({ exited: z.literal(true) }),
    'admin: leaves the Electron shell’s kiosk mode (a normal window that can be closed); admin_not_electron in the browser shell; audited',
  ),
} as const;
