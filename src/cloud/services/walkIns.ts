/**
 * A walk-in registered at a kiosk's desk (`registerWalkIn`, src/shared/walkIn.ts), applied inside the command's
 * transaction (kioskCommands.ts: once per command id). Refused whole, storing nothing but the command's result, when
 * the host is unknown or may not receive visitors (`host_unknown`), the window breaks the site's limits as of when the
 * desk registered it, an abnormal temperature was not overridden, a booking or visit id is already used, or a person
 * in it is on the blacklist at level refuse (`blacklisted`, a conflict for staff). Otherwise it stores each person in
 * the visitor library, the main bill (source walk_in, the kiosk's id and code unless the code is taken), a sub-bill
 * per companion and, when the desk approved, their arrivals; with host approval all stay pending for the host.
 */
import type { Transaction } from 'kysely';
import { INITIAL_STATUS } from '../../shared/bookingStates';
import { blacklistKeysOf } from '../../shared/blacklistKey';
import { DEFAULT_TEMPERATURE_THRESHOLD_C, type VisitorIdentity } from '../../shared/domain';
import { normalizeIdNumber } from '../../shared/idNumber';
import { maskName } from '../../shared/mask';
import type { CommandResult, CommandAppliedCode, CommandRefusalCode, SignedCommand } from '../../shared/sync';
import type { WalkInLead, WalkInPerson, WalkInRegistration } from '../../shared/walkIn';
import { newId } from '../../platform/secrets';
import { actorOf, type KioskPrincipal } from '../auth';
import { nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema } from '../db/schema';
import { insertApproval } from '../repositories/approvals';
import { listActiveBlacklistMatches } from '../repositories/blacklist';
import { recordBlacklistHits } from './blacklistHits';
import { bookingCodeTaken, findBookingIdsByArrivedVisits, findExistingBookingIds, insertBookingRow } from '../repositories/bookings';
import { findHostOfSite } from '../repositories/hosts';
import { findSiteRow } from '../repositories/sites';
import { upsertVisitor } from './visitorLibrary';
import { getBookingRow, toKioskBooking, uniqueBookingCode } from './bookingRecords';
import { bookingLimitsOf, kioskSettingsOf } from './sites';
import { notifyHostOfApplication, notifyHostOfArrival } from '../notifications/events';

type Trx = Transaction<CloudSchema>;
export type WalkInCommand = Extract<SignedCommand, { kind: 'registerWalkIn' }>;
export type WalkInOutcome = Omit<CommandResult, 'id' | 'code'> & { code?: CommandRefusalCode | CommandAppliedCode };

const DAY_MS = 24 * 3600_000;

/** One person of the registration: the lead (the main bill) or a companion (a sub-bill). */
interface Party {
  /** how staff read who it is: visitor, companions[0]… */
  who: string;
  person: WalkInPerson | WalkInLead;
  bookingId: string;
  visitId: string | undefined;
  temperatureC: number | undefined;
}

function partiesOf(r: WalkInRegistration): Party[] {
  return [
    { who: 'visitor', person: r.visitor, bookingId: r.bookingId, visitId: r.visitId, temperatureC: r.temperatureC },
    ...r.companions.map((c, i) => ({ who: `companions[${i}]`, person: c.person, bookingId: c.bookingId, visitId: c.visitId, temperatureC: c.temperatureC })),
  ];
}

const refused = (code: CommandRefusalCode, message: string, status: 'rejected' | 'conflict' = 'rejected'): WalkInOutcome => ({ status, code, message });

