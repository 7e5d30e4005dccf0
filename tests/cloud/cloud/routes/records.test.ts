/**
 * The record lists (issue 14 §5) on SQLite and PostgreSQL: each filter, keyset paging through every row without
 * duplicates or gaps (entries that share an instant across page boundaries), the keyword as a name's beginning or a
 * whole number by its hash, and clear 400s for bad filters. One seeded cloud per dialect (the lists only read).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusAsOf } from '../../../../src/shared/bookingStates';
import type { Booking } from '../../../../src/shared/domain';
import type { RecordKind, RecordPage } from '../../../../src/shared/records';
import { localDate } from '../../../../src/shared/siteDay';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS } from '../../../support/cloud/harness';
import { idNumberOf, phoneOf, seedRecords, type RecordSeed, type RecordWorld } from '../../../support/cloud/recordFixtures';

const TZ = 'Asia/Shanghai';

describe.each(DIALECTS)('records (%s)', (dialect) => {
  let env: CloudTestEnv;
  let w: RecordWorld;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    w = await seedRecords(env);
  });
  afterAll(async () => env.dispose());

  const get = (kind: RecordKind, params: Record<string, string>, token = ADMIN_TOKEN) =>
    env.request('GET', `/admin/records/${kind}?${new URLSearchParams({ siteId: 'site_test', ...params }).toString()}`, { token });

  /** Every page of a list, `limit` rows at a time: the ids in order, and that no page repeated a row. */
  async function allIds(kind: RecordKind, params: Record<string, string>, limit = 4): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const res = await get(kind, { ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<RecordPage>();
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      ids.push(...page.rows.map((r) => r.bookingId));
      cursor = page.nextCursor;
      if (cursor === undefined) break;
    }
    expect(new Set(ids).size, 'no row twice').toBe(ids.length);
    return ids;
  }

  /** What a list should hold: the site's seeds matching, newest first, the id breaking ties. */
  function expected(kind: RecordKind, match: (s: RecordSeed) => boolean = () => true): string[] {
    const at = (s: RecordSeed) => (kind === 'visits' ? s.arrivedAt! : s.windowStart);
    return w.seeds
      .filter((s) => s.siteId === 'site_test' && (kind === 'bookings' || s.arrivedAt !== null) && match(s))
      .sort((a, b) => (at(a) === at(b) ? (a.id < b.id ? 1 : -1) : at(a) < at(b) ? 1 : -1))
      .map((s) => s.id);
  }

  it('pages through every visit and every booking, newest first, without duplicates or gaps across tied entry times', async () => {
    // limit 4 against groups of three sharing an instant: page boundaries fall inside the ties
    expect(await allIds('visits', {})).toEqual(expected('visits'));
    expect(await allIds('visits', {}, 3)).toEqual(expected('visits'));
    expect(await allIds('visits', {}, 200)).toEqual(expected('visits'));
    expect(expected('visits')).toHaveLength(30);
    expect(await allIds('bookings', {}, 7)).toEqual(expected('bookings'));
  });

  const day = (iso: string | null) => (iso === null ? '' : localDate(iso, TZ));
  it.each<[string, Record<string, string>, (s: RecordSeed, world: RecordWorld) => boolean]>([
    ['from/to (site days, inclusive)', { from: '2026-11-21', to: '2026-11-21' }, (s) => day(s.arrivedAt) === '2026-11-21'],
    ['from only', { from: '2026-11-22' }, (s) => day(s.arrivedAt) >= '2026-11-22'],
    ['hostId', {}, (s, x) => s.hostId === x.hosts.dev1.id],
    ['department', { department: '研发部' }, (s, x) => s.hostId === x.hosts.dev1.id || s.hostId === x.hosts.dev2.id],
    ['source (initiator), two of them', { source: 'walk_in,group' }, (s) => s.source === 'walk_in' || s.source === 'group'],
    ['status', { status: 'left' }, (s) => s.status === 'left'],
    ['area', { area: 'A区' }, (s) => s.area === 'A区'],
    ['kioskId', {}, (s, x) => s.kioskId === x.kiosks[1].kioskId],
    ['keyword: a name’s beginning', { keyword: '张' }, (s) => s.name.startsWith('张')],
    ['keyword: a whole name', { keyword: '欧阳娜娜' }, (s) => s.name === '欧阳娜娜'],
    [
      'department, status and a date together',
      { department: '研发部', status: 'arrived', from: '2026-11-21' },
      (s, x) => s.hostId !== x.hosts.admin.id && s.status === 'arrived' && day(s.arrivedAt) >= '2026-11-21',
    ],
  ])('filters visits by %s', async (_name, params, match) => {
    const extra: Record<string, string> = {};
    if (_name === 'hostId') extra.hostId = w.hosts.dev1.id;
    if (_name === 'kioskId') extra.kioskId = w.kiosks[1].kioskId;
    const want = expected('visits', (s) => match(s, w));
    expect(want.length, 'the seed has rows to find and rows to leave out').toBeGreaterThan(0);
    expect(want.length).toBeLessThan(30);
    expect(await allIds('visits', { ...params, ...extra }, 6)).toEqual(want);
  });

  it('filters bookings by status and window day, and a department without hosts finds nothing', async () => {
    // the lists show the status as of the clock (statusAsOf): every seed's window has ended, so the pending, approved
    // and returned ones read expired, before any sweep
    const effective = (s: RecordSeed) => statusAsOf(s.status, new Date(Date.parse(s.windowStart) + 8 * 3600_000).toISOString(), env.clock.toISOString());
    expect(await allIds('bookings', { status: 'pending,returned' })).toEqual(expected('bookings', (s) => ['pending', 'returned'].includes(effective(s))));
    expect(await allIds('bookings', { status: 'expired' })).toEqual(expected('bookings', (s) => effective(s) === 'expired'));
    expect(expected('bookings', (s) => effective(s) === 'expired')).toHaveLength(6);
    expect(await allIds('bookings', { from: '2026-11-21', to: '2026-11-21' })).toEqual(expected('bookings', (s) => day(s.windowStart) === '2026-11-21'));
    expect(await allIds('visits', { department: '无此部门' })).toEqual([]);
  });

  it('finds a phone or ID number whole by its hash, however it is typed; never by a part', async () => {
    const target = w.seeds[7]!;
    expect(await allIds('visits', { keyword: target.phone })).toEqual([target.id]);
    expect(await allIds('visits', { keyword: `+86 ${target.phone.slice(0, 3)} ${target.phone.slice(3, 7)} ${target.phone.slice(7)}` })).toEqual([target.id]);
    expect(await allIds('visits', { keyword: idNumberOf(7) })).toEqual([target.id]);
    expect(await allIds('bookings', { keyword: phoneOf(33) })).toEqual(['rec-b003']);
    // a part of a number is no match (no pattern on numbers), and another site's visitor is not this site's
    expect(await allIds('visits', { keyword: target.phone.slice(0, 7) })).toEqual([]);
    expect(await allIds('visits', { keyword: phoneOf(99) })).toEqual([]);
  });

  it('shows each row with masked numbers, host, department, kiosk, entry and exit, temperature and the photo flag', async () => {
    const page = (await get('visits', { limit: '200' })).json<RecordPage>();
    const photo = page.rows.find((r) => r.bookingId === w.photoBookingId)!;
    const seed = w.seeds[4]!;
    expect(photo).toMatchObject({
      visitorName: seed.name,
      phone: '139****0004',
      idNumber: `110***********${idNumberOf(4).slice(-4)}`,
      hostName: '王芳',
      department: '研发部',
      kioskName: '前台一号',
      arrivedAt: seed.arrivedAt,
      source: seed.source,
      status: seed.status,
      photoTaken: true,
    });
    expect(page.rows.filter((r) => r.photoTaken)).toHaveLength(1);
    const first = page.rows.find((r) => r.bookingId === 'rec-v000')!;
    expect(first).toMatchObject({ temperatureC: 36.5, leftAt: w.seeds[0]!.leftAt, status: 'left', photoTaken: false });
    expect(JSON.stringify(page)).not.toContain(phoneOf(4));
    expect(JSON.stringify(page)).not.toContain(idNumberOf(4));
  });

  it('keeps the search columns with the visitor a booking is made or amended with (applications through the API)', async () => {
    const host = w.hosts.admin;
    const booking: Booking = await env.createBooking(host, { visitor: { name: '陈晨', phone: '13700001111', idType: 'resident_id' } });
    expect(await allIds('bookings', { keyword: '13700001111' })).toEqual([booking.id]);
    const { source: _s, hostPhone: _h, ...edit } = env.bookingInput(host, { visitor: { name: '陈晨', phone: '13700002222', idType: 'resident_id' } });
    const put = await env.request('PUT', `/bookings/${booking.id}`, { token: ADMIN_TOKEN, body: edit });
    expect(put.statusCode, put.body).toBe(200);
    expect(await allIds('bookings', { keyword: '13700001111' })).toEqual([]);
    expect(await allIds('bookings', { keyword: '13700002222' })).toEqual([booking.id]);
    expect(await allIds('bookings', { keyword: '陈' })).toEqual([booking.id]);
  });

  it.each<[string, RecordKind, Record<string, string>, string]>([
    ['an unknown status', 'visits', { status: 'arrived,gone' }, 'invalid_request'],
    ['an unknown source', 'visits', { source: 'phone' }, 'invalid_request'],
    ['a date that is no date', 'visits', { from: '2026-02-30' }, 'invalid_request'],
    ['from after to', 'visits', { from: '2026-11-22', to: '2026-11-21' }, 'invalid_request'],
    ['a page of 0 rows', 'visits', { limit: '0' }, 'invalid_request'],
    ['a page over the maximum', 'visits', { limit: '201' }, 'invalid_request'],
    ['a cursor that is not one', 'visits', { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor_invalid'],
    ['a masked number as keyword', 'visits', { keyword: '139****0004' }, 'keyword_invalid'],
  ])('refuses %s with 400 and a clear error', async (_name, kind, params, code) => {
    const res = await get(kind, params);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ error: string; message: string }>()).toMatchObject({ error: code });
    expect(res.json<{ message: string }>().message.length).toBeGreaterThan(5);
  });

  it('refuses a cursor of the other list, and asks for the site when there is more than one', async () => {
    const bookingsCursor = (await get('bookings', { limit: '2' })).json<RecordPage>().nextCursor!;
    expect((await get('visits', { cursor: bookingsCursor })).json()).toMatchObject({ error: 'cursor_invalid' });
    const noSite = await env.request('GET', '/admin/records/visits', { token: ADMIN_TOKEN });
    expect(noSite.statusCode).toBe(400);
    expect(noSite.json()).toMatchObject({ error: 'site_required' });
    expect((await get('visits', { siteId: 'site_nope' })).statusCode).toBe(404);
  });
});
