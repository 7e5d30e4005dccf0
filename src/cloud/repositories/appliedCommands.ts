/** SQL on applied_commands: each kiosk command once, with its result. */
import type { AppliedCommandsTable } from '../db/schema';
import type { Db } from './db';
import { insertRow, insertRows, prepared } from '../db/preparedStatements';

/** Commands that met a conflict or were rejected, newest first, with their kiosk's name; of one site's kiosks if given. */
export async function listCommandConflicts(db: Db, limit: number, siteId: string | undefined) {
  return db
    .selectFrom('applied_commands')
    .innerJoin('kiosks', 'kiosks.id', 'applied_commands.kiosk_id')
    .select([
      'applied_commands.id',
      'applied_commands.kiosk_id',
      'kiosks.name as kiosk_name',
      'applied_commands.kind',
      'applied_commands.booking_id',
      'applied_commands.status',
      'applied_commands.code',
      'applied_commands.message',
      'applied_commands.at',
      'applied_commands.applied_at',
    ])
    .where('applied_commands.status', 'in', ['conflict', 'rejected'])
    .$if(siteId !== undefined, (q) => q.where('kiosks.site_id', '=', siteId!))
    .orderBy('applied_commands.applied_at', 'desc')
    .orderBy('applied_commands.id')
    .limit(limit)
    .execute();
}

/** The booking the first check-in command naming a visit was for (a booking id, or undefined). */
export async function findCheckInBookingIdOfVisit(db: Db, visitId: string): Promise<string | null | undefined> {
  const command = await db
    .selectFrom('applied_commands')
    .select('booking_id')
    .where('visit_id', '=', visitId)
    .where('kind', '=', 'checkin')
    .where('booking_id', 'is not', null)
    .orderBy('applied_at')
    .executeTakeFirst();
  return command?.booking_id;
}

// every kiosk command reads and writes these: built once (preparedStatements.ts)
const selectApplied = prepared((db: Db, id: string) => db.selectFrom('applied_commands').select(['kiosk_id', 'result']).where('id', '=', id));

export async function findAppliedCommand(db: Db, id: string): Promise<AppliedCommandSeen | undefined> {
  return (await selectApplied(db, id)).rows[0];
}

export type AppliedCommandSeen = Pick<AppliedCommandsTable, 'kiosk_id' | 'result'>;

/** The commands among `ids` (a batch's) already applied, by id: one statement. */
export async function findAppliedCommands(db: Db, ids: readonly string[]): Promise<Map<string, AppliedCommandSeen>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('applied_commands').select(['id', 'kiosk_id', 'result']).where('id', 'in', ids).execute();
  return new Map(rows.map(({ id, ...seen }) => [id, seen]));
}

export async function insertAppliedCommand(db: Db, row: AppliedCommandsTable): Promise<void> {
  await insertRow(db, 'applied_commands', row);
}

export async function insertAppliedCommands(db: Db, rows: readonly AppliedCommandsTable[]): Promise<void> {
  await insertRows(db, 'applied_commands', rows);
}

/** The kiosk whose registerWalkIn command created this main bill (undefined: not a walk-in registered by a kiosk). */
export async function findWalkInRegistrar(db: Db, bookingId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('applied_commands')
    .select('kiosk_id')
    .where('booking_id', '=', bookingId)
    .where('kind', '=', 'registerWalkIn')
    .where('status', '=', 'applied')
    .executeTakeFirst();
  return row?.kiosk_id;
}
