import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../../src/cloud/db/database';
import { DEMO_SITE, loadDemoData } from '../../../../src/cloud/demo';
import { KIOSK_SEEN_PRECISION_MS, saveKioskStatus } from '../../../../src/cloud/repositories/policies';
import { DIALECTS, openTestDatabase, T0, type TestDatabase } from '../../../support/cloud/harness';

const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe.each(DIALECTS)('saveKioskStatus (%s): a heartbeat, not a write per pull', (dialect) => {
  let t: TestDatabase;
  const status = async () => t.db.kysely.selectFrom('kiosk_status').selectAll().where('kiosk_id', '=', 'kiosk_hb').executeTakeFirstOrThrow();
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await migrateToLatest(t.db);
    await loadDemoData(t.db, { now: T0 });
    await t.db.kysely
      .insertInto('kiosks')
      .values({
        id: 'kiosk_hb',
        site_id: DEMO_SITE.id,
        name: 'Desk',
        credential_hash: 'h',
        public_key: 'k',
        key_id: 'kid',
        enrolled_at: at(0),
        revoked: 0,
        revoked_at: null,
      })
      .execute();
  });
  afterAll(() => t.dispose());

  it('writes the first pull, skips later ones that change nothing, and writes again when stale or changed', async () => {
    await saveKioskStatus(t.db.kysely, { kiosk_id: 'kiosk_hb', last_seen_at: at(0), version: '0.1.0', pending_commands: 0 });
    expect(await status()).toMatchObject({ last_seen_at: at(0), version: '0.1.0' });
    await saveKioskStatus(t.db.kysely, { kiosk_id: 'kiosk_hb', last_seen_at: at(15_000), version: '0.1.0', pending_commands: 0 });
    expect((await status()).last_seen_at).toBe(at(0));
    await saveKioskStatus(t.db.kysely, { kiosk_id: 'kiosk_hb', last_seen_at: at(30_000), version: '0.1.0', pending_commands: 3 });
    expect(await status()).toMatchObject({ last_seen_at: at(30_000), pending_commands: 3 });
    await saveKioskStatus(t.db.kysely, { kiosk_id: 'kiosk_hb', last_seen_at: at(45_000), version: '0.2.0', pending_commands: 3 });
    expect(await status()).toMatchObject({ last_seen_at: at(45_000), version: '0.2.0' });
    await saveKioskStatus(t.db.kysely, { kiosk_id: 'kiosk_hb', last_seen_at: at(45_000 + KIOSK_SEEN_PRECISION_MS + 1), version: '0.2.0', pending_commands: 3 });
    expect((await status()).last_seen_at).toBe(at(45_000 + KIOSK_SEEN_PRECISION_MS + 1));
    await saveKioskStatus(t.db.kysely, { kiosk_id: 'kiosk_hb', last_seen_at: at(200_000), version: null, pending_commands: null });
    expect(await status()).toMatchObject({ version: null, pending_commands: null });
  });
});
