/** The audit log: who did what to which record, for a person to read later. */
import { newId } from '../../platform/secrets';
import type { Db } from './db';
import { insertRow } from '../db/preparedStatements';

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  // written with nearly every change: built once (preparedStatements.ts)
  await insertRow(db, 'audit_log', {
    id: newId('aud'),
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: JSON.stringify(e.detail ?? {}),
  });
}
