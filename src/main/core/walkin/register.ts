/**
 * Registering a walk-in at the desk (普通访客登记, issue 9): the lead and companions (each by a held ID card or typed),
 * the host, the site's lists, the window, the plate, the temperature, the blacklist for every person; with desk
 * approval a main bill and a sub-bill per companion, each with its visit and its own signed pass, and ONE signed
 * `registerWalkIn` command in the outbox. Explicit deps (no KioskCore): database, clock, site zone and settings,
 * signer, held cards, sync request.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Booking, Visit } from '../../../shared/domain';
import { IpcCallError, type WalkInCompanionInput, type WalkInRegistered, type WalkInRegisterRequest, type WalkInScreening } from '../../../shared/ipc';
import type { z } from 'zod';
import { blacklistKeysOf } from '../../../shared/blacklistKey';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/mask';
import { compactWindow, decodePass, signPassV2, type PassDetails } from '../../../shared/pass';
import { PlateNumber, WalkInLead, WalkInPerson, WalkInRegistration, WalkInRegistrationIds, type WalkInCompanion } from '../../../shared/walkIn';
import { getBooking, upsertBooking } from '../db/bookingsStore';
import { enqueueCommand } from '../db/outboxStore';
import { getHost } from '../db/referenceStore';
import { getVisit } from '../db/visitsStore';
import { insertWalkInVisit, outboxCommandPayload, visitPersonKeys, type WalkInVisitFields } from '../db/walkInStore';
import type { KioskSigner } from '../checkin';
import type { KioskEventBus } from '../events';
import { signCommand } from '../sync/commands';
import { walkInPassEnd, type WalkInLookup, type WalkInLookupDeps } from './lookup';
import type { HostApprovalDeps, HostApprovals } from './hostApproval';
import { resolveIdentity, type ResolvedIdentity } from './people';
import { screenAndReport } from './screening';
import { resolveWalkInHost } from './walkInHost';
import { checkWalkInWindow } from './window';
import { prepareFacePhoto, recordFaceConsent, type PhotoUploadDeps } from '../face/facePhotos';

/** `online` (from the lookup deps): a `host` site falls back to its offline rule only when the cloud is not reached. */
export interface WalkInRegisterDeps extends WalkInLookupDeps, HostApprovalDeps, PhotoUploadDeps {
  events: KioskEventBus;
  /** the enrolled kiosk's identity and private key; undefined before enrolment */
  signer: () => KioskSigner | undefined;
  /** the visitor's session is over: the held ID cards are released */
  releaseCards: () => void;
  /** the next card read is a companion's: the cards held now stay held with it */
  keepCardsForNextRead?: () => void;
  /** where face photos are kept (facePhotos.ts) */
  facePhotoDir: string;
}

interface Person {
  role: 'lead' | 'companion';
  index: number;
  identity: ResolvedIdentity;
  phone?: string;
  company?: string;
  title?: string;
  bookingId: string;
  visitId: string;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newCode = (): string => [...randomBytes(8)].map((b) => CODE_ALPHABET[b % 32]).join('');
/** `{ [k]: v }`, or nothing when v is undefined (optional properties stay absent) */
function optional<K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> {
  return v !== undefined ? ({ [k]: v } as Record<K, V>) : {};
}
const blank = (s: string | undefined): string | undefined => (s === undefined || s.trim() === '' ? undefined : s.trim());

export class WalkInRegistrar {
  constructor(
    private readonly deps: WalkInRegisterDeps,
    private readonly lookup: WalkInLookup,
    private readonly hostApprovals: HostApprovals,
  ) {}

