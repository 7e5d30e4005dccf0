/**
 * Task V (issue 13 items 1 and 3): a booking made from an invitation carries the site's list fields (identity category,
 * reason, areas, belongings, self-drive with its plate, residence) as a self-booking does, checked the same way: where
 * the site keeps a list its item is required, another site's or an unknown item is refused, a driver's plate must be a
 * mainland plate; every refusal stores nothing and leaves the invitation open. The public view names the site, so the
 * invitation page can offer its lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../../../src/shared/domain';
import type { InvitationBookingCreate, InvitationCreated } from '../../../../src/shared/hostDesk';
import type { SiteListItem } from '../../../../src/shared/siteLists';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, T0 } from '../../../support/cloud/harness';

const WINDOW = { start: '2026-11-23T01:00:00.000Z', end: '2026-11-23T09:00:00.000Z' };
const visitor: InvitationBookingCreate['visitor'] = { name: '张伟', phone: '13912340001', idType: 'resident_id', idNumber: '11010519491231002X' };

describe.each(DIALECTS)('an invitation’s booking carries the site’s list fields (%s)', (dialect) => {
  let env: CloudTestEnv;
  let hostToken: string;
  const items: Record<string, SiteListItem> = {};
  const item = async (kind: string, name: string) => {
    const res = await env.request('POST', `/admin/sites/${env.siteId}/lists/${kind}`, { token: ADMIN_TOKEN, body: { name } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<SiteListItem>();
  };
  let n = 0;
  const invite = async () => {
    const res = await env.request('POST', '/host/invitations', { token: hostToken, body: { companionLimit: 1, window: WINDOW } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<InvitationCreated>();
  };
  const book = (inv: InvitationCreated, body: InvitationBookingCreate) =>
    env.request('POST', `/invitations/${inv.token}/bookings`, { body, remoteAddress: `10.1.0.${++n}` });

  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    env.clock = new Date(T0);
    const host = await env.createHost({ name: '李明', phone: '13800139001' });
    hostToken = await env.hostToken(host.id);
    items.category = await item('identity_category', '外来人员');
    items.reason = await item('visit_reason', '送合同');
    items.area = await item('area', '实验楼');
    items.belonging = await item('belonging', '笔记本电脑');
  });
  afterAll(async () => env.dispose());

  it('names the site; the booking records the items, the plate normalised, the residence, as a self-booking would', async () => {
    const inv = await invite();
    expect((await env.request('GET', `/invitations/${inv.token}`)).json()).toMatchObject({ siteId: env.siteId, hostName: '李明' });
    const res = await book(inv, {
      visitor: { ...visitor, plate: '京a 12345' },
      identityCategoryId: items.category!.id,
      reasonId: items.reason!.id,
      areaIds: [items.area!.id],
      belongingIds: [items.belonging!.id],
      selfDrive: true,
      residence: { household: '王家', doorNumber: '3栋501' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json<{ code: string }>();
    const listed = (await env.request('GET', '/bookings', { token: hostToken })).json<{ bookings: Booking[] }>().bookings;
    expect(listed.find((b) => b.code === code)).toMatchObject({
      source: 'invited',
      reason: '送合同',
      area: '实验楼',
      selfDrive: true,
      visitor: { plate: '京A12345' },
      identityCategory: { name: '外来人员' },
      areas: [{ name: '实验楼' }],
      belongingItems: [{ name: '笔记本电脑' }],
      residence: { household: '王家', doorNumber: '3栋501' },
    });
  });

  it('refused as a self-booking is: a list item missing, unknown or of the wrong list, a bad plate, an unknown field; nothing stored', async () => {
    const inv = await invite();
    const lists = { identityCategoryId: items.category!.id, reasonId: items.reason!.id };
    const before = await env.count('bookings');
    const refused = async (body: InvitationBookingCreate, status: number, error: string) => {
      const res = await book(inv, body);
      expect([res.statusCode, res.json<{ error: string }>().error], JSON.stringify(body)).toEqual([status, error]);
    };
    await refused({ visitor, reasonId: items.reason!.id }, 400, 'list_item_required');
    await refused({ visitor, identityCategoryId: items.category!.id }, 400, 'list_item_required');
    await refused({ visitor, ...lists, identityCategoryId: items.reason!.id }, 400, 'list_item_unknown');
    await refused({ visitor, ...lists, areaIds: ['li_nosuchitem'] }, 400, 'list_item_unknown');
    await refused({ visitor, ...lists, selfDrive: true }, 400, 'plate_required');
    await refused({ visitor: { ...visitor, plate: 'AB123' }, ...lists, selfDrive: true }, 400, 'plate_invalid');
    await refused({ visitor, ...lists, residence: { household: '<b>x</b>', doorNumber: '1' } }, 400, 'invalid_request');
    // the host and the kind of visit are the invitation's: an invited visitor cannot name a department
    await refused({ visitor, ...lists, visitKind: 'official' } as InvitationBookingCreate, 400, 'invalid_request');
    expect(await env.count('bookings')).toBe(before);
    // still open: the right booking goes through
    expect((await book(inv, { visitor, ...lists })).statusCode).toBe(201);
  });
});
