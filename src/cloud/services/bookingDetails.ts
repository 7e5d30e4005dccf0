/**
 * The seeds' booking model on an application or edit (issue 13 item 1): each list item it names must be an active item
 * of the booking's site and of the right list (another site's item is unknown here: 400 list_item_unknown); where the
 * site keeps an identity-category or reason list, the application names an item of it (free text only where it keeps
 * none); an official visit names a department of the site (its hosts decide, departments.ts); a visitor who drives
 * gives a mainland plate. What it resolves is the booking's reason, area and belongings text (shown by every kiosk)
 * and its details (JSON BookingDetails, with the names the items had).
 */
import type { z } from 'zod';
import type { BookingEdit } from '../../shared/api';
import { BookingDetails } from '../../shared/bookingDetails';
import type { VisitorIdentity } from '../../shared/domain';
import { checkPlate, normalizePlate, PLATE_ERROR } from '../../shared/plate';
import type { SiteListKind } from '../../shared/siteLists';
import type { HostsTable } from '../db/schema';
import { badRequest } from '../errors';
import type { Db } from '../repositories/db';
import { activeKindsOfSite, findActiveItemsOfSite } from '../repositories/siteLists';
import { findDepartmentOfSite, hostsOfDepartment } from './departments';
import { findVisitableHost, lookupVisitableHost } from './hosts';

type Application = z.output<typeof BookingEdit>;

export interface ResolvedDetails {
  visitor: VisitorIdentity;
  reason: string;
  area: string | null;
  belongings: string | null;
  /** JSON BookingDetails, or null when the application carries none */
  details: string | null;
}

const LIST_WORDS: Record<SiteListKind, string> = {
  identity_category: '访客身份 / identity category',
  visit_reason: '来访事由 / visit reason',
  area: '来访区域 / area',
  belonging: '携带物品 / belonging',
};

/** A visitor who drives gives a mainland plate (seed 003); checked before anything is looked up. */
export function checkSelfDrive(input: Pick<Application, 'selfDrive' | 'visitor'>): void {
  if (input.selfDrive !== true) return;
  const plate = input.visitor.plate;
  if (plate === undefined || plate.trim() === '') {
    throw badRequest('plate_required', '自驾来访须填写车牌号 / a visitor who drives must give the plate number', { who: 'visitor' });
  }
  const problem = checkPlate(plate);
  if (problem !== null) throw badRequest('plate_invalid', PLATE_ERROR, { who: 'visitor', problem });
}

/**
 * An amendment as the booking's stored details complete it (a review found amendments wiping them): what the edit
 * does not name — its list items, kind and department, driving, residence, vehicles (uploaded apart) — stays as it
 * was; what it names replaces it. The items are resolved again, so a retired one must be chosen anew.
 */
export function withStoredDetails(input: Application, stored: string | null): Application {
  if (stored === null) return input;
  const kept = BookingDetails.parse(JSON.parse(stored));
  const fromStored: Partial<Application> = {
    ...(kept.identityCategory ? { identityCategoryId: kept.identityCategory.id } : {}),
    ...(kept.reasonItem ? { reasonId: kept.reasonItem.id } : {}),
    ...(kept.areas ? { areaIds: kept.areas.map((a) => a.id) } : {}),
    ...(kept.belongingItems ? { belongingIds: kept.belongingItems.map((b) => b.id) } : {}),
    ...(kept.visitKind !== undefined ? { visitKind: kept.visitKind } : {}),
    ...(kept.department ? { departmentId: kept.department.id } : {}),
    ...(kept.selfDrive !== undefined ? { selfDrive: kept.selfDrive } : {}),
    ...(kept.residence ? { residence: kept.residence } : {}),
    ...(kept.vehicles ? { vehicles: kept.vehicles } : {}),
  };
  // keys the edit leaves out (zod may still carry them as undefined) do not wipe what is kept
  const named = Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined)) as Application;
  return { ...fromStored, ...named };
}

/**
 * Resolves what an application names against its site's lists: a self-booking's, a host's and an invitation's alike
 * (the invitation form offers the lists too).
 */
