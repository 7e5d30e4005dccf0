/**
 * The sync engine's harder cases against the real cloud: paging, refused batches, retry by itself, the config version
 * (issue 12: the site, settings, policy and keys pulled only when they changed).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { allCommands, enqueueCommand } from '../../../../../src/main/core/db/outboxStore';
import { countBookings } from '../../../../../src/main/core/db/bookingsStore';
import { readCloudConfigVersion, readSyncState } from '../../../../../src/main/core/db/syncStateStore';
import { signCommand } from '../../../../../src/main/core/sync/commands';
import { generatePassKeyPair } from '../../../../../src/shared/pass';
import type { SyncState } from '../../../../../src/shared/ipc';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sync engine edges (real cloud)', () => {
  const kiosks = useCloudKiosks('Edge kiosk');
  const { enrolledCore } = kiosks;

  it('pulls page by page while the cloud has more', async () => {
    const paged = await enrolledCore({ syncTuning: { pullPageSize: 1 } });
    const whole = await enrolledCore();
    expect(countBookings(paged.db)).toBeGreaterThanOrEqual(4);
    expect(countBookings(paged.db)).toBe(countBookings(whole.db));
    const hosts = (c: KioskCore) => (c.db.prepare('SELECT count(*) AS n FROM hosts').get() as { n: number }).n;
    expect(hosts(paged)).toBe(hosts(whole));
  });

  it('holds the config version it applied: a quiet sync keeps site and keys, a kiosk enrolled meanwhile brings its key', async () => {
    const core = await enrolledCore();
    const version = readCloudConfigVersion(core.db);
    expect(version).toMatch(/^[0-9A-Za-z.-]+$/);
    const keys = () => (core.db.prepare('SELECT kid FROM pass_keys ORDER BY kid').all() as { kid: string }[]).map((k) => k.kid);
    const before = keys();
    await core.sync.now(); // the cloud leaves the config out: what the kiosk holds stands
    expect(readCloudConfigVersion(core.db)).toBe(version);
    expect(readSyncState(core.db).site?.name).toBe('Passdesk 演示园区');
    expect(keys()).toEqual(before);
    const other = await enrolledCore();
    await core.sync.now();
    expect(readCloudConfigVersion(core.db)).not.toBe(version);
    expect(keys()).toContain(other.identity()!.keyId);
  });

  it('a refused batch does not loop: the bad command is kept as rejected, the good one goes through', async () => {
    const core = await enrolledCore();
    const kioskId = core.identity()!.kioskId;
    const stranger = await generatePassKeyPair();
    const forged = await signCommand(
      { kind: 'checkin', payload: { bookingId: 'bk_demo_g001', visitId: randomUUID(), passId: 'x', partySize: 1 } },
      { kioskId, privateKey: stranger.privateKey },
      new Date(),
    );
    enqueueCommand(core.db, forged);
    await core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a001' });
    const state = await core.sync.now();
    expect(state).toMatchObject({ pendingCommands: 0, conflicts: 1, phase: 'idle' });
    const entries = allCommands(core.db, kioskId);
    expect(entries.map((e) => e.state)).toEqual(['rejected', 'sent']);
    expect(entries[0]!.lastError).toMatch(/command_bad_signature/);
    expect((await kiosks.cloud.booking('bk_demo_a001')).status).toBe('arrived');
    expect((await kiosks.cloud.booking('bk_demo_g001')).status).toBe('approved');
    const again = await core.sync.now();
    expect(again).toMatchObject({ pendingCommands: 0, conflicts: 1 });
    expect(allCommands(core.db, kioskId)[0]!.attempts).toBe(entries[0]!.attempts);
  });

  it('refuses to enrol again while commands of the current enrolment wait', async () => {
    const core = await enrolledCore();
    const before = core.identity();
    const { privateKey } = await generatePassKeyPair();
    enqueueCommand(core.db, await signCommand({ kind: 'checkout', payload: { visitId: randomUUID() } }, { kioskId: before!.kioskId, privateKey }, new Date()));
    await expect(core.enrol({ code: await kiosks.cloud.enrolmentCode(), name: 'Again' })).rejects.toMatchObject({ code: 'pending_commands' });
    expect(core.identity()).toEqual(before);
  });

  it('retries by itself with backoff while the cloud is away, and catches up when it is back', async () => {
    const core = await enrolledCore({ autoSync: true, syncTuning: { backoff: { baseMs: 100, capMs: 800 } } });
    const seen: SyncState[] = [];
    core.events.on('sync.state', (s) => seen.push(s));
    await kiosks.cloud.stop();
    let restarted = false;
    try {
      await core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a002' });
      await until('two failed attempts', () => seen.filter((s) => s.phase === 'offline').length >= 2);
      const offline = core.sync.state();
      expect(offline).toMatchObject({ online: false, phase: 'offline', pendingCommands: 1 });
      expect(Date.parse(offline.nextAttemptAt!)).toBeGreaterThan(Date.now() - 1000);
      await kiosks.cloud.restart();
      restarted = true;
      await until('the outbox to drain', () => core.sync.state().pendingCommands === 0 && core.sync.state().phase === 'idle');
    } finally {
      if (!restarted) await kiosks.cloud.restart();
    }
    expect(core.sync.state()).toMatchObject({ online: true, phase: 'idle' });
    expect((await kiosks.cloud.booking('bk_demo_a002')).status).toBe('arrived');
  });
});
