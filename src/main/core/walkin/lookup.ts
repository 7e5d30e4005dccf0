/**
 * What the walk-in form reads before it registers anyone (issue 9): the site's lists and defaults, a person's last
 * visit at this kiosk (by the ID number's key, then the phone's), today's visitors at this site and the host directory
 * — all local, all masked. Explicit deps: the database, the clock, the site's zone and settings, the held cards.
 */
import { Phone, type Booking, type Host } from '../../../shared/domain';
import type { HostHit, HostSearchResult, WalkInLastVisit, WalkInOptions, WalkInTodayVisitor } from '../../../shared/ipc';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../shared/blacklistKey';
import { maskName, maskPhone } from '../../../shared/mask';
import { addDays, localDate, searchRangeAround, startOfLocalDay } from '../../../shared/siteDay';
import type { CloudKioskSettings } from '../../../shared/sync';
import { WALK_IN_DEFAULTS } from '../../../shared/walkIn';
import { bookingsInRange } from '../db/bookingsStore';
import type { KioskDb } from '../db/openDb';
import { getHost } from '../db/referenceStore';
import { hostsByPhone, lastVisitByIdKey, lastVisitByPhoneKey, receivingHostsByName, type LastVisitRow } from '../db/walkInStore';
import type { HeldIdCard } from '../devices';

export interface WalkInLookupDeps {
  db: KioskDb;
  now: () => Date;
  timeZone: () => string;
  /** the cloud's settings as last pulled (undefined before the first pull) */
  cloudSettings: () => CloudKioskSettings | undefined;
  temperatureThresholdC: () => number;
  /** the card held under cardRef; IpcCallError card_expired when none is */
  heldCard: (cardRef: string) => HeldIdCard;
}

/** The walk-in policy of the site with the defaults filled in. */
export function walkInPolicyOf(settings: CloudKioskSettings | undefined) {
  return {
    approval: settings?.walkInApproval ?? WALK_IN_DEFAULTS.walkInApproval,
    offlineFallback: settings?.walkInOfflineFallback ?? WALK_IN_DEFAULTS.walkInOfflineFallback,
    earlyArrivalMinutes: settings?.earlyArrivalMinutes ?? WALK_IN_DEFAULTS.earlyArrivalMinutes,
    visitTypes: settings?.visitTypes ?? [...WALK_IN_DEFAULTS.visitTypes],
    visitReasons: settings?.visitReasons ?? [...WALK_IN_DEFAULTS.visitReasons],
    areas: settings?.areas ?? [...WALK_IN_DEFAULTS.areas],
    freeTextReason: settings?.freeTextReason ?? WALK_IN_DEFAULTS.freeTextReason,
    maxWindowDays: settings?.maxWindowDays ?? 7,
    maxLeadDays: settings?.maxLeadDays ?? 30,
  };
}
export type WalkInSitePolicy = ReturnType<typeof walkInPolicyOf>;

/** The end of the site's day that `at` falls in. */
export const endOfSiteDay = (at: Date, timeZone: string): Date => startOfLocalDay(addDays(localDate(at, timeZone), 1), timeZone);

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
    return walkInPolicyOf(this.deps.cloudSettings());
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
      defaultWindow: { start: now.toISOString(), end: endOfSiteDay(now, this.deps.timeZone()).toISOString() },
    };
  }

  /** The most recent visit here of the person holding the card (by the ID number's key), else of the phone. */
  lastVisit(by: { cardRef?: string | undefined; phone?: string | undefined }): WalkInLastVisit | null {
    if (by.cardRef !== undefined) {
      const held = this.deps.heldCard(by.cardRef);
      const row = lastVisitByIdKey(this.deps.db, blacklistIdNumberKey(held.card.idNumber));
      if (row) return this.lastVisitView(row, 'id');
    }
    if (by.phone !== undefined) {
      const phone = Phone.safeParse(by.phone);
      const row = phone.success ? lastVisitByPhoneKey(this.deps.db, blacklistPhoneKey(phone.data)) : undefined;
      if (row) return this.lastVisitView(row, 'phone');
    }
    return null;
  }

  /** Today's visitors at this site (bookings arrived today, local or pulled), newest first, masked. */
  today(): WalkInTodayVisitor[] {
    const now = this.deps.now();
    const tz = this.deps.timeZone();
    const today = localDate(now, tz);
    const arrivedToday = (b: Booking): b is Booking & { arrivedAt: string } =>
      (b.status === 'arrived' || b.status === 'left') && b.arrivedAt !== undefined && localDate(b.arrivedAt, tz) === today;
    return bookingsInRange(this.deps.db, searchRangeAround(now))
      .filter(arrivedToday)
      .sort((a, b) => Date.parse(b.arrivedAt) - Date.parse(a.arrivedAt))
      .slice(0, 200)
      .map((b) => {
        const host = getHost(this.deps.db, b.hostId);
        const hit = hostHit(host);
        const out: WalkInTodayVisitor = {
          bookingId: b.id,
          nameMasked: maskName(b.visitor.name),
          arrivedAt: b.arrivedAt,
          hostName: host?.name ?? '',
          reason: b.reason,
        };
        if (hit) out.host = hit;
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

  private lastVisitView(row: LastVisitRow, matchedBy: 'id' | 'phone'): WalkInLastVisit {
    const host = row.hostId !== undefined ? hostHit(getHost(this.deps.db, row.hostId)) : undefined;
    const out: WalkInLastVisit = {
      visitId: row.id,
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
