/**
 * A visitor's data on request (issue 14 §6; PIPL 个人信息保护法 art. 45 access and portability, art. 47 deletion):
 * everything the cloud holds about one person, named by their phone or ID number and matched by the hash of each
 * (the visitor library's keys and the blacklist's hashes; a booking's own visitor and companions by hashing the
 * numbers they carry), exported as JSON or deleted. A deletion removes the person's bookings and walk-ins (with their
 * approvals, entries and exits and the kiosk commands that carried them), their entries in others' bookings, their
 * visitor-library entries and photos, and, when asked, blacklist entries on their numbers. Each request is written to
 * the audit log with the numbers masked; the audit line stays.
 */
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../shared/blacklistKey';
import { normalizeIdNumber } from '../../shared/idNumber';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { normalizePhone } from '../../shared/phone';
import type { PersonDataExport, PersonDelete, PersonDeleteResult, PersonLookup } from '../../shared/retention';
import type { Kysely } from 'kysely';
import { lockChangeSeq, nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema } from '../db/schema';
import { writeAudit } from '../repositories/audit';
import type { Db } from '../repositories/db';
import * as repo from '../repositories/personData';
import { deleteBookings, deleteVisitors } from '../repositories/retention';

interface Numbers {
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
}

interface Person {
  keys: repo.PersonKeys;
  numbers: string[];
  masked: PersonDataExport['person'];
}

function personOf(p: PersonLookup | PersonDelete): Person {
  const keys: repo.PersonKeys = {
    ...(p.idNumber !== undefined ? { idKey: blacklistIdNumberKey(p.idNumber) } : {}),
    ...(p.phone !== undefined ? { phoneKey: blacklistPhoneKey(p.phone) } : {}),
    ...(p.siteId !== undefined ? { siteId: p.siteId } : {}),
  };
  const numbers = [...(p.phone !== undefined ? [normalizePhone(p.phone)] : []), ...(p.idNumber !== undefined ? [normalizeIdNumber(p.idNumber)] : [])];
  const masked = {
    ...(p.phone !== undefined ? { phoneMasked: maskPhone(p.phone) } : {}),
    ...(p.idNumber !== undefined ? { idNumberMasked: maskIdNumber(p.idNumber) } : {}),
  };
  return { keys, numbers, masked };
}

/** Whether these numbers (a booking's visitor, a companion) are the person's: by the hash of each. */
function isPerson(n: Numbers, keys: repo.PersonKeys): boolean {
  if (keys.idKey !== undefined && n.idNumber && blacklistIdNumberKey(n.idNumber) === keys.idKey) return true;
  return keys.phoneKey !== undefined && !!n.phone && blacklistPhoneKey(n.phone) === keys.phoneKey;
}

function parsed<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

interface Found {
  visitors: Awaited<ReturnType<typeof repo.findVisitorsByKeys>>;
  bookings: BookingsTable[];
  companionOf: { booking: BookingsTable; kept: Record<string, unknown>[]; theirs: Record<string, unknown>[] }[];
}

async function findPerson(db: Db, person: Person): Promise<Found> {
  const visitors = await repo.findVisitorsByKeys(db, person.keys);
  const visitorIds = new Set(visitors.map((v) => v.id));
  const candidates = await repo.findCandidateBookings(db, [...visitorIds], person.numbers, person.keys.siteId);
  const bookings: BookingsTable[] = [];
  const companionOf: Found['companionOf'] = [];
  for (const b of candidates) {
    if ((b.visitor_id !== null && visitorIds.has(b.visitor_id)) || isPerson(parsed<Numbers>(b.visitor, {}), person.keys)) {
      bookings.push(b);
      continue;
    }
    const companions = parsed<Record<string, unknown>[]>(b.companions, []);
    const theirs = companions.filter((c) => isPerson(c as Numbers, person.keys));
    if (theirs.length > 0) companionOf.push({ booking: b, theirs, kept: companions.filter((c) => !theirs.includes(c)) });
  }
  return { visitors, bookings, companionOf };
}

