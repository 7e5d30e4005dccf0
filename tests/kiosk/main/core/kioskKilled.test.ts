/**
 * Fault drill (issue 12 item 3): the kiosk killed with SIGKILL at random points while check-ins and sync run.
 * A child process (tests/support/drills/checkinWorker.ts, the real kiosk core) checks visitors in and out and says
 * each confirmation on stdout; the drill kills it at a random moment, starts it again on the same data folder, and so
 * on, at least PASSDESK_DRILL_KILLS times (default 100). The check every drill ends in: every check-in the kiosk
 * confirmed to a person is in the cloud exactly once, and kiosk and cloud agree.
 * The kill points are random; the seed is in the test's name so that a failure can be run again with it
 * (PASSDESK_DRILL_SEED).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKioskCore } from '../../../../src/main/core/kioskCore';
import { bundleDrillProgram } from '../../../support/drills/bundle';
import { approvedBookings } from '../../../support/drills/bookings';
import { drainAndExpectAgreement } from '../../../support/drills/agreement';
import { drillRandom, drillSeed } from '../../../support/drills/random';
import { useCloudKiosks } from '../../../support/kiosk/cloudKiosks';
import { tempDir } from '../../../support/kiosk/helpers';

const KILLS = Number(process.env.PASSDESK_DRILL_KILLS ?? 100);
const BOOKINGS = 120;
const SEED = drillSeed();

interface Run {
  /** `in <bookingId> <visitId>` lines: check-ins the person at the desk saw confirmed */
  checkIns: [string, string][];
  /** `out <bookingId>` lines: sign-outs the person saw confirmed */
  signOuts: string[];
  done: boolean;
  killed: boolean;
  /** how long it took to say ready */
  readyMs: number | undefined;
  stderr: string;
}

/**
 * When a life of the worker is killed: `ms` after it started (while it opens its database and syncs for the first
 * time), or `ms` after its `afterConfirmations`-th confirmation (0: after it said ready) while it checks in and syncs.
 * Counting confirmations rather than milliseconds keeps the drill making progress however loaded the machine is.
 */
type KillPoint = { phase: 'startup'; ms: number } | { phase: 'work'; afterConfirmations: number; ms: number };

/** One life of the worker: killed at `kill`, unless it ends first. */
function runWorker(bundle: string, env: NodeJS.ProcessEnv, kill: KillPoint | undefined): Promise<Run> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [bundle], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { checkIns: [], signOuts: [], done: false, killed: false, readyMs: undefined, stderr: '' };
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    timer ??= setTimeout(() => child.kill('SIGKILL'), ms);
  };
  if (kill?.phase === 'startup') arm(kill.ms);
  const armWhen = (confirmations: number) => {
    if (kill?.phase === 'work' && kill.afterConfirmations === confirmations) arm(kill.ms);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [word, bookingId, visitId] = line.split(' ');
      if (word === 'in' && bookingId && visitId) {
        run.checkIns.push([bookingId, visitId]);
        armWhen(run.checkIns.length + run.signOuts.length);
      } else if (word === 'out' && bookingId) {
        run.signOuts.push(bookingId);
        armWhen(run.checkIns.length + run.signOuts.length);
      } else if (word === 'done') {
        run.done = true;
        if (kill?.phase === 'work') arm(kill.ms); // no confirmations to wait for: it only syncs from here on
      } else if (word === 'ready') {
        run.readyMs = Date.now() - startedAt;
        armWhen(0);
      }
    }
  });
  child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString('utf8')));
  return new Promise((resolve) => {
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      run.killed = signal === 'SIGKILL';
      resolve(run);
    });
  });
}

describe('fault drill: the kiosk killed (SIGKILL) while it checks visitors in and syncs', () => {
  const kiosks = useCloudKiosks('Drill desk');
  const data = tempDir('passdesk-drill-');
  let bundle: string | undefined;
  afterAll(() => {
    data.cleanup();
    if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
  });

  it(`every confirmed check-in and sign-out reaches the cloud exactly once, and kiosk and cloud agree (${KILLS} kills, seed ${SEED})`, async () => {
    bundle = await bundleDrillProgram('tests/support/drills/checkinWorker.ts');
    const cloud = kiosks.cloud;
    const bookingIds = await approvedBookings(cloud, BOOKINGS);
    const signOut = new Set(bookingIds.filter((_, i) => i % 3 === 0));
    // enrolled and first pulled in this process, then handed to the worker
    const first = await createKioskCore({ dataDir: data.dir, cloudUrl: cloud.url, autoSync: false });
    await first.enrol({ code: await cloud.enrolmentCode(), name: 'Drill desk' });
    await first.sync.now();
    await first.close();

    const rand = drillRandom(SEED);
    const env = { PASSDESK_DRILL_DATA_DIR: data.dir, PASSDESK_DRILL_BOOKINGS: bookingIds.join(','), PASSDESK_DRILL_SIGN_OUT: [...signOut].join(',') };
    const confirmedCheckIns = new Map<string, string>();
    const confirmedSignOuts = new Set<string>();
    const record = (run: Run) => {
      for (const [bookingId, visitId] of run.checkIns) {
        // a booking is checked in once: a later life sees it arrived and moves on
        expect(confirmedCheckIns.get(bookingId), `booking ${bookingId} checked in twice`).toBeUndefined();
        confirmedCheckIns.set(bookingId, visitId);
      }
      for (const bookingId of run.signOuts) confirmedSignOuts.add(bookingId);
    };
    let kills = 0;
    let done = false;
    let readyMs = 1000;
    while (kills < KILLS) {
      // a third of the kills land while the process starts (database open, migrations, first sync), the rest while it
      // works: after 0 to 5 confirmations, 0 to 40 ms on (inside a commit, a push, a pull)
      const kill: KillPoint =
        rand() < 1 / 3
          ? { phase: 'startup', ms: Math.floor(rand() * readyMs) }
          : { phase: 'work', afterConfirmations: Math.floor(rand() * 6), ms: Math.floor(rand() * 40) };
      const run = await runWorker(bundle, { ...env, PASSDESK_DRILL_STAY: '1' }, kill);
      readyMs = run.readyMs ?? readyMs;
      if (!run.killed && !run.done) throw new Error(`the worker failed:\n${run.stderr}`);
      record(run);
      if (run.killed) kills++;
      done ||= run.done;
    }
    if (!done) {
      const last = await runWorker(bundle, env, undefined);
      expect(last.done, last.stderr).toBe(true);
      record(last);
    }
    expect(confirmedCheckIns.size).toBeGreaterThan(0);

    // the kiosk once more, to push what the last kill left in the outbox
    const core = await createKioskCore({ dataDir: data.dir, cloudUrl: cloud.url, autoSync: false });
    try {
      await drainAndExpectAgreement(core, cloud.server.db.kysely, { bookingIds, signOut, confirmedCheckIns, confirmedSignOuts });
    } finally {
      await core.close();
    }
  }, 900_000);
});
