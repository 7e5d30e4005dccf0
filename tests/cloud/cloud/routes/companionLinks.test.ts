/**
 * Companion links (转发同伴填写, issue 13 item 2), on SQLite and PostgreSQL: the applicant makes a link for their own
 * booking (another visitor's booking is 404), the companion reads it and fills in their own details once (a sub-bill
 * that follows the main bill; after approval the host decides it alone, seed 004 1.7), and a used, expired or revoked
 * link answers 410 in words; a blacklisted companion, a hostile name, a bad ID and a full party store nothing. Two
 * tests, each a flow on one fresh database (a database per case would triple the time); and links made past a
 * visitor's limit are refused.
 */
import { describe, expect, it } from 'vitest';
import type { CompanionFillReceipt, CompanionLinkCreated, CompanionLinkList, PublicCompanionLink } from '../../../../src/shared/companionLinks';
import type { Booking, Host } from '../../../../src/shared/domain';
import type { HostInbox } from '../../../../src/shared/hostDesk';
import { redactInvitationToken } from '../../../../src/cloud/app';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

const VISITOR = '13912345678';
const OTHER = '13912340000';
const COMPANION = { name: '林觐文', phone: '13700001111', idType: 'resident_id', idNumber: '11010519491231002X' } as const;

describe.each(DIALECTS)('companion links (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  async function linkFor(bookingId: string, token: string): Promise<CompanionLinkCreated> {
    const res = await env.request('POST', `/me/bookings/${bookingId}/companion-links`, { token });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CompanionLinkCreated>();
  }
  const fill = (token: string, body: object = COMPANION) => env.request('POST', `/companion-links/${token}`, { body });
  const subBills = async (mainId: string) => env.kysely.selectFrom('bookings').selectAll().where('main_booking_id', '=', mainId).execute();

  it('makes a link, the companion reads it, is refused (blacklisted, hostile, wrong ID: nothing stored), fills it once: a sub-bill that follows the main bill', async () => {
    const host: Host = await env.createHost({ name: '姜檬檬' });
    const token = await env.signIn(VISITOR);
    const booking = await env.createBooking(host);
    const link = await linkFor(booking.id, token);
    expect(link).toMatchObject({ status: 'open', statusLabel: { 'zh-CN': '待填写' }, expiresAt: booking.windowEnd, link: `/app/companion/${link.token}` });
    expect(link.qrPayload).toMatch(new RegExp(`^http://[^/]+/app/companion/${link.token}$`));
    const stored = await env.kysely.selectFrom('companion_links').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(link.token); // kept only as its hash, and never in a log line
    expect(redactInvitationToken(`/api/v1/companion-links/${link.token}`)).toBe('/api/v1/companion-links/…');
    expect(redactInvitationToken(`/app/companion/${link.token}`)).toBe('/app/companion/…');

    const seen = await env.request('GET', `/companion-links/${link.token}`);
    expect(seen.json<PublicCompanionLink>()).toEqual({
      siteName: '测试园区',
      hostNameMasked: '姜*檬',
      applicantNameMasked: '张*',
      windowStart: booking.windowStart,
      windowEnd: booking.windowEnd,
      expiresAt: link.expiresAt,
      fields: ['name', 'phone', 'idType', 'idNumber'],
    });
    // refused: a blacklisted companion, hostile names, a wrong ID number; the link stays open, nothing stored
    await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { siteId: env.siteId, phone: '13700009999', reason: '测试' } });
    const refused = await fill(link.token, { ...COMPANION, name: '白骨精', phone: '13700009999' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: string; message: string }>()).toMatchObject({ error: 'blacklisted', message: expect.stringContaining('白*精') });
    expect(refused.body).not.toContain('测试'); // the entry's reason stays with the desk
    for (const body of [
      { ...COMPANION, phone: '13700004444', name: '<script>alert(1)</script>' },
      { ...COMPANION, phone: '13700004444', name: '王\u202e五' },
      { ...COMPANION, phone: '13700004444', idNumber: '110105194912310021' },
      { ...COMPANION, phone: 'not a phone' },
      { ...COMPANION, phone: '13700004444', extra: 1 },
      { name: '王五' },
    ]) {
      const res = await fill(link.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await subBills(booking.id)).toEqual([]);
    const before = (await env.request('GET', `/me/bookings/${booking.id}/companion-links`, { token })).json<CompanionLinkList>();
    expect(before.links.map((l) => l.status)).toEqual(['open']);
    const filled = await fill(link.token);
    expect(filled.statusCode, filled.body).toBe(201);
    const receipt = filled.json<CompanionFillReceipt>();
    expect(receipt).toMatchObject({ status: 'pending', statusLabel: { 'zh-CN': '已发起' } });
    const [sub] = await subBills(booking.id);
    expect(receipt.code).toBe(sub!.code); // the companion's own code
    expect(sub).toMatchObject({ host_id: host.id, status: 'pending', window_end: booking.windowEnd, group_size: 1 });
    expect(JSON.parse(sub!.visitor)).toMatchObject({ name: COMPANION.name, phone: COMPANION.phone });

    // one person per link: used, it answers 410 in words and stores nothing
    const again = await fill(link.token, { ...COMPANION, name: '王五', phone: '13700002222' });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ error: 'companion_link_used', message: expect.stringContaining('已填写过') });
    expect((await env.request('GET', `/companion-links/${link.token}`)).statusCode).toBe(410);
    expect(await subBills(booking.id)).toHaveLength(1);

    // the host approves the main bill: the sub-bill follows
    expect((await env.decide(booking.id, 'approve')).statusCode).toBe(200);
    const list = (await env.request('GET', `/me/bookings/${booking.id}/companion-links`, { token })).json<CompanionLinkList>();
    expect(list.links).toEqual([
      expect.objectContaining({
        id: link.id,
        status: 'used',
        companion: expect.objectContaining({ nameMasked: '林*文', status: 'approved', statusLabel: expect.objectContaining({ 'zh-CN': '已确认' }) }),
      }),
    ]);
    expect(list.remaining).toBe(49);
  });

  it('after approval the host decides a companion alone (seed 004 1.7), an invitation’s follows; rejected main → cancelled; 410 when expired or revoked; 404; the limit', async () => {
    const host = await env.createHost();
    const hostToken = await env.hostToken(host.id);
    const token = await env.signIn(VISITOR);
    const booking = await env.createBooking(host);
    expect((await env.decide(booking.id, 'approve')).statusCode).toBe(200);
    const link = await linkFor(booking.id, token);
    expect((await fill(link.token)).json()).toMatchObject({ status: 'pending' });
    const [sub] = await subBills(booking.id);
    const inbox = (await env.request('GET', '/host/bookings?box=pending', { token: hostToken })).json<HostInbox>();
    expect(inbox.items.map((i) => i.id)).toEqual([sub!.id]);
    // nobody could amend a companion's booking: it is approved or rejected, not returned
    expect((await env.decide(sub!.id, 'return', '请补充单位', hostToken)).json()).toMatchObject({ error: 'companion_not_returnable' });
    const approved = await env.decide(sub!.id, 'approve', undefined, hostToken);
    expect(approved.json<Booking>()).toMatchObject({ status: 'approved', mainBookingId: booking.id });

    // an invitation's booking that needed no approval: its companion is approved with it at once (seed 004 邀约), as
    // many as the invitation allowed (one here): a link never brings more than the host invited
    const window = { start: booking.windowStart, end: booking.windowEnd };
    const inv = await env.request('POST', '/host/invitations', { token: hostToken, body: { companionLimit: 1, needsApproval: false, window } });
    const invToken = inv.json<{ token: string }>().token;
    const invited = await env.request('POST', `/invitations/${invToken}/bookings`, { body: { visitor: { name: '张伟', phone: VISITOR } } });
    expect(invited.json()).toMatchObject({ status: 'approved' });
    const invitedId = (await env.kysely.selectFrom('bookings').select('id').where('source', '=', 'invited').executeTakeFirstOrThrow()).id;
    const invLink = await linkFor(invitedId, token);
    expect((await fill(invLink.token, { ...COMPANION, phone: '13700005555' })).json()).toMatchObject({
      status: 'approved',
      statusLabel: { 'zh-CN': '已确认' },
    });
    const overInvited = await env.request('POST', `/me/bookings/${invitedId}/companion-links`, { token });
    expect(overInvited.statusCode).toBe(409);
    expect(overInvited.json()).toMatchObject({ error: 'companion_limit_reached', details: { maxCompanions: 1 } });

    // a second companion while the main bill is pending follows it: rejected main → cancelled
    const pending = await env.createBooking(host);
    const second = await linkFor(pending.id, token);
    await fill(second.token, { ...COMPANION, phone: '13700003333' });
    const [follower] = await subBills(pending.id);
    expect((await env.decide(follower!.id, 'approve', undefined, hostToken)).json()).toMatchObject({ error: 'booking_follows_main' });
    expect((await env.decide(pending.id, 'reject', '不便接待', hostToken)).statusCode).toBe(200);
    expect((await subBills(pending.id))[0]).toMatchObject({ status: 'cancelled' });
    // the link of a rejected booking is closed
    const late = await env.request('POST', `/me/bookings/${pending.id}/companion-links`, { token });
    expect(late.json()).toMatchObject({ error: 'booking_not_open_for_companions' });

    // expired and revoked links answer 410; another visitor's booking is 404; the site's companion limit holds
    const third = await env.createBooking(host);
    const revoked = await linkFor(third.id, token);
    const res = await env.request('POST', `/me/bookings/${third.id}/companion-links/${revoked.id}/revoke`, { token });
    expect(res.json()).toMatchObject({ status: 'revoked', statusLabel: { 'zh-CN': '已撤销' } });
    const revokedFill = await fill(revoked.token);
    expect(revokedFill.statusCode).toBe(410);
    expect(revokedFill.json()).toMatchObject({ error: 'companion_link_revoked', message: expect.stringContaining('撤销') });
    expect((await env.request('POST', `/me/bookings/${third.id}/companion-links/${revoked.id}/revoke`, { token })).json()).toMatchObject({
      error: 'companion_link_not_open',
    });

    const expiring = await linkFor(third.id, token);
    env.clock = new Date(Date.parse(third.windowEnd) + 1000);
    const expired = await fill(expiring.token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ error: 'companion_link_expired', message: expect.stringContaining('过期') });
    env.clock = new Date('2026-11-22T02:00:00.000Z');

    // another visitor's booking answers as one that does not exist
    const theirs = await env.createBooking(host, { visitor: { name: '赵六', phone: OTHER } });
    for (const [method, path] of [
      ['POST', `/me/bookings/${theirs.id}/companion-links`],
      ['GET', `/me/bookings/${theirs.id}/companion-links`],
      ['POST', `/me/bookings/${theirs.id}/companion-links/${expiring.id}/revoke`],
      ['POST', `/me/bookings/${third.id}/companion-links/${expiring.id}x/revoke`],
    ] as const) {
      expect((await env.request(method, path, { token })).statusCode, `${method} ${path}`).toBe(404);
    }
    expect((await env.request('GET', `/companion-links/${'A'.repeat(43)}`)).statusCode).toBe(404);

    // 限制同行人员数量: companions named, filled in and waiting all count
    expect((await env.request('POST', `/admin/sites/${env.siteId}/settings`, { token: ADMIN_TOKEN, body: { maxCompanions: 1 } })).statusCode).toBe(200);
    const withOne = await env.createBooking(host, { companions: [{ name: '李四' }] });
    const full = await env.request('POST', `/me/bookings/${withOne.id}/companion-links`, { token });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ error: 'companion_limit_reached' });
    expect(await env.kysely.selectFrom('companion_links').select('id').where('booking_id', '=', withOne.id).execute()).toEqual([]);
  });
});

