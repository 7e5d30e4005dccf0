/**
 * The one row-level site check of routes declared `siteAccount: 'row'` (src/cloud/access.ts): the route names a row by
 * id (a host, kiosk, blacklist entry, department, host token), and the service or repository that reads the row checks
 * its site against an administrator account's. Apart from access.ts so repositories can use it without a cycle.
 */
import type { HttpError } from './errors';

/**
 * The row a route names by id, if the caller may see it: an administrator account of one site (`limit`) sees only its
 * site's rows; another site's row is `absent()` (404) like a missing one, so ids cannot be probed and nothing changes.
 */
export function assertRowOfSite<T>(row: T | undefined, siteOf: (row: T) => string | null | undefined, limit: string | undefined, absent: () => HttpError): T {
  if (row === undefined) throw absent();
  if (limit !== undefined && siteOf(row) !== limit) throw absent();
  return row;
}
