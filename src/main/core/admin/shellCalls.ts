/**
 * Leaving the shell's kiosk mode from the admin screen (issue 11). The shell that runs the core lends it a
 * KioskShellControl (the Electron shell does; the browser shell has no kiosk mode of its own to leave): the core checks
 * the admin session, asks the shell, and audits. Without a control the call says so clearly (admin_not_electron).
 */
import type { adminCalls } from '../../../shared/contract/admin';
import { IpcCallError } from '../../../shared/ipc';
import type { HandlerTable } from '../features/feature';
import { createLogger } from '../log';
import type { AdminAudit } from './audit';

const log = createLogger('admin');

/** What a shell with a kiosk mode lets the admin screen do. */
export interface KioskShellControl {
  /** leaves kiosk mode: a normal window, closable, with the desktop reachable */
  exitKioskMode(): Promise<void> | void;
}

export interface ShellCallsDeps {
  shell: KioskShellControl | undefined;
  audit: AdminAudit;
  /** throws admin_locked / admin_forbidden unless the session is an admin's */
  requireAdmin: (session: string) => void;
}

export function shellCalls(deps: ShellCallsDeps): HandlerTable<Pick<typeof adminCalls, 'admin.exitKioskMode'>> {
  return {
    'admin.exitKioskMode': async ({ session }) => {
      deps.requireAdmin(session);
      if (!deps.shell) {
        throw new IpcCallError('admin_not_electron', 'this kiosk does not run in the Electron shell: it has no kiosk mode to leave');
      }
      await deps.shell.exitKioskMode();
      log.warn('kiosk mode left from the admin screen');
      await deps.audit.record('kioskMode.exited');
      return { exited: true as const };
    },
  };
}
