/**
 * The admin session the core holds: one at a time, named by a random token the renderer must present with every
 * admin call; it locks on admin.lock or after `lockAfterMs` without a call (read live from the settings).
 */
import { randomBytes } from 'node:crypto';
import type { AdminRole } from '../../../shared/adminPin';
import type { AdminSession } from '../../../shared/contract/admin';

export interface AdminSessions {
  open(role: AdminRole): AdminSession;
  /** the session `token` names when it is still valid, its activity renewed; undefined otherwise */
  use(token: string | undefined): AdminSession | undefined;
  lock(token?: string): void;
}

export function createAdminSessions(options: { now: () => Date; lockAfterMs: () => number }): AdminSessions {
  let current: { token: string; role: AdminRole; lastUsed: number } | undefined;
  const view = (s: NonNullable<typeof current>): AdminSession => ({
    token: s.token,
    role: s.role,
    expiresAt: new Date(s.lastUsed + options.lockAfterMs()).toISOString(),
  });
  return {
    open(role) {
      current = { token: randomBytes(32).toString('base64url'), role, lastUsed: options.now().getTime() };
      return view(current);
    },
    use(token) {
      if (!current || token === undefined || token !== current.token) return undefined;
      const now = options.now().getTime();
      if (now - current.lastUsed >= options.lockAfterMs() || now < current.lastUsed - 60_000) {
        current = undefined;
        return undefined;
      }
      current.lastUsed = now;
      return view(current);
    },
    lock(token) {
      if (token === undefined || current?.token === token) current = undefined;
    },
  };
}
