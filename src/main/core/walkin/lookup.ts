/**
 * What the walk-in form reads before it registers anyone (issue 9): the site's lists and defaults, a person's last
 * visit (by the ID number's key, then the phone's), today's visitors at this site and the host directory — local
 * first and, online, the cloud's kiosk routes too (short timeouts; a failure answers locally), merged without
 * duplicates and marked by origin; all masked. Explicit deps: the database, the clock, the site's zone and settings,
 * the held cards, the cloud's kiosk routes.
 */
import { Phone, type Booking, type Host } from '../../../shared/domain';
import type { HostHit, HostSearchResult, WalkInLastVisit, WalkInOptions, WalkInTodayVisitor } from '../../../shared/ipc';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../shared/blacklistKey';
import { maskName, maskPhone, redactText } from '../../../shared/mask';
import { addDays, localDate, searchRangeAround, startOfLocalDay, touchesLocalDay } from '../../../shared/siteDay';
import { isMultiDayWindow } from '../../../shared/visitDays';
import { getVisit } from '../db/visitsStore';
import { withVisitRecord } from '../visitRecords';
import type { CloudKioskSettings } from '../../../shared/sync';
import { WALK_IN_DEFAULTS } from '../../../shared/walkIn';
import type { VisitPolicyValues } from '../../../shared/visitPolicy';
import { bookingsInRange } from '../db/bookingsStore';
import type { KioskDb } from '../db/openDb';
import { getHost } from '../db/referenceStore';
import { hostsByPhone, lastVisitByIdKey, lastVisitByPhoneKey, receivingHostsByName, type LastVisitRow } from '../db/walkInStore';
import type { HeldIdCard } from '../devices';
import { createLogger } from '../log';
import type { KioskDirectoryClient } from '../sync/directoryClient';
import type { VisitRecord } from '../../../shared/kioskDirectory';
import { messageOf } from '../../../shared/errorText';

const log = createLogger('walkin');

export interface WalkInLookupDeps {
  db: KioskDb;
  now: () => Date;
  timeZone: () => string;
  /** the cloud's settings as last pulled (undefined before the first pull) */
  cloudSettings: () => CloudKioskSettings | undefined;
  /** the visit policy in effect (read at each use: a policy pulled applies at once) */
  visitPolicy: () => VisitPolicyValues;
  temperatureThresholdC: () => number;
  /** the card held under cardRef; IpcCallError card_expired when none is */
  heldCard: (cardRef: string) => HeldIdCard;
  /** whether the cloud answered the last sync: only then are its kiosk routes asked too */
  online: () => boolean;
  /** the cloud's kiosk routes for the enrolled kiosk (undefined before enrolment) */
  directory: () => KioskDirectoryClient | undefined;
  /** asks the sync engine to push and pull soon (not awaited): a host only the cloud knows is pulled */
  requestSync: () => void;
}

/** The walk-in policy in effect (the kiosk's policy, src/shared/visitPolicy.ts) and the site's other settings, defaults filled in. */
export function walkInPolicyOf(settings: CloudKioskSettings | undefined, policy: VisitPolicyValues) {
  return {
    approval: policy.walkInApproval,
    offlineFallback: policy.walkInOfflineFallback,
    earlyArrivalMinutes: policy.earlyArrivalMinutes,
    passHours: policy.walkInPassHours,
    visitTypes: policy.visitTypes,
    visitReasons: policy.visitReasons,
    areas: policy.areas,
    freeTextReason: settings?.freeTextReason ?? WALK_IN_DEFAULTS.freeTextReason,
    maxWindowDays: settings?.maxWindowDays ?? 7,
    maxLeadDays: settings?.maxLeadDays ?? 30,
  };
}
export type WalkInSitePolicy = ReturnType<typeof walkInPolicyOf>;

/** The end of the site's day that `at` falls in. */
export const endOfSiteDay = (at: Date, timeZone: string): Date => startOfLocalDay(addDays(localDate(at, timeZone), 1), timeZone);

/** When a walk-in's pass starting at `start` ends by default: `passHours` later, or (0) at the end of the site's day. */
export const walkInPassEnd = (start: Date, timeZone: string, passHours: number): Date =>
  passHours > 0 ? new Date(start.getTime() + passHours * 3_600_000) : endOfSiteDay(start, timeZone);

