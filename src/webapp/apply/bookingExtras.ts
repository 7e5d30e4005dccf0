/**
 * What the seeds' booking model adds to the apply form (issue 13 item 1): the visit's kind (personal: a host by phone;
 * official: a department), the identity category and reason from the site's lists, self-drive with its plate, the
 * companions (added and removed one by one), and a group pass (head count, vehicles imported from the CSV template).
 * Checked here as the cloud checks them (the same src/shared schemas and CSV parser). Pure: no DOM, no fetch.
 */
import type { BookingCreate } from '../../shared/api';
import type { VisitKind } from '../../shared/bookingDetails';
import type { Companion } from '../../shared/domain';
import { PartySize, PersonName, Phone } from '../../shared/domain';
import { checkPlate, normalizePlate } from '../../shared/plate';
import type { SiteListKind, SiteLists } from '../../shared/siteLists';
import { parseVehicleCsv, type CsvLineError, type Vehicle } from '../../shared/vehicleCsv';
import type { MessageKey } from '../i18n/messages';

export interface CompanionDraft {
  /** stable across removals (React key, input ids) */
  key: number;
  name: string;
  phone: string;
}

export interface ExtrasDraft {
  visitKind: VisitKind;
  departmentId: string;
  identityCategoryId: string;
  reasonId: string;
  selfDrive: boolean;
  plate: string;
  companions: CompanionDraft[];
  groupPass: boolean;
  groupSize: string;
  vehicles: Vehicle[];
  /** the imported file's wrong lines (nothing imported then) */
  vehicleErrors: CsvLineError[];
}

export const emptyExtras = (): ExtrasDraft => ({
  visitKind: 'personal',
  departmentId: '',
  identityCategoryId: '',
  reasonId: '',
  selfDrive: false,
  plate: '',
  companions: [],
  groupPass: false,
  groupSize: '',
  vehicles: [],
  vehicleErrors: [],
});

/** The input ids of the extras (the page focuses the first wrong one). */
export const extraInputId = {
  departmentId: 'apply-departmentId',
  identityCategoryId: 'apply-identityCategoryId',
  reasonId: 'apply-reasonId',
  plate: 'apply-plate',
  groupSize: 'apply-groupSize',
  vehicles: 'apply-vehicles',
  companionName: (key: number) => `apply-companion-${key}-name`,
  companionPhone: (key: number) => `apply-companion-${key}-phone`,
};

export type ExtraProblems = Record<string, MessageKey>;
export type CheckedExtras = { ok: true; body: Partial<BookingCreate> } | { ok: false; problems: ExtraProblems };

/** The site's active items of one list. */
export const itemsOf = (lists: SiteLists | undefined, kind: SiteListKind) => (lists?.items ?? []).filter((i) => i.kind === kind && !i.retired);

/** A CSV file's text as a vehicle list (or its wrong lines). */
export function importVehicles(text: string): Pick<ExtrasDraft, 'vehicles' | 'vehicleErrors'> {
  const r = parseVehicleCsv(text);
  return r.ok ? { vehicles: r.vehicles, vehicleErrors: [] } : { vehicles: [], vehicleErrors: r.errors };
}

/** Checks the extras; the body fields they add when every one is right. */
export function checkExtras(x: ExtrasDraft, lists: SiteLists | undefined): CheckedExtras {
  const problems: ExtraProblems = {};
  const body: Partial<BookingCreate> = {};
  if (x.visitKind === 'official') {
    if (x.departmentId === '') problems[extraInputId.departmentId] = 'problemChoose';
    else Object.assign(body, { visitKind: 'official', departmentId: x.departmentId });
  }
  if (x.identityCategoryId !== '') body.identityCategoryId = x.identityCategoryId;
  else if (itemsOf(lists, 'identity_category').length > 0) problems[extraInputId.identityCategoryId] = 'problemChoose';
  if (x.reasonId !== '') body.reasonId = x.reasonId;
  if (x.selfDrive) {
    if (x.plate.trim() === '') problems[extraInputId.plate] = 'problemRequired';
    else if (checkPlate(x.plate) !== null) problems[extraInputId.plate] = 'problemPlate';
    else body.selfDrive = true;
  }
  const companions: Companion[] = [];
  for (const c of x.companions) {
    const name = PersonName.safeParse(c.name);
    if (c.name.trim() === '') problems[extraInputId.companionName(c.key)] = 'problemRequired';
    else if (!name.success) problems[extraInputId.companionName(c.key)] = 'problemName';
    const phone = c.phone.trim() === '' ? undefined : Phone.safeParse(c.phone);
    if (phone !== undefined && !phone.success) problems[extraInputId.companionPhone(c.key)] = 'problemPhone';
    if (name.success && (phone === undefined || phone.success)) companions.push({ name: name.data, ...(phone?.success ? { phone: phone.data } : {}) });
  }
  body.companions = companions;
  if (x.groupPass) {
    const size = PartySize.safeParse(Number(x.groupSize));
    if (x.groupSize.trim() === '' || !size.success) problems[extraInputId.groupSize] = 'problemGroupSize';
    else if (size.data < companions.length + 1) problems[extraInputId.groupSize] = 'problemGroupSize';
    else body.groupSize = size.data;
    if (x.vehicleErrors.length > 0) problems[extraInputId.vehicles] = 'problemVehicles';
    else if (x.vehicles.length > 0) body.vehicles = x.vehicles;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, body };
}

/** The visitor's plate as the body carries it (normalised), for the page to put on the visitor. */
export const plateOf = (x: ExtrasDraft): string | undefined => (x.selfDrive && x.plate.trim() !== '' ? normalizePlate(x.plate) : undefined);
