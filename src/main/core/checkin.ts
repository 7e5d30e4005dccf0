/**
 * Check-in at the kiosk: finding today's bookings (by code, phone number or a scanned pass), recording
 * arrivals and exits as visits plus signed outbox commands, issuing kiosk-signed passes (version 2, compact:
 * the visit id, site and window; names are looked up here, from the visit and its booking, wherever a pass is
 * shown or printed).
 */
import { randomUUID } from 'node:crypto';
import { BookingCode, Phone, visitOpensAt, type Booking, type BookingView, type StaffWarning, type Visit } from '../../shared/domain';
import { IpcCallError } from '../../shared/ipc';
import { normalizeIdNumber } from '../../shared/idNumber';
import { compactWindow, signPassV2, verifyPass, type PassDetails, type PassPayload } from '../../shared/pass';
import { maskName, maskPhone } from '../../shared/mask';
import { passStanding, type PassStanding } from '../../shared/passStanding';
import { bookingsInRange, bookingsInRangeByIdNumber, getBooking, upsertBooking } from './db/bookingsStore';
import type { KioskIdentity } from './db/identityStore';
import type { KioskDb } from './db/openDb';
import { enqueueCommand, enqueueCommandOnce } from './db/outboxStore';
import { getHost, isPassRevoked, listPassKeys } from './db/referenceStore';
import { readSyncState } from './db/syncStateStore';
import type { PassPrintRequest } from './devices';
import { getVisit, insertVisit, openVisitForBooking, recordCheckout } from './db/visitsStore';
import { visitsOfToday } from './todayVisits';
import { withVisitRecord } from './visitRecords';
import { bookingStaffWarnings, recordBookedVisitPerson, reportBookingRefusal } from './bookedPeople';
import { blacklistVerdict } from '../../shared/sync';
import type { KioskEventBus } from './events';
import { checkInRefusal, refusalMessages, toBookingView, type CheckInRefusal } from './bookingView';
import { searchRangeAround, touchesLocalDay } from '../../shared/siteDay';
import { signCommand } from './sync/commands';
import { notBefore } from './sync/cloudClock';
import { issuedPassDetails, passShownFields, withLocalDetails } from './passDetails';
import { exitEndsVisit } from '../../shared/visitDays';
import { VISIT_POLICY_DEFAULTS, type PassShows } from '../../shared/visitPolicy';
import type { FaceConsentInput } from '../../shared/facePhoto';
import { verifyEd25519 } from '../../platform/ed25519';
import { bookedPhotoUpload, decodeFacePhoto, passPhotoOf, recordFaceConsentOnce, type PhotoUploadDeps } from './face/facePhotos';

export interface KioskSigner {
  identity: KioskIdentity;
  privateKey: string;
}

export interface CheckInDeps extends PhotoUploadDeps {
  db: KioskDb;
  events: KioskEventBus;
  now: () => Date;
  timeZone: () => string;
  /** the early-arrival allowance in effect (the kiosk's policy, src/shared/visitPolicy.ts; default 0) */
  earlyArrivalMinutes: () => number;
  /** what a printed pass shows besides name, party, validity and QR (policy; default: the host's name only) */
  passShows?: () => PassShows;
  /** the enrolled kiosk's identity and private key; undefined before enrolment */
  signer: () => KioskSigner | undefined;
  temperatureThresholdC: () => number;
  /** where face photos are kept (face/facePhotos.ts) */
  facePhotoDir: string;
  /** asks the sync engine to push soon (not awaited) */
  requestSync: () => void;
  /** a visitor checked in: their session at the kiosk is over (the core releases the ID card it held) */
  sessionEnded?: () => void;
}

export interface IssuedPass {
  token: string;
  payload: PassDetails;
}

/** A pass token inside scanned text: version 2 (base32) or version 1 (base64url parts). Decoding is strict. */
export const PASS_IN_TEXT = /PD2\.[A-Z2-7]+|PD1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

export class CheckInDesk {
  constructor(private readonly deps: CheckInDeps) {}

