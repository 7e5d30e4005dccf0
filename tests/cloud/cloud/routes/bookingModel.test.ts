/**
 * Issue 13 item 1, the seeds' booking model on SQLite and PostgreSQL: self-drive plates, residence and group vehicles
 * (a CSV file: template, BOM, per-line errors, 413), official visits to a department, a blacklisted companion at
 * application and at approval, and the site-managed lists (add, rename, retire, audited; a booking names their items,
 * another site's item is unknown). Every refusal is a clear error that stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, Host } from '../../../../src/shared/domain';
import type { SiteListItem, SiteLists } from '../../../../src/shared/siteLists';
import { addDepartment } from '../../../../src/cloud/services/departments';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS } from '../../../support/cloud/harness';

describe.each(DIALECTS)('the seeds’ booking model (%s)', (dialect) => {
  let env: CloudTestEnv;
  let host: Host;
  const bookings = () => env.count('bookings');
  const apply = (over: Record<string, unknown>, token = ADMIN_TOKEN) =>
    env.request('POST', '/bookings', { token, body: { ...env.bookingInput(host), source: 'staff', ...over } });
  const csv = (bookingId: string, text: string | Buffer) =>
    env.app.inject({
      method: 'PUT',
      url: `/api/v1/bookings/${bookingId}/vehicles`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv; charset=utf-8' },
      payload: text,
    });

  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    host = await env.createHost();
  });
  afterAll(async () => env.dispose());

  it('a driver’s plate is required and must be a mainland plate; regular and new-energy plates are stored normalised', async () => {
    const before = await bookings();
    const missing = await apply({ selfDrive: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'plate_required' });
    for (const plate of ['京A1234', 'AB12345', '京I12345', '粤BD1234X', '京A12345678', '<b>京A1</b>']) {
      const res = await apply({ selfDrive: true, visitor: { name: '张伟', phone: '13912345678', plate } });
      expect(res.statusCode, plate).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(/车牌号格式不正确/);
    }
    expect(await bookings()).toBe(before);
    for (const [typed, stored] of [
      ['京a 12345', '京A12345'],
      ['粤B·D12345', '粤BD12345'],
      ['沪A12345F', '沪A12345F'],
    ]) {
      const res = await apply({ selfDrive: true, visitor: { name: '张伟', phone: '13912345678', plate: typed } });
      expect(res.statusCode, typed).toBe(201);
      expect(res.json<Booking>()).toMatchObject({ selfDrive: true, visitor: { plate: stored } });
    }
  });

  it('a residential-community visit records household and door number; a group pass its head count and vehicles', async () => {
    const res = await apply({
      source: 'group',
      groupSize: 30,
      residence: { household: '王家', doorNumber: '3栋2单元501' },
      vehicles: [{ plate: '京A12345', driver: '李四' }, { plate: '粤BD12345' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Booking>()).toMatchObject({
      groupSize: 30,
      residence: { household: '王家', doorNumber: '3栋2单元501' },
      vehicles: [{ plate: '京A12345' }, { plate: '粤BD12345' }],
    });
    const hostile = await apply({ residence: { household: '<script>x</script>', doorNumber: '1' } });
    expect(hostile.statusCode).toBe(400);
  });

  it('an amendment that names none of the details keeps them (residence, vehicles, driving); one that names them replaces them', async () => {
    const made = await apply({
      source: 'group',
      groupSize: 12,
      selfDrive: true,
      visitor: { name: '张伟', phone: '13912345678', plate: '京A12345' },
      residence: { household: '王家', doorNumber: '3栋2单元501' },
      vehicles: [{ plate: '京A12345', driver: '李四' }],
    });
    expect(made.statusCode).toBe(201);
    const booking = made.json<Booking>();
    const { source: _s, hostPhone: _h, ...plain } = env.bookingInput(host);
    const edit = { ...plain, visitor: { name: '张伟', phone: '13912345678', plate: '京A12345' }, reason: '改期' };
    const kept = await env.request('PUT', `/bookings/${booking.id}`, { token: ADMIN_TOKEN, body: edit });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json<Booking>()).toMatchObject({ reason: '改期', residence: { doorNumber: '3栋2单元501' }, vehicles: [{ plate: '京A12345' }] });
    const replaced = await env.request('PUT', `/bookings/${booking.id}`, { token: ADMIN_TOKEN, body: { ...edit, vehicles: [{ plate: '粤BD12345' }] } });
    expect(replaced.json<Booking>()).toMatchObject({ vehicles: [{ plate: '粤BD12345' }], residence: { household: '王家' } });
  });

  it('a group’s vehicle list comes from the CSV template: with or without BOM; wrong lines reported; too large 413; nothing stored on error', async () => {
    const template = await env.request('GET', '/vehicle-lists/template');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toMatch(/^text\/csv/);
    expect(template.body).toMatch(/^\uFEFF车牌号 plate,驾驶人 driver\r\n/);
    const group = (await apply({ source: 'group', groupSize: 12 })).json<Booking>();

    const ok = await csv(group.id, template.body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Booking>().vehicles).toEqual([{ plate: '京A12345', driver: '张三' }, { plate: '粤BD12345' }]);
    const noBom = await csv(group.id, '沪A12345,王五\n苏E12345D\n');
    expect(noBom.json<Booking>().vehicles).toEqual([{ plate: '沪A12345', driver: '王五' }, { plate: '苏E12345D' }]);

    const wrong = await csv(group.id, '车牌号,驾驶人\n京A12345,甲\n京A123,乙\n"京B12345,丙\n京A12345,丁\n');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'vehicle_csv_invalid', details: { errors: [{ line: 3 }, { line: 4 }, { line: 5 }] } });
    const tooLarge = await csv(group.id, `京A12345,${'甲'.repeat(20_000)}\n`);
    expect(tooLarge.statusCode).toBe(413);
    const read = await env.request('GET', `/bookings/${group.id}`, { token: ADMIN_TOKEN });
    expect(read.json<Booking>().vehicles).toEqual([{ plate: '沪A12345', driver: '王五' }, { plate: '苏E12345D' }]);
  });

  it('an official visit names a department: its first host decides, the others are copied; no host phone needed', async () => {
    const a = await env.createHost({ name: '赵处长', phone: '13800138011', department: '外事处' });
    const b = await env.createHost({ name: '钱科员', phone: '13800138012', department: '外事处' });
    const dept = await addDepartment(env.kysely, env.siteId, '外事处');
    const { hostPhone: _h, ...noHost } = env.bookingInput(host);
    const res = await env.request('POST', '/bookings', {
      token: ADMIN_TOKEN,
      body: { ...noHost, source: 'staff', visitKind: 'official', departmentId: dept.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const booking = res.json<Booking>();
    expect(booking).toMatchObject({ hostId: a.id, visitKind: 'official', department: { id: dept.id, name: '外事处' } });
    const cc = await env.kysely.selectFrom('booking_cc').select('host_id').where('booking_id', '=', booking.id).execute();
    expect(cc.map((c) => c.host_id)).toEqual([b.id]);

    const before = await bookings();
    const noDept = await env.request('POST', '/bookings', { token: ADMIN_TOKEN, body: { ...noHost, source: 'staff', visitKind: 'official' } });
    expect(noDept.statusCode).toBe(400);
    const unknown = await env.request('POST', '/bookings', {
      token: ADMIN_TOKEN,
      body: { ...noHost, source: 'staff', visitKind: 'official', departmentId: 'dep_none' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'department_unknown' });
    expect(await bookings()).toBe(before);
  });

  it('a blacklisted companion is refused at application, named masked; one blacklisted later is refused at approval', async () => {
    const listed = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { phone: '13700000001', reason: '测试' } });
    expect(listed.statusCode).toBe(201);
    const companions = [
      { name: '孙小明', phone: '13700000002' },
      { name: '周大伟', phone: '13700000001' },
    ];
    const visitor = await env.signIn('13912345678');
    const before = await bookings();
    const res = await env.request('POST', '/bookings', { token: visitor, body: { ...env.bookingInput(host), companions } });
    expect(res.statusCode).toBe(409);
    const { error, message } = res.json<{ error: string; message: string }>();
    expect(error).toBe('blacklisted');
    expect(message).toContain('companions[1] (周*伟)');
    expect(message).not.toContain('周大伟');
    expect(message).not.toContain('孙');
    expect(await bookings()).toBe(before);

    const later = (await apply({ companions: [{ name: '吴一', phone: '13700000003' }] })).json<Booking>();
    await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { phone: '13700000003', reason: '测试' } });
    const approve = await env.decide(later.id, 'approve');
    expect(approve.statusCode).toBe(409);
    expect(approve.json<{ message: string }>().message).toContain('companions[0] (吴*)');
    const read = await env.request('GET', `/bookings/${later.id}`, { token: ADMIN_TOKEN });
    expect(read.json<Booking>().status).toBe('pending');
  });

  it('site lists: added, renamed, retired (each audited); unique names; hostile names refused; another site’s item unknown', async () => {
    const add = (kind: string, name: string, siteId = env.siteId) =>
      env.request('POST', `/admin/sites/${siteId}/lists/${kind}`, { token: ADMIN_TOKEN, body: { name } });
    const outsider = (await add('identity_category', '外来人员')).json<SiteListItem>();
    const family = (await add('identity_category', '教职工家属')).json<SiteListItem>();
    const meeting = (await add('visit_reason', '参加会议')).json<SiteListItem>();
    const lab = (await add('area', '实验楼')).json<SiteListItem>();
    const laptop = (await add('belonging', '笔记本电脑')).json<SiteListItem>();
    expect((await add('identity_category', '外来人员')).statusCode).toBe(409);
    for (const name of ['<img src=x>', '\u202Eevil', '', 'x'.repeat(41)]) expect((await add('area', name)).statusCode, name).toBe(400);
    expect((await add('not_a_list', '甲')).statusCode).toBe(400);

    const renamed = await env.request('PUT', `/admin/sites/${env.siteId}/list-items/${meeting.id}`, { token: ADMIN_TOKEN, body: { name: '会议' } });
    expect(renamed.json()).toMatchObject({ name: '会议', retired: false });
    const retired = await env.request('PUT', `/admin/sites/${env.siteId}/list-items/${family.id}`, { token: ADMIN_TOKEN, body: { retired: true } });
    expect(retired.json()).toMatchObject({ retired: true });
    const audit = await env.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'site_list.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'site_list.add',
      'site_list.add',
      'site_list.add',
      'site_list.add',
      'site_list.add',
      'site_list.rename',
      'site_list.retire',
    ]);

    const pub = (await env.request('GET', '/site-lists?siteId=site_test')).json<SiteLists>();
    expect(pub.items.map((i) => i.name).sort()).toEqual(['会议', '外来人员', '实验楼', '笔记本电脑'].sort());
    const admin = (await env.request('GET', `/admin/sites/${env.siteId}/lists`, { token: ADMIN_TOKEN })).json<SiteLists>();
    expect(admin.items).toHaveLength(5);

    await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_other', name: '乙园区', timezone: 'Asia/Shanghai' } });
    const foreign = (await add('identity_category', '外来人员', 'site_other')).json<SiteListItem>();
    expect((await env.request('PUT', `/admin/sites/${env.siteId}/list-items/${foreign.id}`, { token: ADMIN_TOKEN, body: { name: '甲' } })).statusCode).toBe(
      404,
    );

    const before = await bookings();
    const free = await apply({});
    expect(free.json()).toMatchObject({ error: 'list_item_required', details: { field: 'identityCategoryId' } });
    const noReason = await apply({ identityCategoryId: outsider.id });
    expect(noReason.json()).toMatchObject({ error: 'list_item_required', details: { field: 'reasonId' } });
    for (const [field, value] of [
      ['identityCategoryId', foreign.id],
      ['identityCategoryId', family.id],
      ['identityCategoryId', meeting.id],
    ] as const) {
      const res = await apply({ identityCategoryId: value, reasonId: meeting.id });
      expect(res.statusCode, value).toBe(400);
      expect(res.json()).toMatchObject({ error: 'list_item_unknown', details: { field } });
    }
    expect(await bookings()).toBe(before);

    const ok = await apply({ identityCategoryId: outsider.id, reasonId: meeting.id, areaIds: [lab.id], belongingIds: [laptop.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Booking>()).toMatchObject({
      reason: '会议',
      area: '实验楼',
      belongings: '笔记本电脑',
      identityCategory: { id: outsider.id, name: '外来人员' },
      areas: [{ id: lab.id, name: '实验楼' }],
    });
  });
});