  async register(input: WalkInRegisterRequest): Promise<WalkInRegistered> {
    const signer = this.deps.signer();
    if (!signer) throw new IpcCallError('not_enrolled', 'this kiosk is not enrolled with the cloud yet');
    const registrationId = (input.registrationId ?? randomUUID()).toLowerCase();
    const again = this.existing(registrationId, signer);
    if (again) return again;

    const now = this.deps.now();
    const policy = this.lookup.policy();
    // a `host` site: online, the registration waits for the host (pushed at once, hostApprovals waits for the
    // decision); offline, the site's fallback rule decides (the desk approves, recorded as such, or refused)
    const approval =
      policy.approval === 'desk' ? 'desk' : this.deps.online() ? 'host' : policy.offlineFallback === 'desk' ? 'desk_offline_fallback' : undefined;
    if (approval === undefined) {
      throw new IpcCallError('walkin_host_approval_unavailable', 'this site needs the host to approve walk-ins and the cloud cannot be reached now');
    }
    const arrives = approval !== 'host';

    // ---- people
    const held = (cardRef: string) => this.deps.heldCard(cardRef);
    const leadIdentity = resolveIdentity(input.lead.identity, held, 'visitor');
    const companions = input.companions.map((c: WalkInCompanionInput, i: number) => resolveIdentity(c.identity, held, `companion ${i + 1}`));
    const leadPhone = this.leadPhone(input, leadIdentity);
    const people: Person[] = [
      { role: 'lead', index: 0, identity: leadIdentity, phone: leadPhone, ...this.extras(input.lead), bookingId: randomUUID(), visitId: randomUUID() },
      ...companions.map((identity: ResolvedIdentity, i: number): Person => {
        const c = input.companions[i]!;
        return {
          role: 'companion',
          index: i,
          identity,
          ...(c.phone !== undefined ? { phone: c.phone } : {}),
          ...this.extras(c),
          bookingId: randomUUID(),
          visitId: randomUUID(),
        };
      }),
    ];
    const keys = people.map((p) => blacklistKeysOf({ idNumber: p.identity.idNumber }).idNumberHash);
    if (new Set(keys).size !== keys.length) throw new IpcCallError('walkin_duplicate_person', 'the same person is in this registration twice');

    // ---- host, lists, window, plate, temperature
    const { host, store: storeHost } = await resolveWalkInHost(this.deps, input.hostId);
    const visitType = blank(input.visitType);
    const area = blank(input.area);
    if (visitType !== undefined && policy.visitTypes.length > 0 && !policy.visitTypes.includes(visitType))
      throw new IpcCallError('walkin_list_value', `visit type is not one of the site's`);
    if (area !== undefined && policy.areas.length > 0 && !policy.areas.includes(area))
      throw new IpcCallError('walkin_list_value', `area is not one of the site's`);
    if (!policy.freeTextReason && policy.visitReasons.length > 0 && !policy.visitReasons.includes(input.reason)) {
      throw new IpcCallError('walkin_reason_not_listed', 'this site only takes the reasons on its list');
    }
    const tz = this.deps.timeZone();
    const start = input.windowStart !== undefined ? new Date(input.windowStart) : now;
    const end = input.windowEnd !== undefined ? new Date(input.windowEnd) : walkInPassEnd(start, tz, policy.passHours);
    checkWalkInWindow(start, end, now, policy);
    let plate: string | undefined;
    const typedPlate = blank(input.plate);
    if (input.selfDrive && typedPlate === undefined) throw new IpcCallError('walkin_plate_required', 'a self-driving visitor needs a plate number');
    if (typedPlate !== undefined) {
      const parsed = PlateNumber.safeParse(typedPlate);
      if (!parsed.success) throw new IpcCallError('walkin_plate_invalid', 'not a mainland vehicle plate (粤B12345, 粤BD12345)');
      plate = parsed.data;
    }
    if (input.temperatureC !== undefined && input.temperatureC >= this.deps.temperatureThresholdC() && input.temperatureOverride === undefined) {
      throw new IpcCallError('temperature_abnormal', `temperature ${input.temperatureC} °C is at or above the threshold`);
    }

    // ---- the persons as the cloud will read them, and the blacklist
    const leadPerson = this.parsePerson(WalkInLead, people[0]!, 'visitor');
    const companionPersons = people.slice(1).map((p) => this.parsePerson(WalkInPerson, p, `companion ${p.index + 1}`));
    const screening = screenAndReport(this.deps, people);
    if (screening.refused) throw new IpcCallError('walkin_refused', 'this registration cannot be completed here: the desk staff can help');
    const staffWarnings = screening.staffWarnings;
    if (staffWarnings.length > 0 && input.staffAcknowledged !== true) {
      throw new IpcCallError('walkin_warning_unacknowledged', 'a staff member must see and acknowledge the warnings for this registration first');
    }

    // ---- passes, the registration, the command
    const nbfMs = start.getTime() - policy.earlyArrivalMinutes * 60_000;
    const window = compactWindow(Math.floor(nbfMs / 1000), Math.floor(end.getTime() / 1000));
    const site = signer.identity.siteId;
    const issued = await Promise.all(
      (arrives ? people : []).map(async (p) => {
        const token = await signPassV2({ subject: { kind: 'visit', visitId: p.visitId }, site, ...window, kid: signer.identity.keyId }, signer.privateKey);
        const payload: PassDetails = {
          v: 2,
          pid: p.visitId,
          bid: p.bookingId,
          site,
          name: maskName(p.identity.name).slice(0, 40),
          host: host.name.slice(0, 40),
          n: 1,
          ...window,
          iss: `kiosk:${signer.identity.kioskId}`,
          kid: signer.identity.keyId,
        };
        return { person: p, token, payload };
      }),
    );
    const lead = people[0]!;
    const code = newCode();
    const registration = WalkInRegistration.parse({
      bookingId: lead.bookingId,
      code,
      hostId: host.id,
      visitor: leadPerson,
      companions: people.slice(1).map((p, i): WalkInCompanion => ({
        bookingId: p.bookingId,
        person: companionPersons[i]!,
        ...(arrives ? { visitId: p.visitId, passId: p.visitId } : {}),
      })),
      ...optional('visitType', visitType),
      reason: input.reason,
      ...optional('area', area),
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
      ...optional('remarks', blank(input.remarks)),
      ...optional('plate', plate),
      ...optional('belongings', blank(input.belongings)),
      ...optional('temperatureC', input.temperatureC),
      ...optional('temperatureOverride', input.temperatureOverride),
      approval,
      ...(arrives ? { visitId: lead.visitId, passId: lead.visitId } : {}),
    });
    const command = await signCommand(
      { kind: 'registerWalkIn', payload: registration },
      { kioskId: signer.identity.kioskId, privateKey: signer.privateKey },
      now,
      registrationId,
    );

    const { photo, upload } = await prepareFacePhoto(this.deps, input.face, { ...lead, idNumber: lead.identity.idNumber }, now);
    const nowIso = now.toISOString();
    const tokenOf = new Map(issued.map((i) => [i.person.visitId, i.token]));
    const codes = new Map(people.map((p) => [p.bookingId, p.role === 'lead' ? code : newCode()]));
    const fieldsOf = (p: Person): WalkInVisitFields => {
      const keys = blacklistKeysOf({ idNumber: p.identity.idNumber, phone: p.phone });
      return {
        ...optional('idKey', keys.idNumberHash),
        ...optional('phoneKey', keys.phoneHash),
        idMasked: maskIdNumber(p.identity.idNumber),
        ...optional('company', p.company),
        ...optional('title', p.title),
        hostId: host.id,
        reason: input.reason,
        ...optional('visitType', visitType),
        ...optional('area', area),
        ...optional('plate', p.role === 'lead' ? plate : undefined),
        ...optional('mainBookingId', p.role === 'lead' ? undefined : lead.bookingId),
      };
    };
    this.deps.db.transaction(() => {
      storeHost();
      for (const p of people) {
        const phone = p.phone ?? leadPhone;
        const booking: Booking = {
          id: p.bookingId,
          code: codes.get(p.bookingId) ?? newCode(),
          siteId: site,
          hostId: host.id,
          source: 'walk_in',
          status: arrives ? 'arrived' : 'pending',
          visitor: {
            name: p.identity.name,
            phone,
            idType: p.identity.idType,
            idNumber: p.identity.idNumber,
            ...optional('company', p.company),
            ...optional('title', p.title),
            ...optional('plate', p.role === 'lead' ? plate : undefined),
          },
          companions: [],
          groupSize: 1,
          reason: input.reason,
          ...optional('area', area),
          ...optional('visitType', visitType),
          ...optional('remarks', blank(input.remarks)),
          ...optional('belongings', blank(input.belongings)),
          ...optional('mainBookingId', p.role === 'lead' ? undefined : lead.bookingId),
          windowStart: start.toISOString(),
          windowEnd: end.toISOString(),
          ...(arrives ? { arrivedAt: nowIso, arrivedVisitId: p.visitId } : {}),
          createdAt: nowIso,
          updatedAt: nowIso,
        };
        upsertBooking(this.deps.db, booking);
        const token = tokenOf.get(p.visitId);
        if (token === undefined) continue;
        const visit: Omit<Visit, 'synced'> = {
          id: p.visitId,
          kioskId: signer.identity.kioskId,
          bookingId: p.bookingId,
          visitorName: p.identity.name,
          visitorPhoneMasked: p.phone !== undefined ? maskPhone(p.phone) : '',
          hostName: host.name,
          checkedInAt: nowIso,
          passId: p.visitId,
          ...(p.role === 'lead' ? optional('temperatureC', input.temperatureC) : {}),
        };
        insertWalkInVisit(this.deps.db, { visit, passToken: token, checkinCommandId: command.id }, fieldsOf(p));
      }
      enqueueCommand(this.deps.db, command);
      const faceRecord = { bookingId: lead.bookingId, visitId: arrives ? lead.visitId : undefined, kioskId: signer.identity.kioskId, now };
      if (input.face) recordFaceConsent(this.deps.db, this.deps.facePhotoDir, { ...faceRecord, face: input.face }, photo, upload);
    })();
    this.deps.releaseCards();
    this.deps.events.emit('bookings.changed', { count: people.length });
    if (!arrives) {
      this.hostApprovals.start({
        registrationId,
        bookingId: lead.bookingId,
        code,
        hostNameMasked: maskName(host.name),
        offlineFallback: policy.offlineFallback,
        people: people.map((p) => ({ role: p.role, bookingId: p.bookingId, nameMasked: maskName(p.identity.name), fields: fieldsOf(p) })),
        windowEnd: end.toISOString(),
        registeredAt: nowIso,
      });
    } else this.deps.requestSync();
    const result = this.existing(registrationId, signer);
    if (!result) throw new Error('walk-in vanished after insert');
    return { ...result, staffWarnings };
  }

