/** The audit log: who did what to which record, for a person to read later. */
import { newId } from '../../platform/secrets';
import type { Db } from './db';
import type { AuditLogTable } from '../db/schema';
import { insertRow, insertRows } from '../db/preparedStatements';

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  // written with nearly every change: built once (preparedStatements.ts)
  await insertRow(db, 'audit_log', auditRow(e));
}

/** Entries written together (a batch of kiosk commands: commandReads.ts). */
export async function writeAudits(db: Db, rows: readonly AuditLogTable[]): Promise<void> {
  await insertRows(db, 'audit_log', rows);
}

/** An entry's row, to be written later (commandReads.ts writes a batch's in the order they were made). */
export function auditRow(e: AuditEntry): AuditLogTable {
  return { id: newId('aud'), at: e.at.toISOString(), actor: e.actor, action: e.action, subject: e.subject, detail: JSON.stringify(e.detail ?? {}) };
}
