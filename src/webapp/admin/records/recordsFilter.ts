/** The records screen's filter as its form holds it (texts, empty: not filtered) and as the route's query string. */
import type { RecordKind } from '../../../shared/records';

export interface RecordsFilterForm {
  siteId: string;
  from: string;
  to: string;
  hostId: string;
  department: string;
  source: string;
  status: string;
  area: string;
  kioskId: string;
  keyword: string;
}

export const EMPTY_FILTER: RecordsFilterForm = {
  siteId: '',
  from: '',
  to: '',
  hostId: '',
  department: '',
  source: '',
  status: '',
  area: '',
  kioskId: '',
  keyword: '',
};

/** The filter's query string (its empty fields left out), with the extra parameters given (cursor, format …). */
export function filterSearch(filter: RecordsFilterForm, extra: Record<string, string> = {}): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(filter) as (keyof RecordsFilterForm)[]) {
    const trimmed = filter[key].trim();
    if (trimmed !== '') search.set(key, trimmed);
  }
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return search;
}

/** The date range reads backwards. */
export const rangeReversed = (f: RecordsFilterForm): boolean => f.from !== '' && f.to !== '' && f.from > f.to;

export const exportPath = (kind: RecordKind, filter: RecordsFilterForm, format: 'csv' | 'xlsx', unmasked: boolean): string =>
  `/admin/records/${kind}/export?${filterSearch(filter, { format, unmasked: String(unmasked) }).toString()}`;
