/**
 * A walk-in waiting for its host (issue 9 item 5, site approval `host`): the registration was pushed at once; the
 * core waits on the cloud's long-poll decision route (waits of at most 25 s, one after another, never a faster poll)
 * and publishes where the walk-in stands as `walkin.decision` events. Approved: every person (the main bill and each
 * approved sub-bill) is checked in with the desk's own check-in (a signed `checkin` command, a pass each). The cloud
 * lost while waiting: `connection_lost` with the site's offline rule, which the desk may apply
 * (applyOfflineRule). The waits are kept in the kiosk's database (walkInWaitsStore.ts): after a restart the core
 * resumes waiting for each one still open (resume), and the desk lists them (list). The desk giving up withdraws the
 * walk-in in the cloud: a signed `cancelWalkIn` command in the outbox, sent now or when the cloud is back, once.
 * Explicit deps: database, events, clock, signer, the cloud's kiosk routes, sync, check-in.
 */
import type { Visit } from '../../../shared/domain';
import {
  IpcCallError,
  type WalkInDecisionEvent,
  type WalkInDecisionState,
  type WalkInPassView,
  type WalkInRegistered,
  type WalkInWaitView,
} from '../../../shared/ipc';
import { MAX_DECISION_WAIT_SECONDS, type WalkInDecision } from '../../../shared/kioskDirectory';
import { redactText } from '../../../shared/mask';
import type { WalkInOfflineFallback } from '../../../shared/walkIn';
import type { BookingStatus } from '../../../shared/domain';
import { getBooking, upsertBooking } from '../db/bookingsStore';
import type { KioskDb } from '../db/openDb';
import { markWalkInVisit, outboxCommandOutcome, type WalkInVisitFields } from '../db/walkInStore';
import { enqueueCommand } from '../db/outboxStore';
import { hasWithdrawal, insertWait, openWaits, recentWaits, settleWait } from '../db/walkInWaitsStore';
import type { IssuedPass, KioskSigner } from '../checkin';
import { signCommand } from '../sync/commands';
import type { KioskEventBus } from '../events';
import { createLogger } from '../log';
import type { KioskDirectoryClient } from '../sync/directoryClient';
import { messageOf } from '../../../shared/errorText';
import { abortableSleep as sleep } from '../../../platform/abortableSleep';

const log = createLogger('walkin');

export interface HostApprovalDeps {
  db: KioskDb;
  events: KioskEventBus;
  now: () => Date;
  /** the enrolled kiosk's identity and private key; undefined before enrolment */
  signer: () => KioskSigner | undefined;
  /** the cloud's kiosk routes for the enrolled kiosk (undefined before enrolment) */
  directory: () => KioskDirectoryClient | undefined;
  /** pushes the outbox (and pulls) now; resolves whether or not the cloud answered */
  syncNow: () => Promise<unknown>;
  /** checks one booking in as the desk does: a signed checkin command, the visit and its pass */
  checkIn: (bookingId: string) => Promise<{ visit: Visit; pass: IssuedPass }>;
  /** between attempts while the cloud cannot be reached (default 3 s) */
  hostWaitRetryMs?: number;
  /** one long-poll's wait, at most MAX_DECISION_WAIT_SECONDS (the default) */
  decisionWaitSeconds?: number;
}

export interface HostWaitPerson {
  role: 'lead' | 'companion';
  bookingId: string;
  nameMasked: string;
  /** what the walk-in said of the person, recorded on their visit once checked in (the last-visit look-up reads it) */
  fields: WalkInVisitFields;
}

export interface HostWait {
  registrationId: string;
  bookingId: string;
  code: string;
  hostNameMasked: string;
  offlineFallback: WalkInOfflineFallback;
  people: HostWaitPerson[];
  /** when the visit window ends: a wait found after that is over (expired) */
  windowEnd: string;
  registeredAt: string;
}

interface Active extends HostWait {
  abort: AbortController;
  lost: boolean;
  settling: boolean;
}

const FINAL: Partial<Record<BookingStatus, WalkInDecisionState>> = { rejected: 'rejected', cancelled: 'cancelled', expired: 'expired' };

export class HostApprovals {
  private readonly active = new Map<string, Active>();
  private readonly runs = new Set<Promise<void>>();

  constructor(private readonly deps: HostApprovalDeps) {}

  /** Starts waiting for the host on a walk-in just registered (its command in the outbox). */
  start(wait: HostWait): void {
    if (this.active.has(wait.registrationId)) return;
    insertWait(this.deps.db, wait);
    const a: Active = { ...wait, abort: new AbortController(), lost: false, settling: false };
    this.active.set(wait.registrationId, a);
    const run = this.run(a)
      .catch((err: unknown) => log.error(`waiting for the host of walk-in ${a.bookingId} failed`, err))
      .finally(() => {
        this.runs.delete(run);
        if (this.active.get(a.registrationId) === a) this.active.delete(a.registrationId);
      });
    this.runs.add(run);
  }

  isWaiting(registrationId: string): boolean {
    return this.active.has(registrationId);
  }