const bookingOut = (b: BookingsTable): Record<string, unknown> => ({
  ...b,
  visitor: parsed(b.visitor, b.visitor),
  companions: parsed(b.companions, b.companions),
});

export async function exportPersonData(db: Kysely<CloudSchema>, lookup: PersonLookup, now: Date, actor: string): Promise<PersonDataExport> {
  const person = personOf(lookup);
  const found = await findPerson(db, person);
  const bookingIds = found.bookings.map((b) => b.id);
  const photos = await repo.findPhotosOf(
    db,
    found.visitors.map((v) => v.id),
  );
  const out: PersonDataExport = {
    exportedAt: now.toISOString(),
    person: person.masked,
    visitors: found.visitors,
    photos: photos.map(({ jpeg, ...meta }) => ({ ...meta, jpegBase64: Buffer.from(jpeg).toString('base64') })),
    bookings: found.bookings.map(bookingOut),
    companionOf: found.companionOf.flatMap(({ booking, theirs }) => theirs.map((companion) => ({ bookingId: booking.id, siteId: booking.site_id, companion }))),
    approvals: await repo.findApprovalsOf(db, bookingIds),
    passages: await repo.findPassagesOf(db, bookingIds),
    blacklist: await repo.findBlacklistByKeys(db, person.keys),
  };
  const counts = { visitors: out.visitors.length, photos: out.photos.length, bookings: out.bookings.length, companionOf: out.companionOf.length };
  await writeAudit(db, { at: now, actor, action: 'person.export', subject: lookup.siteId ?? '*', detail: { ...person.masked, ...counts } });
  return out;
}

export async function deletePersonData(db: Kysely<CloudSchema>, request: PersonDelete, now: Date, actor: string): Promise<PersonDeleteResult> {
  const person = personOf(request);
  return db.transaction().execute(async (trx) => {
    // after a batch of kiosk commands holding these rows has committed (commandReads.ts), and before the next one
    await lockChangeSeq(trx);
    const found = await findPerson(trx, person);
    const bookingIds = found.bookings.map((b) => b.id);
    const approvals = (await repo.findApprovalsOf(trx, bookingIds)).length;
    const passages = (await repo.findPassagesOf(trx, bookingIds)).length;
    const commands = await repo.countCommandsOf(trx, bookingIds);
    const phones = request.phone !== undefined ? [...new Set([normalizePhone(request.phone), request.phone])] : [];
    await repo.deleteMessagesOf(trx, bookingIds, phones);
    const bookings = await deleteBookings(trx, bookingIds);
    let companionEntries = 0;
    for (const { booking, kept, theirs } of found.companionOf) {
      companionEntries += theirs.length;
      await repo.setCompanions(
        trx,
        booking.id,
        JSON.stringify(kept),
        Math.max(1, booking.group_size - theirs.length),
        now.toISOString(),
        await nextChangeSeq(trx),
      );
    }
    const photos = (
      await repo.findPhotosOf(
        trx,
        found.visitors.map((v) => v.id),
      )
    ).length;
    const visitors = await deleteVisitors(
      trx,
      found.visitors.map((v) => v.id),
    );
    const entries = await repo.findBlacklistByKeys(trx, person.keys);
    const blacklist =
      request.blacklist === 'delete'
        ? await repo.deleteBlacklistEntries(
            trx,
            entries.map((e) => e.id),
          )
        : 0;
    if (person.keys.phoneKey !== undefined) await repo.deleteRateLimitsOf(trx, person.keys.phoneKey);
    for (const phone of phones) await repo.deleteSignInTracesOf(trx, phone);
    const result: PersonDeleteResult = {
      visitors,
      photos,
      bookings,
      companionEntries,
      approvals,
      passages,
      commands,
      blacklist,
      blacklistKept: request.blacklist === 'delete' ? 0 : entries.length,
    };
    await writeAudit(trx, { at: now, actor, action: 'person.delete', subject: request.siteId ?? '*', detail: { ...person.masked, ...result } });
    return result;
  });
}
