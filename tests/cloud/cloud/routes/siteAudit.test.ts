import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditList } from '../../../../src/shared/adminApi';
import type { PushResponse, UnsignedCommand } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand, type Kiosk } from '../../../support/cloud/harness';

const audit = (kiosk: Kiosk, payload: unknown, id = randomUUID()): UnsignedCommand =>
  ({ id, kioskId: kiosk.kioskId, at: '2026-11-22T02:05:00.000Z', kind: 'adminAudit', payload }) as UnsignedCommand;

describe.each(DIALECTS)('a site’s admin audit (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const push = async (kiosk: Kiosk, cmd: UnsignedCommand) =>
    env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, cmd)] } });
  const list = async (siteId = 'site_test') => (await env.request('GET', `/admin/sites/${siteId}/audit`, { token: ADMIN_TOKEN })).json<AuditList>().entries;

  it('records a kiosk’s admin action once, however often it is pushed, and lists it for the site', async () => {
    const kiosk = await env.enrolKiosk('前台一号');
    const cmd = audit(kiosk, { action: 'setting.changed', detail: { key: 'temperatureThresholdC', old: 37.3, new: 37.0 } });
    const first = await push(kiosk, cmd);
    expect(first.json<PushResponse>().results[0]).toMatchObject({ status: 'applied' });
    const again = await push(kiosk, cmd);
    expect(again.json<PushResponse>().results[0]).toMatchObject({ status: 'duplicate' });
    const entries = (await list()).filter((e) => e.source === 'kiosk');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: cmd.id,
      source: 'kiosk',
      kioskId: kiosk.kioskId,
      kioskName: '前台一号',
      at: '2026-11-22T02:05:00.000Z',
      action: 'setting.changed',
      detail: { key: 'temperatureThresholdC', old: 37.3, new: 37.0 },
    });
  });

  it('lists the cloud’s own actions on the site and its kiosks (enrolment, policy, revocation), newest first; not another site’s', async () => {
    const kiosk = await env.enrolKiosk();
    env.clock = new Date(env.clock.getTime() + 60_000);
    await env.request('POST', '/admin/sites/site_test/policy', { token: ADMIN_TOKEN, body: { values: { idleTimeoutS: 90 } } });
    env.clock = new Date(env.clock.getTime() + 60_000);
    await env.request('POST', `/admin/kiosks/${kiosk.kioskId}/revoke`, { token: ADMIN_TOKEN });
    await env.request('POST', `/admin/kiosks/${kiosk.kioskId}/revoke`, { token: ADMIN_TOKEN });
    const entries = await list();
    expect(entries.map((e) => [e.source, e.action, e.kioskId ?? null])).toEqual([
      ['cloud', 'revoke', kiosk.kioskId],
      ['cloud', 'policy.changed', null],
      ['cloud', 'enrol', kiosk.kioskId],
    ]);
    expect(entries[1]!.detail).toMatchObject({ actor: 'admin', after: { values: { idleTimeoutS: 90 }, locked: [] } });
    await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    expect(await list('site_b')).toEqual([]);
    expect((await env.request('GET', '/admin/sites/site_nope/audit', { token: ADMIN_TOKEN })).statusCode).toBe(404);
  });

  it.each([
    ['an unknown action', { action: 'door.open', detail: {} }],
    ['a detail that is no record of plain values', { action: 'pin.success', detail: { role: { nested: true } } }],
    ['a detail key that is markup', { action: 'pin.success', detail: { '<b>': 'x' } }],
    ['too many detail fields', { action: 'pin.success', detail: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, i])) }],
    ['a detail text too long', { action: 'pin.success', detail: { note: 'x'.repeat(201) } }],
  ])('refuses %s and records nothing', async (_what, payload) => {
    const kiosk = await env.enrolKiosk();
    const res = await push(kiosk, audit(kiosk, payload));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'command_malformed' });
    expect((await list()).filter((e) => e.source === 'kiosk')).toEqual([]);
  });
});