/** A host as the desk sees one, or undefined when they may not receive visitors. */
export function hostHit(host: Host | undefined): HostHit | undefined {
  if (!host?.canReceiveVisitors) return undefined;
  return {
    id: host.id,
    name: host.name,
    department: host.department,
    ...(host.office !== undefined && host.office !== '' ? { office: host.office } : {}),
    phoneMasked: maskPhone(host.phone),
  };
}

const present = <T>(v: T | undefined | null): v is T => v !== undefined && v !== null && v !== '';

export class WalkInLookup {
  constructor(private readonly deps: WalkInLookupDeps) {}

  policy(): WalkInSitePolicy {
    return walkInPolicyOf(this.deps.cloudSettings(), this.deps.visitPolicy());
  }

  options(): WalkInOptions {
    const p = this.policy();
    const now = this.deps.now();
    return {
      approval: p.approval,
      visitTypes: p.visitTypes,
      visitReasons: p.visitReasons,
      areas: p.areas,
      freeTextReason: p.freeTextReason,
      earlyArrivalMinutes: p.earlyArrivalMinutes,
      temperatureThresholdC: this.deps.temperatureThresholdC(),
      defaultWindow: { start: now.toISOString(), end: walkInPassEnd(now, this.deps.timeZone(), p.passHours).toISOString() },
    };
  }

  /** The most recent visit here of the person holding the card (by the ID number's key), else of the phone. */
  lastVisit(by: { cardRef?: string | undefined; phone?: string | undefined }): WalkInLastVisit | null {
    const keys = this.personKeys(by);
    if (keys.idKey !== undefined) {
      const row = lastVisitByIdKey(this.deps.db, keys.idKey);
      if (row) return this.lastVisitView(row, 'id');
    }
    if (keys.phoneKey !== undefined) {
      const row = lastVisitByPhoneKey(this.deps.db, keys.phoneKey);
      if (row) return this.lastVisitView(row, 'phone');
    }
    return null;
  }

  /**
   * The last visit, local first; online, the cloud's too (by the ID key, and by the phone key, at once; a short
   * timeout, any failure: the local answer): the cloud's wins when it is a newer visit (one at another kiosk).
   */
  async lastVisitOnline(by: { cardRef?: string | undefined; phone?: string | undefined }): Promise<WalkInLastVisit | null> {
    const local = this.lastVisit(by);
    const client = this.deps.online() ? this.deps.directory() : undefined;
    if (!client) return local;
    const keys = this.personKeys(by);
    const ask = (q: { idKey: string } | { phoneKey: string }) => client.lastVisit(q).catch((err: unknown) => this.cloudFailed('last visit', err));
    const [byId, byPhone] = await Promise.all([
      keys.idKey !== undefined ? ask({ idKey: keys.idKey }) : null,
      keys.phoneKey !== undefined ? ask({ phoneKey: keys.phoneKey }) : null,
    ]);
    const cloud = byId ? { record: byId, matchedBy: 'id' as const } : byPhone ? { record: byPhone, matchedBy: 'phone' as const } : undefined;
    if (!cloud) return local;
    if (local && (local.bookingId === cloud.record.bookingId || Date.parse(local.visitedAt) >= Date.parse(cloud.record.at))) return local;
    // the local answer by ID outranks the cloud's by phone (a shared phone is not the same person)
    if (local?.matchedBy === 'id' && cloud.matchedBy === 'phone') return local;
    return this.cloudLastVisitView(cloud.record, cloud.matchedBy);
  }

  /** Today's visitors, local first; online, the cloud's too (other kiosks'), each booking once, newest first. */
  async todayOnline(): Promise<WalkInTodayVisitor[]> {
    const local = this.today();
    const client = this.deps.online() ? this.deps.directory() : undefined;
    if (!client) return local;
    const cloud = await client.today().catch((err: unknown) => this.cloudFailed('today', err));
    if (!cloud) return local;
    const known = new Set(local.map((v) => v.bookingId));
    const extra = cloud.visits.filter((r) => !known.has(r.bookingId)).map((r) => this.cloudTodayView(r));
    return [...local, ...extra].sort((a, b) => Date.parse(b.arrivedAt) - Date.parse(a.arrivedAt)).slice(0, 200);
  }