  // ---- finding -------------------------------------------------------------------------------------
  /** Today's bookings matching a booking code, a full phone number or a scanned pass token. */
  async findBookings(query: string): Promise<BookingView[]> {
    const text = query.trim();
    const now = this.deps.now();
    const range = searchRangeAround(now);
    let found: Booking[] = [];
    const token = PASS_IN_TEXT.exec(text)?.[0];
    if (token !== undefined) {
      const payload = await this.verifyPassToken(token);
      if (isPassRevoked(this.deps.db, payload.pid)) throw new IpcCallError('pass_revoked', 'this pass was revoked');
      const booking = payload.bid !== undefined ? getBooking(this.deps.db, payload.bid) : this.bookingOfVisit(payload.pid);
      found = booking ? [booking] : [];
    } else {
      const compact = text.replace(/[\s-]/g, '');
      const code = BookingCode.safeParse(compact);
      const phone = Phone.safeParse(compact);
      if (code.success) found = bookingsInRange(this.deps.db, range, { code: code.data });
      else if (phone.success) found = bookingsInRange(this.deps.db, range, { phone: phone.data });
    }
    return this.viewsOfToday(found, now);
  }

  /**
   * Today's bookings whose visitor or a companion has this ID number (exact; a trailing x counts as X), as read
   * from an ID card.
   */
  findBookingsByIdNumber(idNumber: string): BookingView[] {
    const wanted = normalizeIdNumber(idNumber);
    if (!wanted) return [];
    const now = this.deps.now();
    const holds = (b: Booking): boolean => [b.visitor, ...b.companions].some((p) => p.idNumber !== undefined && normalizeIdNumber(p.idNumber) === wanted);
    return this.viewsOfToday(bookingsInRangeByIdNumber(this.deps.db, searchRangeAround(now), wanted).filter(holds), now); // by the ID numbers' index (0016)
  }

  getBookingView(bookingId: string): BookingView {
    return this.view(this.requireBooking(bookingId), this.deps.now());
  }

  /**
   * Verifies a pass offline with the keys this kiosk knows (the cloud's and the kiosks' of the site): only a
   * pass of this kiosk's own site is accepted. A version 2 pass gets its booking id and names from the visit or
   * booking this kiosk has.
   */
  async verifyPassToken(token: string, nowMs: number = this.deps.now().getTime(), opts: { ignoreValidityWindow?: boolean } = {}): Promise<PassPayload> {
    // a refused token throws PassError: one of the desk's coded errors (IpcCallError), its code passed on as it is
    const site = this.deps.signer()?.identity.siteId; // Node's Ed25519, synchronous: no thread-pool round trip (issue 12)
    const options = { nowMs, ...opts, ...(site !== undefined ? { site } : {}), verifySignature: verifyEd25519 };
    const payload = await verifyPass(token, listPassKeys(this.deps.db), options);
    return withLocalDetails(this.deps.db, payload);
  }

  /**
   * A pass as a gate would judge it offline: the token verifies (key, site, window) and, from what this kiosk
   * knows, nothing says no since (revoked, booking cancelled / rejected / left). One rule with the cloud's verify.
   */
  async checkPass(token: string): Promise<{ payload: PassPayload } & PassStanding> {
    const payload = await this.verifyPassToken(token);
    const booking = payload.bid !== undefined ? getBooking(this.deps.db, payload.bid) : undefined;
    const standing = passStanding({ revoked: isPassRevoked(this.deps.db, payload.pid), bookingStatus: booking?.status });
    return { payload, ...standing };
  }

