/**
 * Signing in with a phone and a one-time code (issue 13 items 2 and 3), on SQLite and PostgreSQL: codes stored hashed,
 * expiring, killed by wrong attempts, rate-limited per phone and per address; the same 202 whether or not a phone is
 * a host's; sessions stored hashed, expiring and revocable; bad input refused with nothing stored.
 */
import { describe, expect, it } from 'vitest';
import type { Host } from '../../../../src/shared/domain';
import type { Me, SessionCreated, SignInCodeReceipt } from '../../../../src/shared/signIn';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

const VISITOR = '13912345678';

async function rows(env: CloudTestEnv, table: 'sign_in_codes' | 'sessions' | 'rate_limits' | 'privacy_acceptances'): Promise<number> {
  const r = await env.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const askCode = (env: CloudTestEnv, phone: string, audience: 'visitor' | 'host' = 'visitor', remoteAddress = '203.0.113.9') =>
  env.request('POST', '/auth/codes', { body: { siteId: env.siteId, phone, audience }, remoteAddress });

let asker = 0;
async function session(env: CloudTestEnv, body: Record<string, unknown>) {
  // the site's notice, whoever asks
  const notice = (await askCode(env, `1370000${String(1000 + (asker++ % 9000))}`)).json<SignInCodeReceipt>().privacyNotice;
  return env.request('POST', '/auth/sessions', { body: { siteId: env.siteId, audience: 'visitor', privacyNoticeVersion: notice.versions.en, ...body } });
}

describe.each(DIALECTS)('sign-in by phone and code (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('a visitor signs in with the code sent to their phone, accepting the privacy notice: code and session stored hashed, the code used once', async () => {
    const sent = await askCode(env, VISITOR);
    expect(sent.statusCode).toBe(202);
    const code = env.lastCodeFor(VISITOR);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await env.kysely.selectFrom('sign_in_codes').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(VISITOR);
    const notice = sent.json<SignInCodeReceipt>().privacyNotice;
    const res = await env.request('POST', '/auth/sessions', {
      body: { siteId: env.siteId, phone: VISITOR, code, audience: 'visitor', privacyNoticeVersion: notice.versions['zh-CN'] },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<SessionCreated>();
    expect(created.expiresAt).toBe(new Date(env.clock.getTime() + 12 * 3600_000).toISOString());
    expect(created.principal).toMatchObject({ kind: 'visitor', siteId: env.siteId, phoneMasked: '139****5678' });
    const sessionRow = await env.kysely.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(sessionRow)).not.toContain(created.token);
    const me = await env.request('GET', '/me', { token: created.token });
    expect(me.json<Me>()).toMatchObject({ principal: { kind: 'visitor' }, privacyNotice: { acceptedVersion: notice.versions['zh-CN'] } });
    const again = await env.request('POST', '/auth/sessions', {
      body: { siteId: env.siteId, phone: VISITOR, code, audience: 'visitor', privacyNoticeVersion: notice.versions['zh-CN'] },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ error: 'code_invalid' });

    // the current privacy notice is accepted to sign in; an outdated one leaves the code unused
    await askCode(env, VISITOR);
    const code2 = env.lastCodeFor(VISITOR);
    const missing = await env.request('POST', '/auth/sessions', { body: { siteId: env.siteId, phone: VISITOR, code: code2, audience: 'visitor' } });
    expect(missing.json()).toMatchObject({ error: 'privacy_notice_required' });
    const policy = await env.request('POST', `/admin/sites/${env.siteId}/policy`, {
      token: ADMIN_TOKEN,
      body: { values: { privacyText: { 'zh-CN': '我们只为来访使用您的信息。', en: 'We use your data for the visit only.' } }, locked: [] },
    });
    expect(policy.statusCode).toBe(200);
    const outdated = await env.request('POST', '/auth/sessions', {
      body: { siteId: env.siteId, phone: VISITOR, code: code2, audience: 'visitor', privacyNoticeVersion: 'privacy-p00000000' },
    });
    expect(outdated.statusCode).toBe(409);
    expect(await rows(env, 'privacy_acceptances')).toBe(1); // the first sign-in's
    const ok = await session(env, { phone: VISITOR, code: code2 });
    expect(ok.statusCode).toBe(201);
    const versions = (await env.kysely.selectFrom('privacy_acceptances').select('version').execute()).map((r) => r.version);
    expect(new Set(versions).size).toBe(2); // the changed notice is a new version, accepted anew
    for (const v of versions) expect(v).toMatch(/^privacy-p[0-9a-f]{8}$/);
  });

  it('a code expires after 5 minutes; five wrong codes kill it', async () => {
    await askCode(env, VISITOR);
    env.clock = new Date(env.clock.getTime() + 301_000);
    expect((await session(env, { phone: VISITOR, code: env.lastCodeFor(VISITOR) })).json()).toMatchObject({ error: 'code_invalid' });

    await askCode(env, VISITOR);
    const code = env.lastCodeFor(VISITOR);
    const wrong = code === '000000' ? '000001' : '000000';
    const left: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await session(env, { phone: VISITOR, code: wrong });
      expect(res.statusCode).toBe(422);
      left.push(res.json<{ details: { attemptsLeft: number } }>().details.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const right = await session(env, { phone: VISITOR, code });
    expect(right.statusCode).toBe(422);
    expect(await rows(env, 'sessions')).toBe(0);
  });

  it('a phone not in the host directory gets the same 202 and cannot sign in as a host; a host can; sessions expire and sign out', async () => {
    const host: Host = await env.createHost();
    const stranger = await askCode(env, '13600000000', 'host');
    const known = await askCode(env, host.phone, 'host');
    expect(stranger.statusCode).toBe(202);
    expect(stranger.body).toBe(known.body);
    expect(env.sentCodes.map((c) => c.phone)).toEqual([host.phone]);
    for (const code of ['000000', '123456']) {
      const res = await env.request('POST', '/auth/sessions', { body: { siteId: env.siteId, phone: '13600000000', code, audience: 'host' } });
      expect(res.json()).toMatchObject({ error: 'code_invalid' });
    }
    const token = await env.signIn(host.phone, 'host');
    const me = await env.request('GET', '/me', { token });
    expect(me.json<Me>()).toMatchObject({ principal: { kind: 'host', hostId: host.id, siteId: env.siteId }, session: { id: expect.any(String) } });
    expect((await env.request('GET', '/bookings', { token })).statusCode).toBe(200); // the host principal every host route knows
    expect((await env.request('GET', '/me/bookings', { token })).statusCode).toBe(403);

    // sessions expire after 12 hours, and signing out revokes one
    const first = await env.signIn(VISITOR);
    const second = await env.signIn(VISITOR);
    expect((await env.request('DELETE', '/auth/sessions/current', { token: second })).json()).toEqual({ signedOut: true });
    expect((await env.request('GET', '/me', { token: second })).json()).toMatchObject({ error: 'session_revoked' });
    expect((await env.request('GET', '/me', { token: first })).statusCode).toBe(200);
    env.clock = new Date(env.clock.getTime() + 12 * 3600_000);
    const expired = await env.request('GET', '/me/bookings', { token: first });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'session_expired' });
    const hostToken = await env.hostToken(host.id);
    expect((await env.request('DELETE', '/auth/sessions/current', { token: hostToken })).json()).toMatchObject({ error: 'session_unknown' });
    // revoking a host's tokens signs their phone sessions out too
    const hostSession = await env.signIn(host.phone, 'host');
    expect((await env.request('POST', `/admin/hosts/${host.id}/tokens/revoke`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
    expect((await env.request('GET', '/me', { token: hostSession })).json()).toMatchObject({ error: 'session_revoked' });
  });

  it('bad input (invalid phone, hostile strings, a malformed code) gets a clear error and stores nothing', async () => {
    const bad = [
      { siteId: env.siteId, phone: '12345', audience: 'visitor' },
      { siteId: env.siteId, phone: '<script>alert(1)</script>', audience: 'visitor' },
      { siteId: "site_test'; drop table sessions; --", phone: VISITOR, audience: 'visitor' },
      { siteId: env.siteId, phone: VISITOR, audience: 'admin' },
      { siteId: env.siteId, phone: `${VISITOR}\u202e`, audience: 'visitor' },
      { siteId: env.siteId, phone: VISITOR, audience: 'visitor', extra: 'x' },
    ];
    for (const body of bad) {
      const res = await env.request('POST', '/auth/codes', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ error: string; message: string }>()).toMatchObject({ error: 'invalid_request', message: expect.any(String) });
    }
    for (const code of ['12345', 'abcdef', '1234567', "1' or '1"]) {
      const res = await env.request('POST', '/auth/sessions', { body: { siteId: env.siteId, phone: VISITOR, code, audience: 'visitor' } });
      expect(res.statusCode).toBe(400);
    }
    const noSite = await env.request('POST', '/auth/codes', { body: { siteId: 'no_such_site', phone: VISITOR, audience: 'visitor' } });
    expect(noSite.json()).toMatchObject({ error: 'site_unknown' });
    expect(await rows(env, 'sign_in_codes')).toBe(0);
    await askCode(env, VISITOR);
    expect(env.sentCodes).toHaveLength(1);
    expect(await rows(env, 'sign_in_codes')).toBe(1);
    expect(await rows(env, 'sessions')).toBe(0);
  });
});

