import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentList, HostAdminList, HostAdminView, SiteTexts } from '../../../../src/shared/peopleAdmin';
import type { AccountList } from '../../../../src/shared/accounts';
import { createAccount } from '../../../support/cloud/accounts';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS } from '../../../support/cloud/harness';

const BOM = '\uFEFF';
const BAD = [
  '姓名,手机号,部门,办公室,可接待',
  '李雷,13800001001,研发部,A-101,是',
  '韩梅梅,1380000,研发部,,是', // line 3: phone
  '\u202E恶意,13800001003,研发部,,是', // line 4: a bidi override in the name
  '王五,13800001001,财务部,,否', // line 5: the phone of line 2
  '赵六,13800001006,财务部,,也许', // line 6: permission
  '"钱,七",13800001007,"行政部",B-2,no',
].join('\r\n');
const GOOD = [
  '姓名,手机号,部门,办公室,可接待',
  '李雷,13800001001,研发部,A-101,是',
  '韩梅梅,13800001002,研发部,,是',
  '"钱,七",13800001007,"行政部",B-2,no',
].join('\r\n');

describe.each(DIALECTS)('people and places for administrators (%s)', (dialect) => {
  let env: CloudTestEnv;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
  });
  afterAll(async () => {
    await env.dispose();
  });
  const admin = { token: ADMIN_TOKEN };
  const hosts = async (query: string) => (await env.request('GET', `/admin/hosts?siteId=site_test&${query}`, admin)).json<HostAdminList>().hosts;

  it('imports a CSV all or nothing: each bad line reported by line and field; fixed, it stores every line; again, it updates', async () => {
    const before = await env.count('hosts');
    const bad = await env.request('POST', '/admin/hosts/import', { ...admin, body: { siteId: 'site_test', csv: BOM + BAD } });
    expect(bad.statusCode).toBe(422);
    const errors = bad.json<{ error: string; details: { errors: { line: number; field: string }[] } }>();
    expect(errors.error).toBe('import_invalid');
    expect(errors.details.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'phone'],
      [4, 'name'],
      [5, 'phone'],
      [6, 'canReceiveVisitors'],
    ]);
    expect(await env.count('hosts')).toBe(before);

    const noHeader = await env.request('POST', '/admin/hosts/import', { ...admin, body: { siteId: 'site_test', csv: 'who,what\n1,2' } });
    expect(noHeader.statusCode).toBe(422);
    const huge = await env.request('POST', '/admin/hosts/import', { ...admin, body: { siteId: 'site_test', csv: 'x'.repeat(600 * 1024) } });
    expect(huge.statusCode).toBe(413);

    const good = await env.request('POST', '/admin/hosts/import', { ...admin, body: { siteId: 'site_test', csv: GOOD } });
    expect(good.json()).toEqual({ created: 3, updated: 0 });
    const again = await env.request('POST', '/admin/hosts/import', {
      ...admin,
      body: { siteId: 'site_test', csv: `${BOM}name,phone,department\n李雷,138 0000 1001,市场部\n` },
    });
    expect(again.json()).toEqual({ created: 0, updated: 1 });
    expect(await env.count('hosts')).toBe(before + 3);
    const qian = (await hosts('name=钱'))[0]!;
    expect(qian).toMatchObject({ name: '钱,七', department: '行政部', office: 'B-2', canReceiveVisitors: false, phoneMasked: '138****1007' });
  });

  it('searches by name prefix, department and visible phone digits, showing phones masked only', async () => {
    const res = await env.request('GET', '/admin/hosts?siteId=site_test&department=研发部', admin);
    expect(res.body).not.toContain('13800001002');
    expect(res.json<HostAdminList>().hosts.map((h) => h.name)).toEqual(['韩梅梅']);
    expect((await hosts('phone=1002')).map((h) => h.name)).toEqual(['韩梅梅']);
    expect((await hosts('phone=13800001001')).map((h) => h.name)).toEqual(['李雷']);
    expect((await hosts('name=韩')).map((h) => h.name)).toEqual(['韩梅梅']);
    expect(await hosts('name=%25')).toEqual([]);
    expect((await env.request('GET', '/admin/hosts?phone=abc', admin)).statusCode).toBe(400);
  });

  it('edits a host (visit permission, office, phone); a taken phone or a bad field changes nothing', async () => {
    const li = (await hosts('name=李雷'))[0]!;
    const edit = await env.request('POST', `/admin/hosts/${li.id}`, { ...admin, body: { canReceiveVisitors: false, office: null, department: '研发部' } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json<HostAdminView>()).toMatchObject({ canReceiveVisitors: false, department: '研发部' });
    expect(edit.json<HostAdminView>().office).toBeUndefined();
    const taken = await env.request('POST', `/admin/hosts/${li.id}`, { ...admin, body: { phone: '13800001002' } });
    expect(taken.statusCode).toBe(409);
    for (const body of [{}, { name: '<b>x</b>' }, { phone: '12' }, { canReceiveVisitors: 'yes' }]) {
      expect((await env.request('POST', `/admin/hosts/${li.id}`, { ...admin, body })).statusCode).toBe(400);
    }
    expect((await env.request('POST', '/admin/hosts/host_nope', { ...admin, body: { office: 'A' } })).statusCode).toBe(404);
    expect((await hosts('name=李雷'))[0]).toMatchObject({ phoneMasked: '138****1001', canReceiveVisitors: false, department: '研发部' });
  });

  it('lists, adds and renames departments; a rename renames its hosts', async () => {
    const list = async () => (await env.request('GET', '/admin/departments?siteId=site_test', admin)).json<DepartmentList>().departments;
    expect((await list()).map((d) => d.name)).toEqual(expect.arrayContaining(['研发部', '行政部', '市场部']));
    const made = await env.request('POST', '/admin/departments', { ...admin, body: { siteId: 'site_test', name: '保卫处' } });
    expect(made.statusCode).toBe(201);
    expect((await env.request('POST', '/admin/departments', { ...admin, body: { siteId: 'site_test', name: '保卫处' } })).statusCode).toBe(409);
    const rd = (await list()).find((d) => d.name === '研发部')!;
    const reviewer = await createAccount(env, { phone: '13700004444', roles: ['reviewer'], departments: ['研发部'] });
    const renamed = await env.request('POST', `/admin/departments/${rd.id}`, { ...admin, body: { name: '技术部' } });
    expect(renamed.json()).toMatchObject({ name: '技术部' });
    // the department's reviewer keeps it (their departments are kept by id, migration 0027)
    const accounts = (await env.request('GET', '/admin/accounts?siteId=site_test', admin)).json<AccountList>().accounts;
    expect(accounts.find((a) => a.id === reviewer.id)?.departments).toEqual([{ id: rd.id, name: '技术部' }]);
    expect((await hosts('department=技术部')).map((h) => h.name).sort()).toEqual(['李雷', '韩梅梅'].sort());
    expect((await env.request('POST', `/admin/departments/${rd.id}`, { ...admin, body: { name: '保卫处' } })).statusCode).toBe(409);
  });

  it('shows a site’s texts to anyone, as its policy has them', async () => {
    const noticeText = { 'zh-CN': '请佩戴访客证', en: 'Wear your visitor badge' };
    const set = await env.request('POST', '/admin/sites/site_test/policy', { ...admin, body: { values: { noticeText } } });
    expect(set.statusCode).toBe(200);
    const texts = await env.request('GET', '/sites/site_test/texts');
    expect(texts.statusCode).toBe(200);
    expect(texts.json<SiteTexts>().noticeText).toEqual(noticeText);
    expect((await env.request('GET', '/sites/site_nope/texts')).statusCode).toBe(404);
  });
});