  // ---- arriving ------------------------------------------------------------------------------------
  /**
   * A `refuse` blacklist hit (the visitor or a companion) refuses (`blacklisted`); a `warn` one needs the staff's
   * acknowledgement (`staffAcknowledged: true`, else checkin_warning_unacknowledged) and comes back in the result.
   * The face photo's consent (`face`, granted with its photo or refused) is recorded with the new visit, once per
   * booking; a bad photo (walkin_photo_invalid) changes nothing.
   */
  async confirmCheckIn(given: {
    bookingId: string;
    visitId?: string;
    temperatureC?: number;
    staffAcknowledged?: boolean;
    face?: FaceConsentInput;
  }): Promise<{ visit: Visit; pass: IssuedPass; staffWarnings?: StaffWarning[] }> {
    const signer = this.requireSigner();
    const photo = decodeFacePhoto(given.face);
    // a UUID has one spelling here (lower case): the compact pass carries its 16 bytes, and lookups compare text
    const input = given.visitId !== undefined ? { ...given, visitId: given.visitId.toLowerCase() } : given;
    if (input.visitId !== undefined) {
      const again = this.existingCheckIn(input.visitId, input.bookingId);
      if (again) return again;
    }
    const now = this.deps.now();
    const booking = this.requireBooking(input.bookingId);
    this.assertCanCheckIn(booking, now, input.staffAcknowledged === true);
    // allowed although arrived: a later entry of a multi-day visit (src/shared/visitDays.ts)
    if (booking.status === 'arrived') {
      const again = await this.enterAgain(booking, now, signer, input.visitId);
      if (again) return again;
    }
    if (input.temperatureC !== undefined && input.temperatureC >= this.deps.temperatureThresholdC()) {
      throw new IpcCallError('temperature_abnormal', `temperature ${input.temperatureC} °C is at or above the threshold`);
    }

    const visitId = input.visitId ?? randomUUID();
    const host = getHost(this.deps.db, booking.hostId);
    const hostName = host?.name ?? '';
    // valid only inside the visit window: from its start less the site's allowance to its end (not from check-in)
    const opensAt = visitOpensAt(booking.windowStart, this.deps.earlyArrivalMinutes());
    const window = compactWindow(Math.floor(opensAt / 1000), Math.floor(Date.parse(booking.windowEnd) / 1000));
    const site = signer.identity.siteId;
    const token = await signPassV2({ subject: { kind: 'visit', visitId }, site, ...window, kid: signer.identity.keyId }, signer.privateKey);
    const payload: PassDetails = {
      v: 2,
      pid: visitId,
      bid: booking.id,
      site,
      name: maskName(booking.visitor.name).slice(0, 40),
      host: hostName.slice(0, 40),
      n: booking.groupSize,
      ...window,
      iss: `kiosk:${signer.identity.kioskId}`,
      kid: signer.identity.keyId,
    };
    const commandPayload = { bookingId: booking.id, visitId, passId: visitId, partySize: booking.groupSize };
    const payloadOf = input.temperatureC !== undefined ? { ...commandPayload, temperatureC: input.temperatureC } : commandPayload;
    const command = await signCommand({ kind: 'checkin', payload: payloadOf }, { kioskId: signer.identity.kioskId, privateKey: signer.privateKey }, now);
    // the photo's upload (policy and consent allowing), queued after the check-in: the cloud applies that first
    const upload = await bookedPhotoUpload(this.deps, input.face, booking, now);

    // Signing is async; the state may have moved meanwhile, so decide again inside the transaction.
    const outcome = this.deps.db.transaction((): { visit: Visit; pass: IssuedPass } => {
      const again = this.existingCheckIn(visitId, booking.id);
      if (again) return again;
      const current = this.requireBooking(booking.id);
      this.assertCanCheckIn(current, now, input.staffAcknowledged === true);
      const visit: Omit<Visit, 'synced'> = {
        id: visitId,
        kioskId: signer.identity.kioskId,
        bookingId: booking.id,
        visitorName: booking.visitor.name,
        visitorPhoneMasked: maskPhone(booking.visitor.phone),
        hostName,
        checkedInAt: now.toISOString(),
        passId: visitId,
      };
      if (input.temperatureC !== undefined) visit.temperatureC = input.temperatureC;
      insertVisit(this.deps.db, { visit, passToken: token, checkinCommandId: command.id });
      recordBookedVisitPerson(this.deps.db, visitId, current);
      enqueueCommand(this.deps.db, command);
      recordFaceConsentOnce(this.deps, { bookingId: booking.id, visitId, kioskId: signer.identity.kioskId, face: input.face, now }, photo, upload);
      // a multi-day visit first checked in at another kiosk stays the visit it was (the cloud records a re-entry)
      if (current.status !== 'arrived') {
        upsertBooking(this.deps.db, { ...current, status: 'arrived', arrivedAt: now.toISOString(), arrivedVisitId: visitId, updatedAt: now.toISOString() });
      }
      const stored = getVisit(this.deps.db, visitId);
      if (!stored) throw new Error('visit vanished after insert');
      return { visit: stored.visit, pass: { token, payload } };
    })();
    this.afterArrival();
    const staffWarnings = bookingStaffWarnings(this.deps.db, booking);
    return staffWarnings.length > 0 ? { ...outcome, staffWarnings } : outcome;
  }

  /**
   * A later entry of a multi-day visit checked in here: its visit and pass, one more entry (a `passage`); else
   * undefined. The desk's confirmation id (`visitId` given) is the entry's command id: a repeated confirmation
   * records no second entry.
   */
  private async enterAgain(booking: Booking, now: Date, signer: KioskSigner, confirmationId?: string): Promise<{ visit: Visit; pass: IssuedPass } | undefined> {
    const stored = booking.arrivedVisitId !== undefined ? getVisit(this.deps.db, booking.arrivedVisitId) : undefined;
    if (!stored) return undefined;
    const visit = stored.visit;
    const payload = { direction: 'entry' as const, passId: visit.passId, bookingId: booking.id, visitId: visit.id };
    const command = await signCommand({ kind: 'passage', payload }, { kioskId: signer.identity.kioskId, privateKey: signer.privateKey }, now, confirmationId);
    if (enqueueCommandOnce(this.deps.db, command)) this.afterArrival();
    return {
      visit,
      pass: { token: stored.passToken, payload: issuedPassDetails(this.deps.db, this.requireSigner().identity.siteId, visit, stored.passToken) },
    };
  }

