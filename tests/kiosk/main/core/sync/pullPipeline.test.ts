/**
 * The kiosk's pull, pipelined (issue 12: a fresh kiosk's first pull of 10,000 bookings ≤ 1 s): while it writes page k
 * the cloud already builds page k+1. Against the real cloud: every booking and the last cursor still end up held,
 * pages in order; the request for the next page is out before a page is written; a page that fails to apply keeps the
 * cursor at the last page committed, its request sent ahead dropped without an unhandled rejection, and the next run
 * completes the pull; a reply asked for ahead never sets the clock.
 */
import { describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../../../../src/main/core/enrolment';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { countBookings, getBooking } from '../../../../../src/main/core/db/bookingsStore';
import { readIdentity } from '../../../../../src/main/core/db/identityStore';
import { kioskDbPath, openKioskDb, type KioskDb } from '../../../../../src/main/core/db/openDb';
import { readCloudConfigVersion, readSyncState } from '../../../../../src/main/core/db/syncStateStore';
import { KioskEventBus } from '../../../../../src/main/core/events';
import { loadSecrets } from '../../../../../src/main/core/settings';
import { SyncEngine } from '../../../../../src/main/core/sync/syncEngine';
import { seedApprovedBookings } from '../../../../support/drills/seedBookings';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { startCountingRelay } from '../../../../support/kiosk/countingRelay';
import { tempDir } from '../../../../support/kiosk/helpers';
import { startTamperingProxy, type TamperingProxy } from '../../../../support/kiosk/tamperingProxy';

const HOUR = 3_600_000;
const PAGE = 10;

/** the cursor each page committed and the bookings held then, kept by a trigger (undone with a page that fails) */
function recordCommittedPages(db: KioskDb): () => { cursor: string; held: number }[] {
  db.exec(`CREATE TABLE test_committed_pages (n INTEGER PRIMARY KEY, cursor TEXT NOT NULL, held INTEGER NOT NULL);
    CREATE TRIGGER test_page_committed AFTER UPDATE OF cursor ON sync_state WHEN NEW.cursor IS NOT NULL BEGIN
      INSERT INTO test_committed_pages (cursor, held) VALUES (NEW.cursor, (SELECT count(*) FROM bookings));
    END;`);
  return () => db.prepare('SELECT cursor, held FROM test_committed_pages ORDER BY n').all() as { cursor: string; held: number }[];
}

const pulls = (proxy: TamperingProxy) => proxy.requests.filter((r) => r.path.includes('/sync/pull'));
const cursorOf = (path: string) => new URL(path, 'http://kiosk').searchParams.get('cursor') ?? undefined;

describe('the kiosk pulls pipelined (real cloud)', () => {
  const kiosks = useCloudKiosks('Pipelined desk');
  const { enrolledCore, afterThisTest } = kiosks;
  const openNow = () => ({ start: new Date(Date.now() - HOUR), end: new Date(Date.now() + 2 * HOUR) });

  /** a core (not enrolled yet) reaching the cloud at `cloudUrl` (a proxy or a relay), pulling PAGE changes a page */
  async function coreAt(cloudUrl: string): Promise<KioskCore> {
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    const core = await createKioskCore({ dataDir: t.dir, cloudUrl, autoSync: false, syncTuning: { pullPageSize: PAGE } });
    afterThisTest(() => core.close());
    return core;
  }

  /** such a core behind a logging proxy */
  async function coreBehindProxy(): Promise<{ core: KioskCore; proxy: TamperingProxy }> {
    const proxy = await startTamperingProxy(kiosks.cloud.url);
    afterThisTest(() => proxy.close());
    return { core: await coreAt(proxy.url), proxy };
  }

  it('a first pull of many pages ends with every booking, applied page by page in order, and the last cursor', async () => {
    await seedApprovedBookings(kiosks.cloud.server.db.kysely, 45, openNow(), 'W');
    const { core, proxy } = await coreBehindProxy();
    const replies: { cursor: string; hasMore: boolean; settings: boolean }[] = [];
    proxy.tamperPull = (body) => {
      replies.push({ cursor: body.cursor as string, hasMore: body.hasMore as boolean, settings: body.settings !== undefined });
      return body;
    };
    const committed = recordCommittedPages(core.db);
    await core.enrol({ code: await kiosks.cloud.enrolmentCode(), name: 'Paged desk' });
    expect(core.sync.state()).toMatchObject({ online: true, phase: 'idle' });

    const whole = await enrolledCore();
    expect(countBookings(core.db)).toBeGreaterThanOrEqual(45);
    const ids = (c: KioskCore) => (c.db.prepare('SELECT id FROM bookings ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    expect(ids(core)).toEqual(ids(whole));
    // each page committed in the order the cloud sent it, the last one's cursor kept
    expect(replies.length).toBeGreaterThanOrEqual(5);
    expect(replies.at(-1)?.hasMore).toBe(false);
    expect(committed().map((p) => p.cursor)).toEqual(replies.map((r) => r.cursor));
    expect(readSyncState(core.db).cursor).toBe(replies.at(-1)?.cursor);
    // each request but the first asks from the page before it
    expect(pulls(proxy).map((r) => cursorOf(r.path))).toEqual([undefined, ...replies.slice(0, -1).map((r) => r.cursor)]);
    // the first page brought the settings; every later request told the config version it saved, so none again
    const config = readCloudConfigVersion(core.db);
    expect(config).toBeDefined();
    expect(replies.map((r) => r.settings)).toEqual(replies.map((_, i) => i === 0));
    expect(pulls(proxy).map((r) => new URL(r.path, 'http://kiosk').searchParams.get('config') ?? undefined)).toEqual(
      replies.map((_, i) => (i === 0 ? undefined : config)),
    );
  });

  it('asks for page k+1 before it writes page k (not after a page with settings: the next request tells their version)', async () => {
    await seedApprovedBookings(kiosks.cloud.server.db.kysely, 45, openNow(), 'X');
    const relay = await startCountingRelay(kiosks.cloud.url);
    afterThisTest(() => relay.close());
    const watched = await coreAt(relay.url);
    // inside each page's transaction, as its cursor is saved: has the request for the next page reached the relay?
    const asked: { page: number; pullsSeen: number }[] = [];
    watched.db.function('test_page_written', () => {
      const page = asked.length + 1;
      asked.push({ page, pullsSeen: relay.waitForPulls(page + 1, 2_000) });
      return null;
    });
    watched.db.exec(`CREATE TRIGGER test_page_written AFTER UPDATE OF cursor ON sync_state WHEN NEW.cursor IS NOT NULL BEGIN
      SELECT test_page_written();
    END;`);
    await watched.enrol({ code: await kiosks.cloud.enrolmentCode(), name: 'Watched desk' });
    expect(watched.sync.state()).toMatchObject({ online: true, phase: 'idle' });
    expect(asked.length).toBeGreaterThanOrEqual(5);
    // page 1 brought the settings: page 2 asked for once it was written; from then on the next page is asked for
    // before a page is written; after the last page nothing more
    expect(asked[0]).toEqual({ page: 1, pullsSeen: 1 });
    for (const a of asked.slice(1, -1)) expect(a).toEqual({ page: a.page, pullsSeen: a.page + 1 });
    expect(asked.at(-1)).toEqual({ page: asked.length, pullsSeen: asked.length });
  });

  it('a page that fails to apply: the cursor stays at the last page committed, the page asked ahead is given up, the next run completes the pull', async () => {
    const seeded = await seedApprovedBookings(kiosks.cloud.server.db.kysely, 45, openNow(), 'Y');
    const { core, proxy } = await coreBehindProxy();
    const committed = recordCommittedPages(core.db);
    // the kiosk's disk refuses one booking's row; the cloud, meanwhile, has gone slow: the reply to the request sent
    // ahead is held back (the proxy and the cloud run on this thread, so it cannot have come before the page is written)
    const failing = seeded[30]!;
    core.db.function('test_cloud_goes_slow', () => {
      proxy.holdPulls = true;
      return null;
    });
    core.db.exec(`CREATE TRIGGER test_refuse_row BEFORE INSERT ON bookings WHEN NEW.id = '${failing}' BEGIN
      SELECT test_cloud_goes_slow();
      SELECT RAISE(ABORT, 'the disk refused the row');
    END;`);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    afterThisTest(() => void process.off('unhandledRejection', onUnhandled));

    await core.enrol({ code: await kiosks.cloud.enrolmentCode(), name: 'Failing desk' });
    // the kiosk's own failure, not the cloud's absence: an error, with the cloud online (it answered)
    expect(core.sync.state()).toMatchObject({ phase: 'error', online: true, lastError: expect.stringMatching(/the disk refused the row/) });
    // the request sent ahead is given up at once (not after the client's 10 s timeout), its rejection handled
    const end = Date.now() + 2_000;
    while (proxy.abandoned === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.abandoned).toBe(1);
    expect(unhandled).toEqual([]);
    const sent = pulls(proxy).length;
    // nothing of the failed page (nor of the one asked ahead) stayed; the cursor is the last committed page's
    const pages = committed();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(readSyncState(core.db).cursor).toBe(pages.at(-1)!.cursor);
    expect(countBookings(core.db)).toBe(pages.at(-1)!.held);
    expect(getBooking(core.db, failing)).toBeUndefined();

    // the fault gone, the next run goes on from that cursor and completes the pull
    proxy.holdPulls = false;
    core.db.exec('DROP TRIGGER test_refuse_row');
    const state = await core.sync.now();
    expect(state).toMatchObject({ online: true, phase: 'idle' });
    expect(state.lastError).toBeUndefined();
    expect(cursorOf(pulls(proxy)[sent]!.path)).toBe(pages.at(-1)!.cursor);
    for (const id of seeded) expect(getBooking(core.db, id), id).toBeDefined();
    const whole = await enrolledCore();
    expect(countBookings(core.db)).toBe(countBookings(whole.db));
  });

  it('gives the clock probe only replies it asked for without sending ahead', async () => {
    await seedApprovedBookings(kiosks.cloud.server.db.kysely, 45, openNow(), 'Z');
    const proxy = await startTamperingProxy(kiosks.cloud.url);
    afterThisTest(() => proxy.close());
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    await enrolKiosk({ dataDir: t.dir, cloudUrl: proxy.url, code: await kiosks.cloud.enrolmentCode(), name: 'Clocked desk' });
    const db = openKioskDb(kioskDbPath(t.dir));
    afterThisTest(() => {
      db.close();
    });
    // the time each pull reply left the cloud, in order
    const sentTimes: string[] = [];
    proxy.tamperPull = (body) => {
      sentTimes.push(body.serverTime as string);
      return body;
    };
    const heard: { request: number; serverTime: string }[] = [];
    const engine = new SyncEngine({
      db,
      events: new KioskEventBus(),
      now: () => new Date(),
      credentials: () => ({ identity: readIdentity(db)!, credential: loadSecrets(t.dir)!.credential }),
      intervalMs: () => 60_000,
      applyCloudSettings: () => undefined,
      pullPageSize: PAGE,
      clockProbe: () => {
        const request = pulls(proxy).length; // the pull requests the cloud had had before this one
        return (serverTime) => heard.push({ request, serverTime });
      },
    });
    afterThisTest(() => engine.stop());
    expect(await engine.syncNow()).toMatchObject({ online: true, phase: 'idle' });
    const first = pulls(proxy).length;
    expect(first).toBeGreaterThanOrEqual(5);
    // the first page (it carried the settings) and the second (asked for once their version was saved); the rest were
    // asked for ahead: none of them told the time
    expect(heard.map((h) => h.request)).toEqual([0, 1]);
    expect(heard.map((h) => h.serverTime)).toEqual(sentTimes.slice(0, 2));
    // a later run's first page is asked for as it is needed: it tells the time
    await engine.syncNow();
    expect(heard.map((h) => h.request)).toEqual([0, 1, first]);
  });
});
