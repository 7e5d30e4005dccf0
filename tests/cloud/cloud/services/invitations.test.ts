/**
 * Issue 13 item 3, invitations: a host's link (token stored hashed) with a companion limit, an expiry, needs-approval
 * on or off and a window or the days offered; what the invited visitor sees (host, site, limits: nothing else); their
 * booking, pending or approved; and every refusal (expired, revoked, used, over the limit, a blacklisted companion, a
 * day not offered, over the rate limit) a clear error that stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactInvitationToken } from '../../../../src/cloud/app';
import { sha256Hex } from '../../../../src/platform/secrets';
import type { Host } from '../../../../src/shared/domain';
import type { HostInbox, Invitation, InvitationBookingCreate, InvitationCreate, InvitationCreated } from '../../../../src/shared/hostDesk';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, T0 } from '../../../support/cloud/harness';

const WINDOW = { start: '2026-11-23T01:00:00.000Z', end: '2026-11-23T09:00:00.000Z' };
const visitorOf = (phone: string): InvitationBookingCreate['visitor'] => ({ name: '张伟', phone, idType: 'resident_id', idNumber: '11010519491231002X' });

describe.each(DIALECTS)('invitations (%s)', (dialect) => {
  // one cloud for the block: each test its own host, visitor phone and client address (3 applications per address)
  let env: CloudTestEnv;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect, { rateLimits: { bookingPerAddress: { max: 3, windowSeconds: 600 } } });
  });
  afterAll(async () => env.dispose());
  let n = 0;
  async function newHost(): Promise<{ host: Host; token: string; address: string; phone: string }> {
    n++;
    const host = await env.createHost({ name: '李明', phone: `1380013${String(8200 + n)}` });
    return { host, token: await env.hostToken(host.id), address: `10.0.0.${n}`, phone: `1391234${String(5000 + n)}` };
  }
  async function invite(token: string, body: InvitationCreate): Promise<InvitationCreated> {
    const res = await env.request('POST', '/host/invitations', { token, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<InvitationCreated>();
  }
  const book = (inv: { token: string }, body: InvitationBookingCreate, address: string) =>
    env.request('POST', `/invitations/${inv.token}/bookings`, { body, remoteAddress: address });

  it('link and QR → what the visitor sees → their booking with companions, pending in the host’s inbox; the link is then used', async () => {
    env.clock = new Date(T0);
    const { host, token, address, phone } = await newHost();
    const inv = await invite(token, { companionLimit: 2, validForMinutes: 120, window: WINDOW });
    expect(inv).toMatchObject({ status: 'inviting', statusLabel: { 'zh-CN': '邀请中' }, needsApproval: true, expiresAt: '2026-11-22T04:00:00.000Z' });
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(inv.link).toBe(`/app/invite/${inv.token}`);
    expect(inv.qrPayload).toMatch(new RegExp(`^https?://[^/]+/app/invite/${inv.token}$`));
    const stored = await env.kysely.selectFrom('invitations').selectAll().where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256Hex(inv.token));
    expect(JSON.stringify(stored)).not.toContain(inv.token);
    expect(redactInvitationToken(`/api/v1/invitations/${inv.token}/bookings`)).toBe('/api/v1/invitations/…/bookings');
    expect(redactInvitationToken(`/app/invite/${inv.token}`)).toBe('/app/invite/…'); // the link a visitor opens

    const seen = await env.request('GET', `/invitations/${inv.token}`);
    expect(seen.json()).toEqual({
      siteId: 'site_test',
      hostName: '李明',
      siteName: '测试园区',
      companionLimit: 2,
      needsApproval: true,
      expiresAt: inv.expiresAt,
      window: WINDOW,
    });

    const res = await book(inv, { visitor: visitorOf(phone), companions: [{ name: '周杰', phone: '13712345670' }, { name: '吴磊' }] }, address);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', groupSize: 3, windowStart: WINDOW.start, windowEnd: WINDOW.end });
    const pending = (await env.request('GET', '/host/bookings?box=pending', { token })).json<HostInbox>();
    expect(pending.items.map((i) => [i.source, i.visitorPhoneMasked, i.companions.length])).toEqual([['invited', `139****${phone.slice(-4)}`, 2]]);
    const listed = (await env.request('GET', '/host/invitations', { token })).json<{ invitations: Invitation[] }>().invitations;
    expect(listed).toEqual([expect.objectContaining({ id: inv.id, status: 'used', bookingId: pending.items[0]!.id })]);
    expect((await env.request('GET', `/invitations/${inv.token}`)).json()).toMatchObject({ error: 'invitation_used' });
    expect((await book(inv, { visitor: visitorOf(phone) }, address)).statusCode).toBe(410);
    expect(host.id).toBe(listed[0]!.hostId);
  });

  it('no approval needed, days offered: the visitor picks a day and is approved at once for that whole site day', async () => {
    env.clock = new Date(T0);
    const { token, address, phone } = await newHost();
    const inv = await invite(token, { companionLimit: 0, needsApproval: false, allowedDates: ['2026-11-24', '2026-11-23'] });
    expect((await env.request('GET', `/invitations/${inv.token}`)).json()).toMatchObject({ allowedDates: ['2026-11-23', '2026-11-24'] });
    const before = await env.count('bookings');
    expect((await book(inv, { visitor: visitorOf(phone) }, address)).json()).toMatchObject({ error: 'date_required' });
    expect((await book(inv, { visitor: visitorOf(phone), date: '2026-11-25' }, address)).json()).toMatchObject({ error: 'date_not_offered' });
    expect(await env.count('bookings')).toBe(before);
    const res = await book(inv, { visitor: visitorOf(phone), date: '2026-11-24' }, '10.9.0.1');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'approved', windowStart: '2026-11-23T16:00:00.000Z', windowEnd: '2026-11-24T16:00:00.000Z' });
    const booking = await env.kysely.selectFrom('bookings').selectAll().where('code', '=', res.json<{ code: string }>().code).executeTakeFirstOrThrow();
    const approval = await env.kysely.selectFrom('approvals').selectAll().where('booking_id', '=', booking.id).executeTakeFirstOrThrow();
    expect(booking).toMatchObject({ source: 'invited', status: 'approved' });
    expect(approval).toMatchObject({ action: 'approve', actor: `invitation:${inv.id}` });
    // approved at once: the visitor is told, the host is not asked to approve what is already approved
    const messages = await env.kysely.selectFrom('notification_outbox').select('template').where('booking_id', '=', booking.id).execute();
    expect(messages.map((m) => m.template)).not.toContain('hostNewApplication');
    expect(messages).toHaveLength(1);
  });

  it('over the companion limit, a blacklisted companion, expired, revoked, unknown: a clear error and nothing stored', async () => {
    env.clock = new Date(T0);
    const { token, address, phone } = await newHost();
    const inv = await invite(token, { companionLimit: 1, window: WINDOW, validForMinutes: 30 });
    await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { siteId: 'site_test', phone: '13700009999', reason: '测试' } });
    const before = { bookings: await env.count('bookings'), approvals: await env.count('approvals') };
    const two = [{ name: '周杰' }, { name: '吴磊' }];
    const over = await book(inv, { visitor: visitorOf(phone), companions: two }, address);
    expect([over.statusCode, over.json<{ error: string }>().error]).toEqual([400, 'companion_limit_exceeded']);
    const listed = await book(inv, { visitor: visitorOf(phone), companions: [{ name: '周杰', phone: '13700009999' }] }, address);
    expect([listed.statusCode, listed.json<{ error: string }>().error]).toEqual([409, 'blacklisted']);
    expect(listed.json<{ message: string }>().message).toContain('companions[0] (周*)');
    env.clock = new Date(T0.getTime() + 31 * 60_000);
    expect((await env.request('GET', `/invitations/${inv.token}`)).json()).toMatchObject({ error: 'invitation_expired' });
    expect((await book(inv, { visitor: visitorOf(phone) }, '10.9.0.2')).statusCode).toBe(410);
    env.clock = new Date(T0);

    const other = await newHost();
    expect((await env.request('POST', `/host/invitations/${inv.id}/revoke`, { token: other.token })).statusCode).toBe(404);
    const revoked = await env.request('POST', `/host/invitations/${inv.id}/revoke`, { token });
    expect(revoked.json()).toMatchObject({ status: 'revoked', statusLabel: { 'zh-CN': '已失效' } });
    expect((await env.request('POST', `/host/invitations/${inv.id}/revoke`, { token })).json()).toMatchObject({ error: 'invitation_not_open' });
    const afterRevoke = await book(inv, { visitor: visitorOf(phone) }, '10.9.0.3');
    expect([afterRevoke.statusCode, afterRevoke.json<{ error: string }>().error]).toEqual([410, 'invitation_revoked']);
    expect((await env.request('GET', `/invitations/${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect({ bookings: await env.count('bookings'), approvals: await env.count('approvals') }).toEqual(before);
  });

  it('rate-limited like an application (per address): the request over the limit is 429 and stores nothing', async () => {
    env.clock = new Date(T0);
    const { token, address, phone } = await newHost();
    const inv = await invite(token, { companionLimit: 0, window: WINDOW });
    for (let i = 0; i < 3; i++) expect((await book(inv, { visitor: visitorOf(phone), companions: [{ name: '周杰' }] }, address)).statusCode).toBe(400);
    const before = await env.count('bookings');
    const limited = await book(inv, { visitor: visitorOf(phone) }, address);
    expect(limited.statusCode).toBe(429);
    expect(await env.count('bookings')).toBe(before);
  });

  it('a host makes only invitations the site allows: one of window or days, days not passed nor invalid, a sane limit', async () => {
    env.clock = new Date(T0);
    const { token } = await newHost();
    const refused = async (body: unknown, error: string) => {
      const res = await env.request('POST', '/host/invitations', { token, body });
      expect([res.statusCode, res.json<{ error: string }>().error], JSON.stringify(body)).toEqual([400, error]);
    };
    await refused({ companionLimit: 1, window: WINDOW, allowedDates: ['2026-11-23'] }, 'invalid_request');
    await refused({ companionLimit: 1 }, 'invalid_request');
    await refused({ companionLimit: 51, window: WINDOW }, 'invalid_request');
    await refused({ companionLimit: 1, allowedDates: ['2026-11-21'] }, 'window_in_past');
    await refused({ companionLimit: 1, allowedDates: ['2026-02-30'] }, 'date_invalid');
    await refused({ companionLimit: 1, window: { start: '2026-11-20T01:00:00.000Z', end: '2026-11-21T01:00:00.000Z' } }, 'window_in_past');
    expect((await env.request('POST', '/host/invitations', { token: ADMIN_TOKEN, body: { companionLimit: 1, window: WINDOW } })).statusCode).toBe(403);
    expect((await env.request('GET', '/host/invitations', { token })).json()).toEqual({ invitations: [] });
  });
});