export async function resolveBookingDetails(db: Db, siteId: string, input: Application): Promise<ResolvedDetails> {
  checkSelfDrive(input);
  const ids = [input.identityCategoryId, input.reasonId, ...(input.areaIds ?? []), ...(input.belongingIds ?? [])].filter((id) => id !== undefined);
  const items = new Map((await findActiveItemsOfSite(db, siteId, ids)).map((r) => [r.id, r]));
  const kinds = await activeKindsOfSite(db, siteId);
  const pick = (id: string, kind: SiteListKind, field: string) => {
    const item = items.get(id);
    if (item === undefined || item.kind !== kind) {
      throw badRequest('list_item_unknown', `${LIST_WORDS[kind]}：不是本园区列表中的项 / not an item of this site’s list`, { field, id });
    }
    return { id: item.id, name: item.name };
  };
  const required = (kind: SiteListKind, field: string) => {
    if (kinds.has(kind)) throw badRequest('list_item_required', `请从列表中选择${LIST_WORDS[kind]} / choose one from the site’s list`, { field });
  };

  const details: BookingDetails = {};
  if (input.identityCategoryId !== undefined) details.identityCategory = pick(input.identityCategoryId, 'identity_category', 'identityCategoryId');
  else required('identity_category', 'identityCategoryId');
  if (input.reasonId !== undefined) details.reasonItem = pick(input.reasonId, 'visit_reason', 'reasonId');
  else required('visit_reason', 'reasonId');
  if (input.areaIds?.length) details.areas = input.areaIds.map((id, i) => pick(id, 'area', `areaIds[${i}]`));
  if (input.belongingIds?.length) details.belongingItems = input.belongingIds.map((id, i) => pick(id, 'belonging', `belongingIds[${i}]`));
  if (input.visitKind !== undefined) details.visitKind = input.visitKind;
  if (input.visitKind === 'official' && input.departmentId !== undefined) {
    const dept = await findDepartmentOfSite(db, input.departmentId, siteId);
    details.department = { id: dept.id, name: dept.name };
  }
  if (input.selfDrive !== undefined) details.selfDrive = input.selfDrive;
  if (input.residence !== undefined) details.residence = input.residence;
  if (input.vehicles !== undefined && input.vehicles.length > 0) details.vehicles = input.vehicles;

  const visitor =
    input.selfDrive === true && input.visitor.plate !== undefined ? { ...input.visitor, plate: normalizePlate(input.visitor.plate) } : input.visitor;
  return {
    visitor,
    reason: details.reasonItem?.name ?? input.reason,
    area: details.areas
      ? details.areas
          .map((a) => a.name)
          .join('、')
          .slice(0, 80)
      : (input.area ?? null),
    belongings: details.belongingItems
      ? details.belongingItems
          .map((b) => b.name)
          .join('、')
          .slice(0, 200)
      : null,
    details: Object.keys(details).length > 0 ? JSON.stringify(BookingDetails.parse(details)) : null,
  };
}

export interface ApplicationHost {
  host: HostsTable;
  /** an official visit: the department's other hosts, copied (抄送) */
  ccHostIds: string[];
}

type HostChoice = Pick<Application, 'visitKind' | 'departmentId'> & { hostId?: string | undefined; hostPhone?: string | undefined };

/** The host an application goes to: the named one, or an official visit's department's (404 无此受访人 / department_unknown). */
export async function findApplicationHost(db: Db, input: HostChoice, siteId: string | undefined): Promise<ApplicationHost> {
  if (input.visitKind === 'official' && input.departmentId !== undefined) {
    const [first, ...others] = await hostsOfDepartment(db, await findDepartmentOfSite(db, input.departmentId, siteId));
    return { host: first!, ccHostIds: others.map((h) => h.id) };
  }
  if (input.visitKind === 'official') throw badRequest('department_required', '公务来访须选择部门 / an official visit names a department');
  return { host: await findVisitableHost(db, { hostId: input.hostId, hostPhone: input.hostPhone, siteId }), ccHostIds: [] };
}

/** As findApplicationHost, for an anonymous application: undefined where it finds nobody (the reply says nothing of it). */
export async function lookupApplicationHost(db: Db, input: HostChoice): Promise<ApplicationHost | undefined> {
  if (input.visitKind === 'official') {
    try {
      return await findApplicationHost(db, input, undefined);
    } catch {
      return undefined;
    }
  }
  const host = await lookupVisitableHost(db, { hostId: input.hostId, hostPhone: input.hostPhone });
  return host ? { host, ccHostIds: [] } : undefined;
}