  /** The host directory, local first; online, the cloud's too (hosts not pulled here yet: a pull is asked for). */
  async searchHostsOnline(query: string): Promise<HostSearchResult> {
    const local = this.searchHosts(query);
    const client = this.deps.online() ? this.deps.directory() : undefined;
    if (!client || local.result === 'too_short') return local;
    const cloud = await client.hosts(query.trim()).catch((err: unknown) => this.cloudFailed('hosts', err));
    if (!cloud) return local;
    const hits = local.result === 'found' ? local.hosts : [];
    const known = new Set(hits.map((h) => h.id));
    const extra: HostHit[] = cloud.hosts
      .filter((h) => h.canReceiveVisitors && !known.has(h.id))
      .map((h) => ({
        id: h.id,
        name: h.name,
        department: h.department,
        ...(h.office !== undefined && h.office !== '' ? { office: h.office } : {}),
        phoneMasked: h.phoneMasked,
        origin: 'cloud' as const,
      }));
    if (extra.length > 0) this.deps.requestSync();
    const all = [...hits, ...extra];
    return all.length > 0 ? { result: 'found', hosts: all } : { result: 'no_such_host' };
  }

  /**
   * Today's visitors at this site (bookings arrived today, local or pulled, and the later days of multi-day visits
   * not ended before today), newest first, masked, each with where its visitor stands today. Only reads, as the
   * desk's list (issue 12): the end-of-window sweep runs at start, after each sync and every minute, and a booking whose
   * window ended since is shown as the sweep will leave it (left at its window's end, no exit recorded).
   */
  today(): WalkInTodayVisitor[] {
    const now = this.deps.now();
    const tz = this.deps.timeZone();
    const nowIso = now.toISOString();
    const today = localDate(now, tz);
    const onDay = (at: string | undefined): boolean => at !== undefined && localDate(at, tz) === today;
    const shownToday = (b: Booking): b is Booking & { arrivedAt: string } =>
      (b.status === 'arrived' || b.status === 'left') &&
      b.arrivedAt !== undefined &&
      (onDay(b.arrivedAt) || (isMultiDayWindow(b, tz) && touchesLocalDay(b.windowStart, b.windowEnd, now, tz) && (b.status === 'arrived' || onDay(b.leftAt))));
    return bookingsInRange(this.deps.db, searchRangeAround(now))
      .map((b) => asSwept(b, nowIso))
      .filter(shownToday)
      .sort((a, b) => Date.parse(b.arrivedAt) - Date.parse(a.arrivedAt))
      .slice(0, 200)
      .map((b) => {
        const host = getHost(this.deps.db, b.hostId);
        const hit = hostHit(host);
        const out: WalkInTodayVisitor = {
          bookingId: b.id,
          origin: 'local',
          nameMasked: maskName(b.visitor.name),
          arrivedAt: b.arrivedAt,
          hostName: host?.name ?? '',
          reason: b.reason,
        };
        if (hit) out.host = hit;
        if (isMultiDayWindow(b, tz)) out.multiDay = true;
        out.todayState = this.todayStateOfBooking(b, now, tz);
        if (present(b.visitor.company)) out.company = b.visitor.company;
        if (present(b.visitType)) out.visitType = b.visitType;
        if (present(b.area)) out.area = b.area;
        if (present(b.visitor.plate)) out.plate = b.visitor.plate;
        return out;
      });
  }

  /** By phone exactly, or by name from 2 characters: only hosts who may receive visitors; 无此受访人 otherwise. */
  searchHosts(query: string): HostSearchResult {
    const text = query.trim();
    const compact = text.replace(/[\s\-()]/g, '');
    let hosts: Host[];
    if (/^\+?\d+$/.test(compact)) {
      const phone = Phone.safeParse(compact);
      hosts = phone.success ? hostsByPhone(this.deps.db, phone.data).filter((h) => h.canReceiveVisitors) : [];
    } else {
      if ([...text].length < 2) return { result: 'too_short' };
      hosts = receivingHostsByName(this.deps.db, text);
    }
    const hits = hosts.map((h) => hostHit(h)).filter((h): h is HostHit => h !== undefined);
    return hits.length > 0 ? { result: 'found', hosts: hits } : { result: 'no_such_host' };
  }

