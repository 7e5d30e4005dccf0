import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../src/shared/domain';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

describe.each(DIALECTS)('hostile input (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('refuses markup and control characters in names, and oversized fields, with 400 ApiError', async () => {
    const host = await env.createHost();
    const bad = [
      { visitor: { name: '<script>alert(1)</script>', phone: '13912345678' } },
      { visitor: { name: "Robert'); DROP TABLE bookings;--\u0000", phone: '13912345678' } },
      { visitor: { name: '张伟', phone: "1391234567' or '1'='1" } },
      { reason: 'x'.repeat(10_000) },
      { companions: Array.from({ length: 51 }, () => ({ name: '吴敏' })) },
      { windowStart: '2026-11-22T09:00:00.000Z', windowEnd: '2026-11-22T08:00:00.000Z' },
    ];
    for (const over of bad) {
      const res = await env.request('POST', '/bookings', { body: env.bookingInput(host, over) });
      expect(res.statusCode, JSON.stringify(over).slice(0, 60)).toBe(400);
      const body = res.json<{ error: string; message: string }>();
      expect(body.error).toBe('invalid_request');
      expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack
    }
    const hugeName = await env.request('POST', '/hosts', { token: ADMIN_TOKEN, body: { name: '李'.repeat(10_000), phone: '13800138009' } });
    expect(hugeName.statusCode).toBe(400);
    expect((await env.request('POST', '/bookings', { rawBody: '{"visitor": ' })).statusCode).toBe(400);
    expect(await env.count('bookings')).toBe(0);
    // the tables are all still there
    expect((await env.request('GET', '/bookings', { token: ADMIN_TOKEN })).statusCode).toBe(200);
  });

  it('stores free text with markup and quotes verbatim and returns it as JSON', async () => {
    const host = await env.createHost();
    const reason = `<script>alert("x")</script> '; DROP TABLE bookings; -- 访问 "quoted"`;
    // a line separator (U+2028) is a line break like \n: refused in free text, nothing stored
    const lineSeparated = await env.request('POST', '/bookings', { body: env.bookingInput(host, { reason: `a \u2028 b` }) });
    expect(lineSeparated.statusCode).toBe(400);
    const b = await env.createBooking(host, { reason, visitor: { name: "O'Brien", phone: '13912345678', company: `Smith & "Sons" <b>Ltd</b>` } });
    expect(b.reason).toBe(reason);
    const read = await env.request('GET', `/bookings/${b.id}`, { token: ADMIN_TOKEN });
    expect(read.headers['content-type']).toMatch(/application\/json/);
    expect(read.json<Booking>()).toMatchObject({ reason, visitor: { name: "O'Brien", company: `Smith & "Sons" <b>Ltd</b>` } });
    const row = await env.kysely.selectFrom('bookings').select('reason').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.reason).toBe(reason);
    expect(await env.count('bookings')).toBe(1);
  });

  it('answers unknown routes, bad ids and bad bearers with ApiError JSON', async () => {
    const nf = await env.request('GET', '/nope');
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toMatchObject({ error: 'not_found' });
    const badId = await env.request('GET', `/bookings/${encodeURIComponent("1' or '1'='1")}`, { token: ADMIN_TOKEN });
    expect(badId.statusCode).toBe(400);
    const badAuth = await env.app.inject({ method: 'GET', url: '/api/v1/hosts', headers: { authorization: 'Basic abc' } });
    expect(badAuth.statusCode).toBe(401);
    expect(badAuth.json()).toMatchObject({ error: 'unauthorized' });
  });
});