  /**
   * The blacklist for the registration's people before it is made (walkin.screen): every hit, refuse and warn, for the
   * staff-only panel. Only the people are resolved (held cards or typed IDs); the rest of the form is judged at
   * registration.
   */
  screen(input: WalkInRegisterRequest): WalkInScreening {
    const held = (cardRef: string) => this.deps.heldCard(cardRef);
    const lead = resolveIdentity(input.lead.identity, held, 'visitor');
    let leadPhone: string | undefined;
    try {
      leadPhone = this.leadPhone(input, lead);
    } catch {
      leadPhone = undefined; // no phone yet: the ID number's key alone
    }
    const people: Person[] = [
      { role: 'lead', index: 0, identity: lead, ...(leadPhone !== undefined ? { phone: leadPhone } : {}), bookingId: '', visitId: '' },
      ...input.companions.map((c: WalkInCompanionInput, i: number): Person => ({
        role: 'companion',
        index: i,
        identity: resolveIdentity(c.identity, held, `companion ${i + 1}`),
        ...(c.phone !== undefined ? { phone: c.phone } : {}),
        bookingId: '',
        visitId: '',
      })),
    ];
    return screenAndReport(this.deps, people);
  }

  // ---- helpers -------------------------------------------------------------------------------------
  private extras(p: { company?: string | undefined; title?: string | undefined }): { company?: string; title?: string } {
    const company = blank(p.company);
    const title = blank(p.title);
    return { ...(company !== undefined ? { company } : {}), ...(title !== undefined ? { title } : {}) };
  }

