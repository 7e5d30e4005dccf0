/**
 * The kiosk's admin audit (issue 11): every admin action (PIN success or failure, a PIN set or changed, a setting
 * changed old → new, a device test) is logged and, once the kiosk is enrolled, kept in the outbox as a signed
 * `adminAudit` command that the cloud records once by its id and lists per site (enrolment the cloud records itself).
 * Personal data is masked before anything is kept (ID and phone numbers: redactText).
 */
import { redactText } from '../../../shared/mask';
import type { AdminAuditAction, AdminAuditCommand } from '../../../shared/sync';
import type { z } from 'zod';
import type { KioskSigner } from '../checkin';
import { enqueueCommand } from '../db/outboxStore';
import type { KioskDb } from '../db/openDb';
import { createLogger } from '../log';
import { signCommand } from '../sync/commands';
import { messageOf } from '../../../shared/errorText';

const log = createLogger('audit');

export type AuditDetail = z.input<typeof AdminAuditCommand>['payload']['detail'];

export interface AdminAudit {
  /** logs the action and, enrolled, queues it for the cloud; never throws (an audit failure is logged) */
  record(action: AdminAuditAction, detail?: AuditDetail): Promise<void>;
}

const masked = (detail: AuditDetail): AuditDetail =>
  Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' ? redactText(v).slice(0, 200) : v]));

export function createAdminAudit(deps: { db: KioskDb; now: () => Date; signer: () => KioskSigner | undefined }): AdminAudit {
  return {
    async record(action, detail = {}) {
      const safe = masked(detail);
      log.info(`${action} ${JSON.stringify(safe)}`);
      const signer = deps.signer();
      if (!signer) return;
      try {
        const command = await signCommand(
          { kind: 'adminAudit', payload: { action, detail: safe } },
          { kioskId: signer.identity.kioskId, privateKey: signer.privateKey },
          deps.now(),
        );
        enqueueCommand(deps.db, command);
      } catch (err) {
        log.error(`the audit entry ${action} could not be queued for the cloud: ${messageOf(err)}`);
      }
    },
  };
}