/** The checks that need no person's data: host, window, temperature, ids. */
async function checkRegistration(trx: Trx, kiosk: KioskPrincipal, r: WalkInRegistration, at: string, parties: Party[]): Promise<WalkInOutcome | null> {
  const host = await findHostOfSite(trx, r.hostId, kiosk.siteId);
  if (!host || host.can_receive_visitors === 0) return refused('host_unknown', `无此受访人 / no host ${r.hostId} who may receive visitors at this site`);
  const settings = kioskSettingsOf((await findSiteRow(trx, kiosk.siteId)) ?? { kiosk_settings: '{}' });
  const limits = bookingLimitsOf(settings);
  // judged as of when the desk registered it: a kiosk that was offline reports a walk-in of yesterday
  const start = Date.parse(r.windowStart);
  const end = Date.parse(r.windowEnd);
  const when = Date.parse(at);
  if (end <= when) return refused('window_in_past', `the visit window ended (${r.windowEnd}) before the walk-in was registered (${at})`);
  if (end - start > limits.maxWindowDays * DAY_MS) return refused('window_too_long', `a visit window may last at most ${limits.maxWindowDays} days`);
  if (start - when > limits.maxLeadDays * DAY_MS) return refused('window_too_far_ahead', `a visit may start at most ${limits.maxLeadDays} days ahead`);
  const threshold = settings.temperatureThresholdC ?? DEFAULT_TEMPERATURE_THRESHOLD_C;
  const feverish = parties.filter((p) => p.temperatureC !== undefined && p.temperatureC >= threshold);
  if (feverish.length > 0 && r.temperatureOverride === undefined) {
    return refused('temperature_abnormal', `${feverish.map((p) => p.who).join(', ')}: temperature at or above ${threshold} °C and no override by staff`);
  }
  const takenIds = await findExistingBookingIds(
    trx,
    parties.map((p) => p.bookingId),
  );
  if (takenIds.length > 0) return refused('booking_id_taken', `booking id ${takenIds.join(', ')} is already used`);
  const visitIds = parties.flatMap((p) => (p.visitId !== undefined ? [p.visitId] : []));
  const arrivedOn = await findBookingIdsByArrivedVisits(trx, kiosk.siteId, visitIds);
  if (arrivedOn.length > 0) return refused('visit_id_taken', `a visit of this walk-in already arrived on booking ${arrivedOn.join(', ')}`);
  return null;
}

/** The blacklist for every person: a refuse hit refuses the walk-in; warn hits are returned as notes. */
async function checkBlacklist(
  trx: Trx,
  siteId: string,
  parties: Party[],
  nowIso: string,
  subject: string,
): Promise<{ refusal: WalkInOutcome } | { warnings: string[] }> {
  const keyed = parties.map((p) => ({ party: p, keys: blacklistKeysOf(p.person) }));
  const entries = await listActiveBlacklistMatches(
    trx,
    siteId,
    keyed.flatMap((k) => (k.keys.idNumberHash !== undefined ? [k.keys.idNumberHash] : [])),
    keyed.flatMap((k) => (k.keys.phoneHash !== undefined ? [k.keys.phoneHash] : [])),
    nowIso,
  );
  const hits = keyed.flatMap(({ party, keys }) =>
    entries
      .filter((e) => (e.id_number_hash !== null && e.id_number_hash === keys.idNumberHash) || (e.phone_hash !== null && e.phone_hash === keys.phoneHash))
      .map((e) => ({ party, entry: e })),
  );
  const words = (h: (typeof hits)[number]) => `${h.party.who} (${maskName(h.party.person.name)}): ${h.entry.reason}`;
  const refusing = hits.filter((h) => h.entry.level !== 'warn');
  await recordBlacklistHits(
    trx,
    { siteId, now: new Date(nowIso), source: 'kiosk', subject },
    hits.map((h) => ({ entryId: h.entry.id, level: h.entry.level === 'warn' ? 'warn' : 'refuse', nameMasked: maskName(h.party.person.name) })),
    refusing.length > 0 ? 'refused' : 'warned',
  );
  if (refusing.length > 0) return { refusal: refused('blacklisted', `on the blacklist: ${refusing.map(words).join('; ')}`, 'conflict') };
  return { warnings: hits.map(words) };
}

function identityOf(person: WalkInPerson | WalkInLead, lead: WalkInLead, plate: string | undefined): VisitorIdentity {
  return {
    name: person.name,
    // a companion without a phone is reached through the lead
    phone: person.phone ?? lead.phone,
    idType: person.idType,
    ...(person.idNumber !== undefined ? { idNumber: normalizeIdNumber(person.idNumber) } : {}),
    ...(person.company !== undefined ? { company: person.company } : lead.company !== undefined ? { company: lead.company } : {}),
    ...(person.title !== undefined ? { title: person.title } : {}),
    ...(plate !== undefined ? { plate } : {}),
  };
}