describe.each(DIALECTS)('companion links made by one visitor, rate-limited (%s)', (dialect) => {
  it('a visitor making and revoking links again and again is refused past the limit (429, Retry-After); another visitor is not', async () => {
    const env = await CloudTestEnv.create(dialect, { rateLimits: { companionLinkPerVisitor: { max: 3, windowSeconds: 3600 } } });
    try {
      const host = await env.createHost();
      const token = await env.signIn(VISITOR);
      const booking = await env.createBooking(host);
      const make = () => env.request('POST', `/me/bookings/${booking.id}/companion-links`, { token });
      for (let i = 0; i < 3; i++) {
        const made = await make();
        expect(made.statusCode, made.body).toBe(201);
        const revoked = await env.request('POST', `/me/bookings/${booking.id}/companion-links/${made.json<CompanionLinkCreated>().id}/revoke`, { token });
        expect(revoked.statusCode, revoked.body).toBe(200);
      }
      const refused = await make();
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ error: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(await env.kysely.selectFrom('companion_links').select('id').execute()).toHaveLength(3);
      // another visitor's own booking: their count is their own
      const other = await env.signIn(OTHER);
      const theirs = await env.createBooking(host, { visitor: { name: '李四', phone: OTHER } });
      expect((await env.request('POST', `/me/bookings/${theirs.id}/companion-links`, { token: other })).statusCode).toBe(201);
    } finally {
      await env.dispose();
    }
  });
});
