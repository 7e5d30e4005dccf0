/**
 * Many approved bookings of the demo site written straight into the cloud's database (a drill of thousands cannot
 * book them one HTTP request at a time within its budget): cloned from a demo booking, each with its own id, code and
 * change number, so that kiosks pull them like any other.
 */
import type { Kysely } from 'kysely';
import { CHANGE_SEQ } from '../../../src/cloud/db/changeSeq';
import type { CloudSchema } from '../../../src/cloud/db/schema';
import { DEMO_SITE } from '../../../src/cloud/demo';

/** The i-th drill booking code of a batch: 8 characters of Crockford base32, the first one the batch's (W, X, Y, Z). */
function drillCode(batch: string, i: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let code = '';
  for (let n = i; code.length < 7; n = Math.floor(n / 32)) code = alphabet[n % 32]! + code;
  return `${batch}${code}`;
}

/**
 * `count` approved bookings open over [start, end]; answers their ids in order. `batch` (W, X, Y or Z) tells the
 * batches seeded into one cloud apart.
 */
export async function seedApprovedBookings(
  db: Kysely<CloudSchema>,
  count: number,
  window: { start: Date; end: Date },
  batch: 'W' | 'X' | 'Y' | 'Z' = 'W',
): Promise<string[]> {
  const template = await db.selectFrom('bookings').selectAll().where('site_id', '=', DEMO_SITE.id).where('status', '=', 'approved').executeTakeFirstOrThrow();
  const counter = await db.selectFrom('counters').select('value').where('name', '=', CHANGE_SEQ).executeTakeFirstOrThrow();
  let seq = counter.value;
  const ids: string[] = [];
  const createdAt = new Date(window.start.getTime() - 86_400_000).toISOString();
  for (let done = 0; done < count; done += 400) {
    const rows = [];
    for (let i = done; i < Math.min(count, done + 400); i++) {
      const id = `bk_drill_${batch}${i}`;
      ids.push(id);
      rows.push({
        ...template,
        id,
        code: drillCode(batch, i),
        window_start: window.start.toISOString(),
        window_end: window.end.toISOString(),
        created_at: createdAt,
        updated_at: createdAt,
        change_seq: ++seq,
      });
    }
    await db.insertInto('bookings').values(rows).execute();
  }
  await db.updateTable('counters').set({ value: seq }).where('name', '=', CHANGE_SEQ).execute();
  return ids;
}