export async function applyRegisterWalkIn(trx: Trx, kiosk: KioskPrincipal, cmd: WalkInCommand, nowIso: string): Promise<WalkInOutcome> {
  const r = cmd.payload;
  const at = new Date(cmd.at).toISOString();
  const parties = partiesOf(r);
  const problem = await checkRegistration(trx, kiosk, r, at, parties);
  if (problem) return problem;
  const blacklist = await checkBlacklist(trx, kiosk.siteId, parties, nowIso, cmd.id);
  if ('refusal' in blacklist) return blacklist.refusal;

  const arrives = r.approval !== 'host';
  const codeTaken = await bookingCodeTaken(trx, r.code);
  for (const [i, party] of parties.entries()) {
    const isMain = i === 0;
    const row: BookingsTable = {
      id: party.bookingId,
      code: isMain && !codeTaken ? r.code : await uniqueBookingCode(trx),
      site_id: kiosk.siteId,
      host_id: r.hostId,
      source: 'walk_in',
      status: arrives ? INITIAL_STATUS.walkInAtDesk : INITIAL_STATUS.walkInForHost,
      visitor: JSON.stringify(identityOf(party.person, r.visitor, isMain ? r.plate : undefined)),
      companions: '[]',
      group_size: 1,
      reason: r.reason,
      area: r.area ?? null,
      window_start: new Date(r.windowStart).toISOString(),
      window_end: new Date(r.windowEnd).toISOString(),
      decision_reason: null,
      arrived_at: arrives ? at : null,
      arrived_visit_id: arrives ? (party.visitId ?? null) : null,
      arrived_kiosk_id: arrives ? kiosk.kioskId : null,
      left_at: null,
      expired_from: null,
      visit_type: r.visitType ?? null,
      remarks: isMain ? (r.remarks ?? null) : null,
      belongings: isMain ? (r.belongings ?? null) : null,
      main_booking_id: isMain ? null : r.bookingId,
      visitor_id: await upsertVisitor(trx, kiosk.siteId, party.person, nowIso),
      approval_kind: r.approval,
      temperature_c: party.temperatureC ?? null,
      temperature_override_reason: r.temperatureOverride?.reason ?? null,
      created_at: nowIso,
      updated_at: nowIso,
      change_seq: await nextChangeSeq(trx),
    };
    await insertBookingRow(trx, row);
    if (arrives) {
      await insertApproval(trx, {
        id: newId('apr'),
        booking_id: row.id,
        action: 'approve',
        from_status: 'pending',
        to_status: 'approved',
        reason: r.approval === 'desk_offline_fallback' ? 'the desk approved while the cloud was unreachable' : 'the desk approved',
        actor: actorOf(kiosk),
        at,
      });
    }
  }
  const mainRow = await getBookingRow(trx, r.bookingId);
  // the host hears that their visitor arrived (the desk let them in) or waits at the desk for their approval
  if (arrives) await notifyHostOfArrival(trx, mainRow, { kioskId: kiosk.kioskId, visitId: r.visitId ?? null, at }, new Date(nowIso));
  else await notifyHostOfApplication(trx, mainRow, new Date(nowIso));
  const main = toKioskBooking(mainRow);
  const notes = [
    ...(blacklist.warnings.length > 0 ? [`blacklist warning: ${blacklist.warnings.join('; ')}`] : []),
    ...(codeTaken ? [`the code ${r.code} was taken; the booking's code is ${main.code}`] : []),
  ];
  const code: CommandAppliedCode | undefined = blacklist.warnings.length > 0 ? 'blacklist_warn' : codeTaken ? 'code_reassigned' : undefined;
  return { status: 'applied', ...(code ? { code } : {}), ...(notes.length > 0 ? { message: notes.join('. ') } : {}), booking: main };
}
