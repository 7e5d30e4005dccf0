/**
 * Issue 13 item 1's rules: the blacklist checked for every person (the lead visitor and each companion) at application
 * and again at approval. A signed-in caller is told who (masked); an anonymous applicant gets the same receipt as
 * anyone (it tells no stranger who is blacklisted) and no booking is made.
 */
import { describe, expect, it } from 'vitest';
import type { BookingReceipt } from '../../../../src/shared/api';
import type { Booking } from '../../../../src/shared/domain';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

const COMPANION = { name: '周杰', phone: '13712345670' };

describe.each(DIALECTS)('booking rules: the blacklist at application and approval (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  const blacklist = async (body: Record<string, unknown>) => {
    const res = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('at application: a refused companion refuses it for staff (409, masked) and anonymously stores nothing; a warn entry lets it through', async () => {
    const host = await env.createHost();
    await blacklist({ phone: COMPANION.phone, reason: '曾冒用他人证件' });
    const staff = await env.request('POST', '/bookings', { token: ADMIN_TOKEN, body: env.bookingInput(host, { companions: [COMPANION] }) });
    expect(staff.statusCode).toBe(409);
    expect(staff.json()).toEqual({
      error: 'blacklisted',
      message: '访客在黑名单上，不能预约 / on this site’s blacklist, the booking cannot go ahead: companions[0] (周*)',
      details: { refused: [{ who: 'companions[0]', nameMasked: '周*' }] },
    });
    const anonymous = await env.request('POST', '/bookings', { body: env.bookingInput(host, { companions: [COMPANION] }) });
    expect(anonymous.statusCode).toBe(202);
    const { code } = anonymous.json<BookingReceipt>();
    expect(await env.count('bookings')).toBe(0);
    const audit = await env.kysely.selectFrom('audit_log').select(['action', 'subject']).where('action', '=', 'booking.blacklisted').execute();
    expect(audit).toEqual([{ action: 'booking.blacklisted', subject: code }]);

    await blacklist({ idNumber: '11010519491231002X', reason: '需陪同', level: 'warn' });
    expect((await env.createBooking(host)).status).toBe('pending');
  });

  it('at approval: someone blacklisted after applying refuses the approval (still pending), rejecting still works', async () => {
    const host = await env.createHost();
    const b = await env.createBooking(host, { companions: [COMPANION] });
    await blacklist({ idNumber: '11010519491231002X', reason: '曾冒用他人证件' });
    const approve = await env.decide(b.id, 'approve');
    expect(approve.statusCode).toBe(409);
    expect(approve.json()).toMatchObject({ error: 'blacklisted', message: expect.stringContaining('visitor (张*)') as unknown });
    const row = await env.kysely.selectFrom('bookings').select('status').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(await env.count('approvals')).toBe(0);
    expect((await env.decide(b.id, 'reject', '黑名单')).json<Booking>().status).toBe('rejected');
  });
});
