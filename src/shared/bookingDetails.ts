/**
 * What the seeds' booking model adds to an application (issue 13 item 1): the visit's kind (personal: a host; official:
 * a department, seed 002), the visitor's identity category, a reason, areas and belongings from the site's lists
 * (./siteLists), self-drive with its plate (seed 003), a residential-community visit's household and door number and a
 * group pass's vehicle list (seed 001). All optional in the contract, so older clients and the kiosk's pull read as before.
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { FreeText, NameText } from './plainText';
import { ListItemId } from './siteLists';
import { VehicleList } from './vehicleCsv';

export const VisitKind = z.enum(['personal', 'official']);
export type VisitKind = z.infer<typeof VisitKind>;

/** 小区访客 (seed 001): the household visited and its door number. */
export const Residence = z.object({ household: NameText(40), doorNumber: FreeText(20).min(1) });
export type Residence = z.infer<typeof Residence>;

/** What an application may carry besides its people, reason text and window (BookingCreate, BookingEdit). */
export const bookingDetailFields = {
  visitKind: VisitKind.optional(),
  /** an official visit's department (its hosts decide) */
  departmentId: ListItemId.optional(),
  identityCategoryId: ListItemId.optional(),
  /** the reason from the site's list: the booking's reason is then the item's name */
  reasonId: ListItemId.optional(),
  areaIds: z.array(ListItemId).max(10).optional(),
  belongingIds: z.array(ListItemId).max(20).optional(),
  /** the visitor drives (自驾): visitor.plate is then required, a mainland plate */
  selfDrive: z.boolean().optional(),
  residence: Residence.optional(),
  /** a group pass's vehicles (GET /vehicle-lists/template for the CSV) */
  vehicles: VehicleList.optional(),
};

const NamedItem = z.object({ id: ListItemId, name: z.string() });

/** What a booking records of them, with the names its items had when it was made (Booking; stored as JSON). */
export const BookingDetails = z.object({
  visitKind: VisitKind.optional(),
  department: NamedItem.optional(),
  identityCategory: NamedItem.optional(),
  reasonItem: NamedItem.optional(),
  areas: z.array(NamedItem).optional(),
  belongingItems: z.array(NamedItem).optional(),
  selfDrive: z.boolean().optional(),
  residence: Residence.optional(),
  vehicles: VehicleList.optional(),
});
export type BookingDetails = z.infer<typeof BookingDetails>;