describe.each(DIALECTS)('sign-in rate limits (%s)', (dialect) => {
  it('codes are limited per phone and per address (429 with Retry-After), sign-in attempts per address', async () => {
    const env = await CloudTestEnv.create(dialect, {
      rateLimits: {
        signInCodePerPhone: { max: 2, windowSeconds: 3600 },
        signInCodePerAddress: { max: 3, windowSeconds: 600 },
        signInPerAddress: { max: 2, windowSeconds: 600 },
      },
    });
    try {
      expect((await askCode(env, VISITOR, 'visitor', '198.51.100.1')).statusCode).toBe(202);
      expect((await askCode(env, VISITOR, 'visitor', '198.51.100.2')).statusCode).toBe(202);
      const perPhone = await askCode(env, VISITOR, 'host', '198.51.100.3');
      expect(perPhone.statusCode).toBe(429);
      expect(perPhone.headers['retry-after']).toBeDefined();
      // one address, other phones: its third request was the one above, the fourth is over
      expect((await askCode(env, '13700000011', 'visitor', '198.51.100.3')).statusCode).toBe(202);
      expect((await askCode(env, '13700000012', 'visitor', '198.51.100.3')).statusCode).toBe(202);
      expect((await askCode(env, '13700000013', 'visitor', '198.51.100.3')).statusCode).toBe(429);
      expect(env.sentCodes).toHaveLength(4);
      const attempt = () =>
        env.request('POST', '/passes/find', { body: { siteId: env.siteId, phone: VISITOR, code: '000000' }, remoteAddress: '198.51.100.4' });
      expect((await attempt()).statusCode).toBe(422);
      expect((await attempt()).statusCode).toBe(422);
      expect((await attempt()).statusCode).toBe(429);
    } finally {
      await env.dispose();
    }
  });
});