  /**
   * After a restart: waits again for every walk-in recorded as waiting whose window has not ended (the others end as
   * expired). Their decisions come as `walkin.decision` events, as before the restart.
   */
  resume(): number {
    const now = this.deps.now();
    let resumed = 0;
    for (const w of openWaits(this.deps.db)) {
      if (this.active.has(w.registrationId)) continue;
      if (Date.parse(w.windowEnd) <= now.getTime()) {
        settleWait(this.deps.db, w.registrationId, 'expired', undefined, now.toISOString());
        continue;
      }
      this.start(w);
      resumed += 1;
    }
    if (resumed > 0) log.info(`resumed waiting for the host of ${resumed} walk-in(s)`);
    return resumed;
  }

  /** Today's walk-ins that waited for their host here (since `sinceIso`) and every one still waiting, newest first. */
  list(sinceIso: string): WalkInWaitView[] {
    return recentWaits(this.deps.db, sinceIso).map((w) => {
      const a = this.active.get(w.registrationId);
      const state: WalkInDecisionState = a ? (a.lost ? 'connection_lost' : 'waiting') : w.state === 'waiting' ? 'expired' : w.state;
      const lead = w.people.find((p) => p.role === 'lead');
      return {
        registrationId: w.registrationId,
        bookingId: w.bookingId,
        code: w.code,
        leadNameMasked: lead?.nameMasked ?? '',
        people: w.people.length,
        hostNameMasked: w.hostNameMasked,
        offlineFallback: w.offlineFallback,
        registeredAt: w.registeredAt,
        state,
        ...(w.outcome !== undefined && !a ? { outcome: w.outcome } : {}),
      };
    });
  }

  /**
   * The desk stops waiting (the visitor gave up): the walk-in is withdrawn — the local bills cancelled and a signed
   * `cancelWalkIn` command in the outbox (pushed now, or when the cloud is back; applied once). A registration the
   * cloud refused has nothing to withdraw there.
   */
  async cancel(registrationId: string): Promise<void> {
    const a = this.active.get(registrationId);
    if (!a || a.settling) throw new IpcCallError('walkin_not_waiting', 'no walk-in of this id waits for its host here');
    a.settling = true;
    this.active.delete(registrationId);
    a.abort.abort();
    const signer = this.deps.signer();
    const outcome = outboxCommandOutcome(this.deps.db, registrationId);
    const refused = outcome?.state === 'conflict' || outcome?.state === 'rejected';
    const now = this.deps.now();
    const command =
      signer && !refused && !hasWithdrawal(this.deps.db, a.bookingId)
        ? await signCommand(
            { kind: 'cancelWalkIn', payload: { bookingId: a.bookingId } },
            { kioskId: signer.identity.kioskId, privateKey: signer.privateKey },
            now,
          )
        : undefined;
    const event = this.event(a, 'cancelled', {});
    this.deps.db.transaction(() => {
      if (command) enqueueCommand(this.deps.db, command);
      this.setLocalStatus(a, new Map(a.people.map((p) => [p.bookingId, 'cancelled' as const])));
      settleWait(this.deps.db, registrationId, 'cancelled', event, now.toISOString());
    })();
    this.deps.events.emit('walkin.decision', event);
    this.deps.events.emit('bookings.changed', { count: a.people.length });
    if (command) void this.deps.syncNow().catch(() => undefined);
  }

  /**
   * The cloud is lost while waiting: the site's offline rule. `desk`: the desk approves, every person is checked in
   * here (their check-ins sync later; a cloud where the host decided otherwise answers them with a conflict, shown to
   * staff). `refuse`: walkin_offline_refused.
   */
  async applyOfflineRule(registrationId: string): Promise<WalkInRegistered> {
    const a = this.active.get(registrationId);
    if (!a?.lost || a.settling) throw new IpcCallError('walkin_not_waiting', 'no walk-in of this id waits for its host without the cloud here');
    if (a.offlineFallback !== 'desk') throw new IpcCallError('walkin_offline_refused', "this site's offline rule refuses walk-ins that need the host");
    a.settling = true;
    this.active.delete(registrationId);
    a.abort.abort();
    const passes = await this.checkInAll(a, undefined);
    settleWait(this.deps.db, registrationId, 'approved', this.event(a, 'approved', { passes }), this.deps.now().toISOString());
    return { registrationId, bookingId: a.bookingId, code: a.code, approval: 'desk_offline_fallback', passes, staffWarnings: [] };
  }

  async close(): Promise<void> {
    for (const a of this.active.values()) a.abort.abort();
    this.active.clear();
    await Promise.allSettled([...this.runs]);
  }