  /** an arrival changed the bookings, ended the visitor's session at the desk, and waits to be pushed */
  private afterArrival(): void {
    this.deps.events.emit('bookings.changed', { count: 1 });
    this.deps.sessionEnded?.();
    this.deps.requestSync();
  }

  // ---- printing ------------------------------------------------------------------------------------
  /**
   * What to print for the pass issued to a visit at this kiosk (its stored, signed token): IpcCallError
   * `not_found` for a visit this kiosk did not record, `already_left` once signed out, the pass's own error
   * (pass_expired…) when it no longer verifies. The printed name is the pass's (version 1) or the visit's, masked;
   * the visit's consented face photo goes as its thumbnail (printed only by a printer with raster).
   */
  async passToPrint(visitId: string): Promise<PassPrintRequest> {
    const signer = this.requireSigner();
    const stored = getVisit(this.deps.db, visitId);
    if (!stored || stored.visit.kioskId !== signer.identity.kioskId) throw new IpcCallError('not_found', 'no visit with that id was checked in at this kiosk');
    if (stored.visit.checkedOutAt !== undefined) throw new IpcCallError('already_left', 'this visitor has signed out: the pass is not printed again');
    const payload = await this.verifyPassToken(stored.passToken);
    if (isPassRevoked(this.deps.db, payload.pid)) throw new IpcCallError('pass_revoked', 'this pass was revoked: it is not printed');
    return {
      token: stored.passToken,
      siteName: readSyncState(this.deps.db).site?.name ?? payload.site,
      visitorName: payload.name ?? maskName(stored.visit.visitorName),
      hostName: payload.host ?? stored.visit.hostName,
      validFrom: new Date(payload.nbf * 1000),
      validUntil: new Date(payload.exp * 1000),
      partySize: payload.n ?? 1,
      timeZone: this.deps.timeZone(),
      ...passShownFields(this.deps.db, this.deps.passShows?.() ?? VISIT_POLICY_DEFAULTS.passShows, stored.visit.bookingId),
      ...passPhotoOf(this.deps, visitId),
    };
  }

  // ---- leaving -------------------------------------------------------------------------------------
  /** An exit at the desk: it ends a one-day visit; a multi-day one only with `endVisit` or after its window (visitDays.ts). */
  async checkOut(input: { visitId?: string; passToken?: string; endVisit?: true }): Promise<Visit> {
    const signer = this.requireSigner();
    let visit: Visit | undefined;
    if (input.visitId !== undefined) visit = getVisit(this.deps.db, input.visitId)?.visit;
    else if (input.passToken !== undefined) {
      const payload = await this.passForExit(input.passToken);
      visit = getVisit(this.deps.db, payload.pid)?.visit ?? (payload.bid !== undefined ? openVisitForBooking(this.deps.db, payload.bid) : undefined);
    }
    if (!visit) throw new IpcCallError('visit_not_found', 'no such visit at this kiosk');
    const recorded = (v: Visit): Visit => withVisitRecord(this.deps.db, v, this.deps.now(), this.deps.timeZone());
    if (visit.checkedOutAt !== undefined) return recorded(visit);
    const now = notBefore(this.deps.now(), visit.checkedInAt); // a clock the cloud set back: never an exit before its check-in
    const body = {
      visitId: visit.id,
      ...(visit.bookingId !== undefined ? { bookingId: visit.bookingId } : {}),
      ...(input.endVisit === true ? { endVisit: true as const } : {}),
    };
    const command = await signCommand({ kind: 'checkout', payload: body }, { kioskId: signer.identity.kioskId, privateKey: signer.privateKey }, now);
    const ofBooking = visit.bookingId !== undefined ? getBooking(this.deps.db, visit.bookingId) : undefined;
    if (ofBooking && !exitEndsVisit(ofBooking, now, this.deps.timeZone(), input.endVisit === true)) {
      // one exit of a multi-day visit: recorded (the cloud keeps it in passages), the visit goes on
      enqueueCommand(this.deps.db, command);
      this.deps.requestSync();
      return recorded(visit);
    }
    const visitId = visit.id;
    const result = this.deps.db.transaction((): Visit => {
      const current = getVisit(this.deps.db, visitId);
      if (!current) throw new IpcCallError('visit_not_found', 'no such visit at this kiosk');
      if (current.visit.checkedOutAt !== undefined) return current.visit;
      recordCheckout(this.deps.db, visitId, now.toISOString(), command.id);
      enqueueCommand(this.deps.db, command);
      const booking = current.visit.bookingId !== undefined ? getBooking(this.deps.db, current.visit.bookingId) : undefined;
      if (booking && booking.status === 'arrived') {
        upsertBooking(this.deps.db, { ...booking, status: 'left', leftAt: now.toISOString(), updatedAt: now.toISOString() });
      }
      const updated = getVisit(this.deps.db, visitId);
      if (!updated) throw new Error('visit vanished after checkout');
      return updated.visit;
    })();
    this.deps.requestSync();
    return recorded(result);
  }