  /** The lead's phone: typed, or the phone of their own last visit here (the same ID number's key). */
  private leadPhone(input: WalkInRegisterRequest, lead: ResolvedIdentity): string {
    if (input.lead.phone !== undefined) return input.lead.phone;
    if (input.lead.reusePhoneOfVisit !== undefined) {
      const visit = visitPersonKeys(this.deps.db, input.lead.reusePhoneOfVisit.toLowerCase());
      const mine = visit?.idKey !== undefined && visit.idKey === blacklistKeysOf({ idNumber: lead.idNumber }).idNumberHash;
      const booking = mine && visit.bookingId !== undefined ? getBooking(this.deps.db, visit.bookingId) : undefined;
      if (booking) return booking.visitor.phone;
    }
    throw new IpcCallError('walkin_person_invalid', "visitor: a phone number is needed (typed, or the visitor's own from their last visit)");
  }

  private parsePerson<S extends typeof WalkInLead | typeof WalkInPerson>(schema: S, p: Person, who: string): z.output<S> {
    const parsed = schema.safeParse({
      name: p.identity.name,
      ...(p.phone !== undefined ? { phone: p.phone } : {}),
      idType: p.identity.idType,
      idNumber: p.identity.idNumber,
      ...this.extras(p),
      ...(p.identity.sex !== undefined ? { sex: p.identity.sex } : {}),
      ...(p.identity.nation !== undefined ? { nation: p.identity.nation } : {}),
      ...(p.identity.birthDate !== undefined ? { birthDate: p.identity.birthDate } : {}),
      idSource: p.identity.idSource,
    });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      throw new IpcCallError('walkin_person_invalid', `${who}: ${fields || 'details'} not accepted`);
    }
    return parsed.data as z.output<S>;
  }

