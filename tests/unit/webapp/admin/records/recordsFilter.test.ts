/** The records screen's filter as the routes' query strings (src/webapp/admin/records/recordsFilter.ts). */
import { describe, expect, it } from 'vitest';
import { RecordsExportQuery } from '../../../../../src/shared/records';
import { EMPTY_FILTER, exportPath, filterSearch, rangeReversed } from '../../../../../src/webapp/admin/records/recordsFilter';

describe('the records filter as a query string', () => {
  it('leaves out empty fields, trims, and adds the cursor', () => {
    const search = filterSearch({ ...EMPTY_FILTER, hostId: 'host_a', keyword: ' 张 ', department: '  ' }, { cursor: 'c1' });
    expect(search.toString()).toBe(`hostId=host_a&keyword=${encodeURIComponent('张')}&cursor=c1`);
  });

  it('makes an export path the route accepts, masked unless asked', () => {
    const path = exportPath('visits', { ...EMPTY_FILTER, from: '2026-11-01', to: '2026-11-30', status: 'arrived' }, 'xlsx', false);
    const [route, query] = path.split('?');
    expect(route).toBe('/admin/records/visits/export');
    expect(RecordsExportQuery.parse(Object.fromEntries(new URLSearchParams(query)))).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      status: ['arrived'],
      format: 'xlsx',
      unmasked: 'false',
    });
  });

  it('sees a backwards date range', () => {
    expect(rangeReversed({ ...EMPTY_FILTER, from: '2026-11-02', to: '2026-11-01' })).toBe(true);
    expect(rangeReversed({ ...EMPTY_FILTER, from: '2026-11-02' })).toBe(false);
  });
});