  /** Today's visits at this kiosk (site time), the later days of multi-day visits too, each with its record (visitRecords.ts). */
  visitsToday(): Visit[] {
    return visitsOfToday(this.deps.db, this.deps.now(), this.deps.timeZone());
  }

  // ---- helpers -------------------------------------------------------------------------------------
  private requireSigner(): KioskSigner {
    const signer = this.deps.signer();
    if (!signer) throw new IpcCallError('not_enrolled', 'this kiosk is not enrolled with the cloud yet');
    return signer;
  }

  private requireBooking(bookingId: string): Booking {
    const booking = getBooking(this.deps.db, bookingId);
    if (!booking) throw new IpcCallError('booking_not_found', 'no such booking at this kiosk');
    return booking;
  }

  private existingCheckIn(visitId: string, bookingId: string): { visit: Visit; pass: IssuedPass } | undefined {
    const stored = getVisit(this.deps.db, visitId);
    if (!stored) return undefined;
    if (stored.visit.bookingId !== bookingId) throw new IpcCallError('visit_id_reused', 'this visit id belongs to another booking');
    return {
      visit: stored.visit,
      pass: { token: stored.passToken, payload: issuedPassDetails(this.deps.db, this.requireSigner().identity.siteId, stored.visit, stored.passToken) },
    };
  }

  private refusalFor(booking: Booking, now: Date, warnings: readonly StaffWarning[] = bookingStaffWarnings(this.deps.db, booking)): CheckInRefusal | null {
    const refused = blacklistVerdict(warnings.map((w) => w.level)) === 'refuse';
    return checkInRefusal(booking, now, refused, this.deps.earlyArrivalMinutes(), this.deps.timeZone());
  }

  private assertCanCheckIn(booking: Booking, now: Date, staffAcknowledged: boolean): void {
    const warnings = bookingStaffWarnings(this.deps.db, booking);
    const refusal = this.refusalFor(booking, now, warnings);
    if (refusal === 'blacklisted') reportBookingRefusal(this.deps, booking);
    if (refusal !== null) throw new IpcCallError(refusal, refusalMessages[refusal]);
    if (blacklistVerdict(warnings.map((w) => w.level)) === 'warn' && !staffAcknowledged) {
      throw new IpcCallError('checkin_warning_unacknowledged', 'a staff member must see and acknowledge the warning on this booking first');
    }
  }

  private view(booking: Booking, now: Date): BookingView {
    const warnings = bookingStaffWarnings(this.deps.db, booking);
    return toBookingView(booking, getHost(this.deps.db, booking.hostId), this.refusalFor(booking, now, warnings), warnings);
  }

  /** The views of the bookings whose window touches today (site time), as a person presenting themselves finds them. */
  private viewsOfToday(bookings: readonly Booking[], now: Date): BookingView[] {
    const tz = this.deps.timeZone();
    const found = bookings.filter((b) => touchesLocalDay(b.windowStart, b.windowEnd, now, tz)).map((b) => ({ b, view: this.view(b, now) }));
    for (const { b, view } of found) if (!view.checkIn.allowed && view.checkIn.reason === 'blacklisted') reportBookingRefusal(this.deps, b);
    return found.map((f) => f.view);
  }

  private bookingOfVisit(visitId: string): Booking | undefined {
    const bookingId = getVisit(this.deps.db, visitId)?.visit.bookingId;
    return bookingId !== undefined ? getBooking(this.deps.db, bookingId) : undefined;
  }

  /** A pass shown at the exit: signature and site checked; an expired or revoked pass still lets its holder leave. */
  private async passForExit(token: string): Promise<PassPayload> {
    return this.verifyPassToken(token, this.deps.now().getTime(), { ignoreValidityWindow: true });
  }
}