  /** A registration made before under this id (its command in the outbox), rebuilt from the stored visits. */
  private existing(registrationId: string, signer: KioskSigner): WalkInRegistered | undefined {
    const stored = outboxCommandPayload(this.deps.db, registrationId);
    if (!stored) return undefined;
    const parsed = stored.kind === 'registerWalkIn' ? WalkInRegistrationIds.safeParse(stored.payload) : undefined;
    if (!parsed?.success) throw new IpcCallError('walkin_id_reused', 'this registration id was used for something else');
    const r = parsed.data;
    if (r.approval === 'host') {
      const hostName = getHost(this.deps.db, r.hostId)?.name ?? '';
      const hostWait = { hostNameMasked: maskName(hostName), offlineFallback: this.lookup.policy().offlineFallback };
      return { registrationId, bookingId: r.bookingId, code: r.code, approval: r.approval, passes: [], staffWarnings: [], hostWait };
    }
    const entries = [
      { role: 'lead' as const, bookingId: r.bookingId, visitId: r.visitId },
      ...r.companions.map((c) => ({ role: 'companion' as const, bookingId: c.bookingId, visitId: c.visitId })),
    ];
    const passes = entries.map((e) => {
      const v = e.visitId !== undefined ? getVisit(this.deps.db, e.visitId) : undefined;
      if (!v) throw new Error('a walk-in visit is missing');
      const decoded = decodePass(v.passToken);
      if (decoded.v !== 2) throw new Error('a walk-in pass is not version 2');
      const payload: PassDetails = {
        v: 2,
        pid: v.visit.id,
        bid: e.bookingId,
        site: signer.identity.siteId,
        name: maskName(v.visit.visitorName).slice(0, 40),
        host: v.visit.hostName.slice(0, 40),
        n: 1,
        nbf: decoded.claims.nbf,
        exp: decoded.claims.exp,
        iss: `kiosk:${v.visit.kioskId}`,
        kid: decoded.claims.kid,
      };
      return { role: e.role, bookingId: e.bookingId, nameMasked: maskName(v.visit.visitorName), visit: v.visit, pass: { token: v.passToken, payload } };
    });
    return { registrationId, bookingId: r.bookingId, code: r.code, approval: r.approval, passes, staffWarnings: [] };
  }
}