  // ---- the wait --------------------------------------------------------------------------------------
  private async run(a: Active): Promise<void> {
    const { signal } = a.abort;
    /** read afresh after each await (a cancel may come at any time) */
    const stopped = (): boolean => signal.aborted;
    const retryMs = this.deps.hostWaitRetryMs ?? 3_000;
    await this.deps.syncNow().catch(() => undefined);
    while (!signal.aborted) {
      const outcome = outboxCommandOutcome(this.deps.db, a.registrationId);
      if (outcome?.state === 'conflict' || outcome?.state === 'rejected') {
        this.finish(a, 'refused', { code: outcome.code ?? 'command_refused' });
        return;
      }
      const client = this.deps.directory();
      if (outcome?.state === 'pending' || !client) {
        // the registration has not reached the cloud yet
        this.setLost(a, true);
        await sleep(retryMs, signal);
        if (!stopped()) await this.deps.syncNow().catch(() => undefined);
        continue;
      }
      let decision: WalkInDecision;
      try {
        decision = await client.decision(a.bookingId, Math.min(MAX_DECISION_WAIT_SECONDS, this.deps.decisionWaitSeconds ?? MAX_DECISION_WAIT_SECONDS), signal);
      } catch (err) {
        if (stopped()) return;
        log.warn(`waiting for the host of walk-in ${a.bookingId}: ${redactText(messageOf(err))}`);
        this.setLost(a, true);
        await sleep(retryMs, signal);
        continue;
      }
      if (stopped()) return;
      this.setLost(a, false);
      if (!decision.decided) continue;
      await this.settle(a, decision);
      return;
    }
  }

  private async settle(a: Active, d: WalkInDecision): Promise<void> {
    a.settling = true;
    const statusOf = new Map<string, BookingStatus>([[d.bookingId, d.status], ...d.subBookings.map((s) => [s.id, s.status] as const)]);
    if (d.status === 'approved') {
      try {
        const passes = await this.checkInAll(a, statusOf);
        this.finish(a, 'approved', { passes });
      } catch (err) {
        const code: string = err instanceof IpcCallError ? (err as IpcCallError).code : 'internal';
        log.error(`walk-in ${a.bookingId} approved, but checking it in failed`, err);
        this.finish(a, 'failed', { code });
      }
      return;
    }
    this.setLocalStatus(a, statusOf);
    const state = FINAL[d.status];
    if (state === 'rejected')
      this.finish(a, 'rejected', d.decisionReason !== undefined && d.decisionReason !== '' ? { reason: redactText(d.decisionReason) } : {});
    else if (state !== undefined) this.finish(a, state, {});
    else this.finish(a, 'failed', { code: d.status === 'arrived' || d.status === 'left' ? 'already_arrived' : 'not_approved' });
  }

  /** Checks in the main bill and every sub-bill the cloud approved (all, offline), in order: the lead's pass first. */
  private async checkInAll(a: HostWait, statusOf: Map<string, BookingStatus> | undefined): Promise<WalkInPassView[]> {
    const people = a.people.filter((p) => statusOf === undefined || statusOf.get(p.bookingId) === 'approved');
    const approved = new Map<string, BookingStatus>(people.map((p) => [p.bookingId, 'approved']));
    this.setLocalStatus(a, approved);
    const passes: WalkInPassView[] = [];
    for (const p of people) {
      const { visit, pass } = await this.deps.checkIn(p.bookingId);
      markWalkInVisit(this.deps.db, visit.id, p.fields);
      passes.push({ role: p.role, bookingId: p.bookingId, nameMasked: p.nameMasked, visit, pass });
    }
    return passes;
  }

  /** The local bookings take the cloud's decision (a pull would bring it too; the desk needs it now). */
  private setLocalStatus(a: HostWait, statusOf: Map<string, BookingStatus>): void {
    const at = this.deps.now().toISOString();
    this.deps.db.transaction(() => {
      for (const p of a.people) {
        const status = statusOf.get(p.bookingId);
        const b = getBooking(this.deps.db, p.bookingId);
        if (status === undefined || !b || b.status === status || b.status === 'arrived' || b.status === 'left') continue;
        upsertBooking(this.deps.db, { ...b, status, updatedAt: at });
      }
    })();
  }

  private setLost(a: Active, lost: boolean): void {
    if (a.lost === lost) return;
    a.lost = lost;
    this.emit(a, lost ? 'connection_lost' : 'waiting', lost ? { offlineFallback: a.offlineFallback } : {});
  }

  private finish(a: Active, state: WalkInDecisionState, extra: Partial<WalkInDecisionEvent>): void {
    if (this.active.get(a.registrationId) === a) this.active.delete(a.registrationId);
    const event = this.event(a, state, extra);
    settleWait(this.deps.db, a.registrationId, state, event, event.at);
    this.deps.events.emit('walkin.decision', event);
    if (state === 'approved') this.deps.events.emit('bookings.changed', { count: a.people.length });
  }

  private emit(a: HostWait, state: WalkInDecisionState, extra: Partial<WalkInDecisionEvent>): void {
    this.deps.events.emit('walkin.decision', this.event(a, state, extra));
  }

  private event(a: HostWait, state: WalkInDecisionState, extra: Partial<WalkInDecisionEvent>): WalkInDecisionEvent {
    return { registrationId: a.registrationId, bookingId: a.bookingId, state, hostNameMasked: a.hostNameMasked, ...extra, at: this.deps.now().toISOString() };
  }
}
