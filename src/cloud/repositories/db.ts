/** What every repository function takes: the database, or a transaction a service or route opened on it. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CloudSchema } from '../db/schema';

export type Db = Kysely<CloudSchema> | Transaction<CloudSchema>;

/** A round trip to the database (liveness). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
