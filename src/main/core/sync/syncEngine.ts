/**
 * The sync engine: pushes the outbox in order, then pulls by cursor until nothing more waits. Runs every
 * settings.syncIntervalMs, at once on sync.now(), and, while the cloud is unreachable, on an exponential
 * backoff with jitter. Publishes its state as `sync.state` events.
 */
import type { SyncState } from '../../../shared/ipc';
import { redactText } from '../../../shared/mask';
import type { CloudKioskSettings, PushResponse, SignedCommand } from '../../../shared/sync';
import { PUSH_BODY_LIMIT } from '../../../shared/visitorPhoto';
import type { KioskIdentity } from '../db/identityStore';
import type { KioskDb } from '../db/openDb';
import { countUnacknowledgedConflicts } from '../db/conflictsStore';
import { countByState, pendingCommands, recordAttemptFailure, recordResult, rejectCommands } from '../db/outboxStore';
import { readCloudConfigVersion, readSyncState, saveCloudConfigVersion, savePushTime } from '../db/syncStateStore';
import type { KioskEventBus } from '../events';
import { createLogger } from '../log';
import { applyCloudBooking, applyPullPage } from './applyPull';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { CloudRequestError, createCloudClient, type CloudClient, type PulledPage } from './cloudClient';
import { messageOf } from '../../../shared/errorText';

const log = createLogger('sync');

export const PUSH_BATCH_SIZE = 200;
const MAX_PULL_PAGES = 1_000;

export interface SyncEngineDeps {
  db: KioskDb;
  events: KioskEventBus;
  now: () => Date;
  /** the enrolled identity and its credential, or undefined while the kiosk is not enrolled */
  credentials: () => { identity: KioskIdentity; credential: string } | undefined;
  intervalMs: () => number;
  /** a pull's settings and policy (unchecked: the policy may fail its schema); answers the policy's error, if any */
  applyCloudSettings: (settings: CloudKioskSettings, policy: unknown) => string | undefined;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** changes per pull page (the cloud caps it at 1000); default 500 */
  pullPageSize?: number;
  /** this kiosk's software version, told the cloud at each pull */
  version?: string;
  /** after every successful run (housekeeping such as the retention purge) */
  afterSuccessfulRun?: () => void;
  /** called before each pull; what it answers is given the reply's serverTime (the kiosk's clock follows the cloud's) */
  clockProbe?: () => (serverTime: string) => void;
}

/** What a push body may hold, with room for its wrapping: the cloud refuses a larger one (413 body_too_large). */
const PUSH_BYTES = Math.floor(PUSH_BODY_LIMIT * 0.9);

/** The commands from the first that fit in one push body (at least the first: one alone always fits). */
export function withinBodyLimit(commands: readonly SignedCommand[]): SignedCommand[] {
  let bytes = 0;
  const batch: SignedCommand[] = [];
  for (const cmd of commands) {
    bytes += Buffer.byteLength(JSON.stringify(cmd)) + 1;
    if (batch.length > 0 && bytes > PUSH_BYTES) break;
    batch.push(cmd);
  }
  return batch;
}

export class SyncEngine {
  private online = false;
  private phase: SyncState['phase'] = 'idle';
  private lastError: string | undefined;
  /** the last pull's policy failed its schema: kept out, said here until a pull brings a good one */
  private policyError: string | undefined;
  private nextAttemptAt: Date | undefined;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private soon: NodeJS.Immediate | undefined;
  private started = false;
  private closed = false;
  private client: { key: string; client: CloudClient } | undefined;

  constructor(private readonly deps: SyncEngineDeps) {
    if (!deps.credentials()) this.phase = 'unenrolled';
  }

  state(): SyncState {
    const counts = countByState(this.deps.db);
    const stored = readSyncState(this.deps.db);
    const s: SyncState = {
      online: this.online,
      phase: this.phase,
      pendingCommands: counts.pending,
      conflicts: countUnacknowledgedConflicts(this.deps.db),
    };
    if (stored.lastPullAt) s.lastPullAt = stored.lastPullAt;
    if (stored.lastPushAt) s.lastPushAt = stored.lastPushAt;
    if (this.lastError !== undefined) s.lastError = this.lastError;
    if (this.policyError !== undefined) s.policyError = this.policyError;
    if (this.nextAttemptAt) s.nextAttemptAt = this.nextAttemptAt.toISOString();
    return s;
  }

  /** Starts periodic sync (first run at once). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.trigger();
  }

  /** Pushes and pulls now; concurrent calls share one run (plus one follow-up run if a run was already going). */
  async syncNow(): Promise<SyncState> {
    await this.trigger();
    return this.state();
  }