  /** from this kiosk's record of the visit when it has one, else from the booking's arrival and exit */
  private todayStateOfBooking(b: Booking, now: Date, tz: string): NonNullable<WalkInTodayVisitor['todayState']> {
    if (b.status === 'left' && b.exitUnrecorded === true) return 'out'; // closed by the sweep (or shown as it will close it)
    const stored = b.arrivedVisitId !== undefined ? getVisit(this.deps.db, b.arrivedVisitId) : undefined;
    if (stored) return withVisitRecord(this.deps.db, stored.visit, now, tz).todayState ?? 'none';
    const today = localDate(now, tz);
    if (b.leftAt !== undefined && localDate(b.leftAt, tz) === today) return 'out';
    return b.status === 'arrived' && b.arrivedAt !== undefined && localDate(b.arrivedAt, tz) === today ? 'in' : 'none';
  }

  private personKeys(by: { cardRef?: string | undefined; phone?: string | undefined }): { idKey?: string; phoneKey?: string } {
    const out: { idKey?: string; phoneKey?: string } = {};
    if (by.cardRef !== undefined) out.idKey = blacklistIdNumberKey(this.deps.heldCard(by.cardRef).card.idNumber);
    if (by.phone !== undefined) {
      const phone = Phone.safeParse(by.phone);
      if (phone.success) out.phoneKey = blacklistPhoneKey(phone.data);
    }
    return out;
  }

  /** a cloud look-up that failed or was slow: logged, and the desk answers from its own data */
  private cloudFailed(what: string, err: unknown): null {
    log.warn(`${what} from the cloud: ${redactText(messageOf(err))}; answering locally`);
    return null;
  }

  private cloudLastVisitView(r: VisitRecord, matchedBy: 'id' | 'phone'): WalkInLastVisit {
    const host = hostHit(getHost(this.deps.db, r.host.id));
    const out: WalkInLastVisit = {
      bookingId: r.bookingId,
      origin: 'cloud',
      visitedAt: r.at,
      matchedBy,
      nameMasked: r.nameMasked,
      phoneMasked: r.phoneMasked,
      hostName: r.host.name,
      reason: r.reason,
    };
    if (host) out.host = host;
    if (present(r.idNumberMasked)) out.idMasked = r.idNumberMasked;
    for (const key of ['company', 'title', 'visitType', 'area', 'plate'] as const) {
      const v = r[key];
      if (present(v)) out[key] = v;
    }
    return out;
  }

  private cloudTodayView(r: VisitRecord): WalkInTodayVisitor {
    const host = hostHit(getHost(this.deps.db, r.host.id));
    const out: WalkInTodayVisitor = {
      bookingId: r.bookingId,
      origin: 'cloud',
      nameMasked: r.nameMasked,
      arrivedAt: r.at,
      hostName: r.host.name,
      reason: r.reason,
    };
    if (host) out.host = host;
    for (const key of ['company', 'visitType', 'area', 'plate'] as const) {
      const v = r[key];
      if (present(v)) out[key] = v;
    }
    return out;
  }

  private lastVisitView(row: LastVisitRow, matchedBy: 'id' | 'phone'): WalkInLastVisit {
    const host = row.hostId !== undefined ? hostHit(getHost(this.deps.db, row.hostId)) : undefined;
    const out: WalkInLastVisit = {
      visitId: row.id,
      ...(row.bookingId !== undefined ? { bookingId: row.bookingId } : {}),
      origin: 'local',
      visitedAt: row.checkedInAt,
      matchedBy,
      nameMasked: maskName(row.visitorName),
      phoneMasked: row.visitorPhoneMasked,
      hostName: row.hostName,
    };
    if (host) out.host = host;
    for (const key of ['idMasked', 'company', 'title', 'visitType', 'reason', 'area', 'plate'] as const) {
      const v = row[key];
      if (present(v)) out[key] = v;
    }
    return out;
  }
}

/** A booking as the end-of-window sweep (sweepEndedVisits) leaves it once its window has ended while arrived, unwritten. */
function asSwept(b: Booking, nowIso: string): Booking {
  const end = new Date(b.windowEnd).toISOString(); // as the bookings table's window_end column, which the sweep compares
  return b.status === 'arrived' && end <= nowIso ? { ...b, status: 'left', leftAt: end, exitUnrecorded: true } : b;
}
