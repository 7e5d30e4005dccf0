/**
 * The cloud API as the web app calls it: same origin (/api/v1, the page's CSP allows nothing else), JSON both ways,
 * every reply parsed with its zod contract from src/shared, a refusal as an ApiFailure carrying the cloud's ApiError.
 */
import type { z } from 'zod';
import { BookingList, BookingReceipt, type BookingCreate, type Decision } from '../../shared/api';
import { Booking } from '../../shared/domain';
import { KioskList } from '../../shared/adminApi';
import { SiteListItem, SiteLists, type SiteListItemChange, type SiteListKind } from '../../shared/siteLists';
import { API_PREFIX, ApiError } from '../../shared/sync';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
    this.name = 'ApiFailure';
  }
}

/** The server could not be reached (offline, DNS, a proxy's HTML page): no ApiError to show. */
export class NetworkFailure extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkFailure';
  }
}

/** One API call: its reply parsed with `schema`, a refusal thrown as an ApiFailure, no answer as a NetworkFailure. */
export async function call<S extends z.ZodType>(
  schema: S,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${API_PREFIX}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  } catch (err) {
    throw new NetworkFailure(err);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch (err) {
    throw new NetworkFailure(err);
  }
  if (!res.ok) {
    const parsed = ApiError.safeParse(json);
    throw new ApiFailure(res.status, parsed.success ? parsed.data : { error: 'unexpected_reply', message: `HTTP ${res.status}` });
  }
  return schema.parse(json);
}

/** Any administrator-only read: answers only for a bearer that may administer (the admin area's sign-in check). */
export const adminProbe = (token: string) => call(KioskList, 'GET', '/admin/kiosks', { token });

/** A visitor's application, sent without credentials: the cloud answers with a receipt (202). */
export const applyForVisit = (body: BookingCreate) => call(BookingReceipt, 'POST', '/bookings', { body });

/** The host's own bookings (the cloud scopes the list to the token's host). */
export const listHostBookings = (token: string) => call(BookingList, 'GET', '/bookings?limit=200', { token });

export const decideBooking = (token: string, bookingId: string, decision: Decision) =>
  call(Booking, 'POST', `/bookings/${encodeURIComponent(bookingId)}/decision`, { token, body: decision });

/** The site's active lists and departments, for the apply form: the site named, else the sole site's when the cloud has one. */
export const fetchSiteLists = (siteId?: string) =>
  call(SiteLists, 'GET', siteId === undefined ? '/site-lists' : `/site-lists?siteId=${encodeURIComponent(siteId)}`);

/** The site-managed lists as an administrator reads and changes them (admin/lists). */
export const adminSiteLists = (token: string, siteId: string) => call(SiteLists, 'GET', `/admin/sites/${encodeURIComponent(siteId)}/lists`, { token });
export const addSiteListItem = (token: string, siteId: string, kind: SiteListKind, name: string) =>
  call(SiteListItem, 'POST', `/admin/sites/${encodeURIComponent(siteId)}/lists/${kind}`, { token, body: { name } });
export const changeSiteListItem = (token: string, siteId: string, itemId: string, change: SiteListItemChange) =>
  call(SiteListItem, 'PUT', `/admin/sites/${encodeURIComponent(siteId)}/list-items/${encodeURIComponent(itemId)}`, { token, body: change });