  /**
   * A local change (a check-in, a walk-in, a passage) wants pushing: a run right after the caller has answered, never
   * inside its call (a run's first steps count and read the outbox synchronously); calls before it starts share it.
   * Offline with a retry scheduled, nothing more: the retry pushes it.
   */
  requestSoon(what: string): void {
    if (this.closed || this.soon) return;
    // offline with a retry scheduled (backoff, at most the sync interval away): that retry carries the change. Else a
    // dead cloud is sent the outbox's first batch again at every check-in (issue 12's long-outage drill: ~20 ms of
    // reading and serialising 200 commands per check-in once they queue up, six times the check-in's own work)
    if (this.phase === 'offline' && this.started && this.timer !== undefined) return;
    this.soon = setImmediate(() => {
      this.soon = undefined;
      this.trigger().catch((err: unknown) => log.error(`sync after ${what} failed`, err));
    });
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.soon) clearImmediate(this.soon);
    this.soon = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queued?.catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  private trigger(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.running) {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.trigger();
    });
    return this.queued;
  }

  private clientFor(identity: KioskIdentity, credential: string): CloudClient {
    const key = `${identity.cloudUrl}\n${credential}`;
    if (this.client?.key !== key) this.client = { key, client: createCloudClient(identity.cloudUrl, credential) };
    return this.client.client;
  }

  private async runOnce(): Promise<void> {
    const creds = this.deps.credentials();
    if (!creds) {
      this.phase = 'unenrolled';
      this.online = false;
      this.publish();
      return;
    }
    this.phase = 'syncing';
    this.publish();
    const client = this.clientFor(creds.identity, creds.credential);
    let delay: number;
    try {
      await this.pushAll(client, creds.identity.kioskId);
      await this.pullAll(client);
      this.failures = 0;
      this.online = true;
      this.phase = 'idle';
      this.lastError = undefined;
      delay = this.deps.intervalMs();
      this.deps.afterSuccessfulRun?.();
    } catch (err) {
      this.failures += 1;
      const fromCloud = err instanceof CloudRequestError;
      const unreachable = fromCloud && err.kind === 'unreachable';
      // a failure of the kiosk's own (its database full, a page it cannot write) is not the cloud's absence: the
      // phase says error and `online` stays what the last reply showed (heard: set when a reply came)
      if (fromCloud) this.online = !unreachable;
      // a revoked credential is not a passing fault: say so, so that staff call the administrator
      const revoked = fromCloud && err.code === 'credential_revoked';
      this.phase = unreachable ? 'offline' : revoked ? 'revoked' : 'error';
      this.lastError = redactText(messageOf(err));
      const backoff = this.deps.backoff ?? DEFAULT_BACKOFF;
      // revoked: only a new enrolment helps, so ask at the slowest rate (the cloud is not hammered by a disabled kiosk)
      delay = revoked ? backoff.capMs : Math.min(backoffDelayMs(this.failures, backoff, this.deps.random), this.deps.intervalMs());
      if (unreachable && this.failures === 1) log.warn(`cloud unreachable, retrying with backoff: ${this.lastError}`);
      else if (!unreachable) log.error(`sync failed: ${this.lastError}`);
    }
    this.schedule(delay);
    this.publish();
  }

  private schedule(delayMs: number): void {
    if (this.closed || !this.started) {
      this.nextAttemptAt = undefined;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(this.deps.now().getTime() + delayMs);
    this.timer = setTimeout(() => void this.trigger(), delayMs);
    this.timer.unref();
  }

  private publish(): void {
    this.deps.events.emit('sync.state', this.state());
  }

  // ---- push ----------------------------------------------------------------------------------------
  private async pushAll(client: CloudClient, kioskId: string): Promise<void> {
    for (;;) {
      const batch = withinBodyLimit(pendingCommands(this.deps.db, kioskId, PUSH_BATCH_SIZE).map((e) => e.command));
      if (batch.length === 0) return;
      await this.pushBatch(client, batch);
      savePushTime(this.deps.db, this.deps.now().toISOString());
    }
  }

  /** Pushes one batch; throws unless every command in it got an answer (so the next batch may follow). */
  private async pushBatch(client: CloudClient, batch: readonly SignedCommand[]): Promise<void> {
    const ids = batch.map((c) => c.id);
    let reply: PushResponse;
    try {
      reply = await client.push(batch);
      this.online = true;
    } catch (err) {
      if (!(err instanceof CloudRequestError)) throw err;
      // 401/403 about the credential (not about a command): the kiosk's problem, keep the commands for later
      const credentialProblem = (err.status === 401 || err.status === 403) && !(err.code ?? '').startsWith('command_');
      if (err.kind === 'refused' && !credentialProblem) {
        // The cloud refuses the batch as such. Find the culprit one by one; the others still go through.
        if (batch.length > 1) {
          for (const cmd of batch) await this.pushBatch(client, [cmd]);
          return;
        }
        const message = redactText(err.message);
        rejectCommands(this.deps.db, ids, message, err.code);
        log.error(`the cloud refused command ${ids[0]}; kept as rejected: ${message}`);
        return;
      }
      recordAttemptFailure(this.deps.db, ids, redactText(err.message));
      throw err;
    }
    const answered = new Set<string>();
    this.deps.db.transaction(() => {
      for (const result of reply.results) {
        if (!ids.includes(result.id)) continue;
        answered.add(result.id);
        recordResult(this.deps.db, result);
        if (result.booking) applyCloudBooking(this.deps.db, result.booking);
        if (result.status === 'conflict' || result.status === 'rejected') {
          log.warn(`command ${result.id} was ${result.status}: ${result.code ?? ''} ${result.message ?? ''}`);
        }
      }
    })();
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length > 0) {
      recordAttemptFailure(this.deps.db, missing, 'the cloud gave no result for this command');
      throw new CloudRequestError('invalid', `push: the cloud answered ${answered.size} of ${ids.length} commands`);
    }
  }

  // ---- pull ----------------------------------------------------------------------------------------
  /**
   * Pulls page after page, pipelined: once a page's reply is in and more wait, the request for the next one goes out
   * before this one is applied, so that the cloud builds page k+1 while the kiosk writes page k (issue 12: a first pull
   * of 40,000 had each side idle while the other worked). Pages are still applied one by one in order, each with its
   * cursor in its own transaction. Not after a page that carried settings: the next request tells the config version
   * that page saved (else the cloud sends the site, settings, policy and keys again), so it waits as before.
   */
  private async pullAll(client: CloudClient): Promise<void> {
    let changed = 0;
    let cursor = readSyncState(this.deps.db).cursor;
    /** the request for the page after the one being applied, sent ahead; its reply is never given the clock probe */
    let ahead: { reply: Promise<PulledPage>; abort: AbortController } | undefined;
    try {
      for (let page = 0; page < MAX_PULL_PAGES; page++) {
        let res: PulledPage;
        if (ahead !== undefined) {
          res = await ahead.reply;
          ahead = undefined;
        } else {
          // a reply sent ahead may wait while a page is applied (synchronously): only one asked for now tells the time
          const heard = this.deps.clockProbe?.();
          res = await this.requestPage(client, cursor);
          heard?.(res.serverTime);
        }
        if (res.hasMore && res.settings === undefined && page + 1 < MAX_PULL_PAGES) {
          const abort = new AbortController();
          ahead = { reply: this.requestPage(client, res.cursor, abort.signal), abort };
          // the page below may fail to apply: the reply sent ahead is then given up, its failure no unhandled rejection
          ahead.reply.catch(() => undefined);
          // Node writes a request out on a later tick: let it leave before the page is written (synchronously), else the
          // cloud hears of it only once the page is in (tests/kiosk/main/core/sync/pullPipeline.test.ts watches for it)
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        applyPullPage(this.deps.db, res, this.deps.now());
        cursor = res.cursor;
        // no settings: the kiosk's config version is current (the cloud left out the site, settings, policy and keys)
        if (res.settings !== undefined) {
          this.policyError = this.deps.applyCloudSettings(res.settings, res.policy);
          // only once all of it is applied: a policy kept out is asked for again (the kiosk may read it after an
          // update); a cloud older than versions sends none (and always everything)
          const whole = this.policyError === undefined && res.site !== undefined && res.passKeys !== undefined;
          saveCloudConfigVersion(this.deps.db, whole ? res.configVersion : undefined);
        }
        changed += res.bookings.length;
        if (!res.hasMore) break;
      }
    } finally {
      // a page that failed to apply: the request sent ahead would hold a socket until its reply or its timeout
      ahead?.abort.abort();
    }
    if (changed > 0) this.deps.events.emit('bookings.changed', { count: changed });
  }

  /** One pull request from `cursor`, with what the cloud's list of kiosks shows and the config version held now. */
  private requestPage(client: CloudClient, cursor: string | undefined, signal?: AbortSignal): Promise<PulledPage> {
    const report = { pending: countByState(this.deps.db).pending, ...(this.deps.version !== undefined ? { version: this.deps.version } : {}) };
    const config = readCloudConfigVersion(this.deps.db);
    return client.pull(cursor, this.deps.pullPageSize ?? 500, { ...report, ...(config !== undefined ? { config } : {}) }, signal).then((page) => {
      this.online = true;
      return page;
    });
  }
}
