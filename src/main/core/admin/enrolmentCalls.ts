/**
 * The admin screen's enrolment section (issue 11): what the kiosk is enrolled as, enrolling (again) with a one-time
 * code, and leaving. Commands still pending would be lost by either: refused (enrol_pending_commands) unless staff
 * confirmed (discardPending). The cloud's refusal and an unreachable cloud come back as clear errors, and nothing
 * changes then. Every change is in the audit trail.
 */
import type { adminCalls, AdminEnrolment } from '../../../shared/contract/admin';
import { messageOf } from '../../../shared/errorText';
import { IpcCallError } from '../../../shared/ipc';
import type { KioskIdentity } from '../db/identityStore';
import { EnrolmentRefused } from '../enrolment';
import type { HandlerTable } from '../features/feature';
import { createLogger } from '../log';
import { CloudRequestError } from '../sync/cloudClient';
import type { AdminAudit } from './audit';
import { keyFingerprint } from './fingerprint';

const log = createLogger('admin');

type EnrolmentCallName = 'admin.enrolment' | 'admin.enrol' | 'admin.leaveEnrolment';

export interface EnrolmentCallsDeps {
  identity: () => KioskIdentity | undefined;
  siteName: () => string | undefined;
  settings: () => { cloudUrl: string; kioskName: string };
  /** visitor records not yet pushed (pending admin audit entries are given up with the enrolment, not counted) */
  pendingCommands: () => number;
  /** the core's enrolment: the identity it syncs as from then on */
  enrol: (input: { cloudUrl: string; code: string; name: string; discardPending: boolean }) => Promise<KioskIdentity>;
  /** the core forgets its identity and secrets (pending commands given up) and stops syncing */
  leave: () => Promise<void>;
  audit: AdminAudit;
  /** throws admin_locked / admin_forbidden unless the session is an admin's */
  requireAdmin: (session: string) => void;
}

const refusePending = (pending: number, what: string): never => {
  throw new IpcCallError(
    'enrol_pending_commands',
    `${pending} records are not synced yet and would be lost by ${what}: sync first, or confirm that they may be discarded`,
  );
};

export function enrolmentCalls(deps: EnrolmentCallsDeps): HandlerTable<Pick<typeof adminCalls, EnrolmentCallName>> {
  const view = (): AdminEnrolment => {
    const s = deps.settings();
    const id = deps.identity();
    const siteName = deps.siteName();
    return {
      cloudUrl: s.cloudUrl,
      kioskName: s.kioskName,
      pendingCommands: deps.pendingCommands(),
      ...(id
        ? {
            identity: {
              kioskId: id.kioskId,
              siteId: id.siteId,
              ...(siteName !== undefined ? { siteName } : {}),
              keyId: id.keyId,
              fingerprint: keyFingerprint(id.publicKey),
              enrolledAt: id.enrolledAt,
            },
          }
        : {}),
    };
  };

  let busy = false;
  const once = async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new IpcCallError('enrol_refused', 'an enrolment is already under way');
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  return {
    'admin.enrolment': ({ session }) => {
      deps.requireAdmin(session);
      return view();
    },

    'admin.enrol': ({ session, cloudUrl, code, name, discardPending }) => {
      deps.requireAdmin(session);
      return once(async () => {
        const before = deps.identity();
        const pending = deps.pendingCommands();
        if (pending > 0 && !discardPending) refusePending(pending, 'enrolling again');
        let identity: KioskIdentity;
        try {
          // checked above: what is still pending now is given up (audit entries, or records staff let go)
          identity = await deps.enrol({ cloudUrl, code, name, discardPending: true });
        } catch (err) {
          log.warn(`enrolment from the admin screen failed: ${messageOf(err)}`);
          if (err instanceof EnrolmentRefused) refusePending(pending, 'enrolling again');
          if (err instanceof CloudRequestError) {
            if (err.kind === 'unreachable')
              throw new IpcCallError('enrol_unreachable', `the cloud at ${new URL(cloudUrl).host} did not answer: ${messageOf(err)}`);
            throw new IpcCallError('enrol_refused', `the cloud refused the enrolment (${err.code ?? err.kind}): ${messageOf(err)}`);
          }
          throw err;
        }
        log.info(`enrolled from the admin screen as kiosk ${identity.kioskId} of site ${identity.siteId}`);
        await deps.audit.record('enrolment.enrolled', {
          result: 'ok',
          kioskId: identity.kioskId,
          siteId: identity.siteId,
          cloud: new URL(cloudUrl).host,
          ...(before ? { previousKioskId: before.kioskId } : {}),
          discarded: discardPending ? pending : 0,
        });
        return view();
      });
    },

    'admin.leaveEnrolment': ({ session, discardPending }) => {
      deps.requireAdmin(session);
      return once(async () => {
        const pending = deps.pendingCommands();
        if (pending > 0 && !discardPending) refusePending(pending, 'leaving');
        if (!deps.identity()) return view();
        const before = deps.identity();
        await deps.audit.record('enrolment.left', { ...(before ? { kioskId: before.kioskId, siteId: before.siteId } : {}), discarded: pending });
        await deps.leave();
        return view();
      });
    },
  };
}
