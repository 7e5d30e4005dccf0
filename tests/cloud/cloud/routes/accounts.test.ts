/**
 * Staff accounts and roles (issue 14 item 1), on SQLite and PostgreSQL: password sign-in (argon2id, wrong passwords
 * counted and locked), phone-code sign-in (audience staff), sessions hashed, expiring and revocable, disabling; the
 * reviewer decides only their departments' bookings, the records viewer reads masked records only; a disabled host
 * is signed out; a site administrator stays in their site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, StaffSessionCreated } from '../../../../src/shared/accounts';
import { LOCK_MINUTES, MAX_WRONG_PASSWORDS } from '../../../../src/cloud/services/staffSignIn';
import { createAccount, STAFF_PASSWORD, staffSession, staffSignIn } from '../../../support/cloud/accounts';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, T0 } from '../../../support/cloud/harness';

const signIn = (env: CloudTestEnv, body: Record<string, unknown>) => env.request('POST', '/auth/staff/sessions', { body: { siteId: env.siteId, ...body } });

describe.each(DIALECTS)('staff accounts (%s)', (dialect) => {
  let env: CloudTestEnv;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('an administrator account signs in by password: the session is stored hashed and works on admin routes; the password only as argon2id', async () => {
    const admin = await createAccount(env, { phone: '13700000001', roles: ['site_admin'], name: '管理员' });
    expect(admin.phoneMasked).toBe('137****0001');
    const stored = await env.kysely.selectFrom('accounts').selectAll().where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const res = await signIn(env, { phone: '13700000001', password: STAFF_PASSWORD });
    expect(res.statusCode).toBe(201);
    const { token, account } = res.json<StaffSessionCreated>();
    expect(account.roles).toEqual(['site_admin']);
    const session = await env.kysely.selectFrom('sessions').selectAll().where('account_id', '=', admin.id).executeTakeFirstOrThrow();
    expect(session.token_hash).not.toBe(token);
    expect((await env.request('GET', '/hosts', { token })).statusCode).toBe(200);
    const made = await env.request('POST', '/admin/accounts', {
      token,
      body: { siteId: env.siteId, name: '查看员', phone: '13700000002', roles: ['records_viewer'] },
    });
    expect(made.statusCode).toBe(201);
    // another site is not theirs
    const elsewhere = await env.request('POST', '/admin/accounts', {
      token,
      body: { siteId: 'site_other', name: '甲', phone: '13700000003', roles: ['records_viewer'] },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect((await env.request('GET', '/admin/records/visits?siteId=site_other', { token })).statusCode).toBe(403);
  });

  it('wrong passwords are counted and lock the account (even the right one is refused), until the lock ends', async () => {
    await createAccount(env, { phone: '13700000011', roles: ['site_admin'] });
    for (let i = 1; i < MAX_WRONG_PASSWORDS; i++) {
      const wrong = await signIn(env, { phone: '13700000011', password: 'not the password' });
      expect(wrong.statusCode).toBe(401);
    }
    const counted = await env.kysely.selectFrom('accounts').select('failed_attempts').where('phone', '=', '13700000011').executeTakeFirstOrThrow();
    expect(counted.failed_attempts).toBe(MAX_WRONG_PASSWORDS - 1);
    expect((await signIn(env, { phone: '13700000011', password: 'not the password' })).json<{ error: string }>().error).toBe('account_locked');
    const right = await signIn(env, { phone: '13700000011', password: STAFF_PASSWORD });
    expect(right.statusCode).toBe(429);
    env.clock = new Date(env.clock.getTime() + (LOCK_MINUTES + 1) * 60_000);
    expect((await signIn(env, { phone: '13700000011', password: STAFF_PASSWORD })).statusCode).toBe(201);
    // an unknown phone is the same 401 as a wrong password
    expect((await signIn(env, { phone: '13700000099', password: STAFF_PASSWORD })).json<{ error: string }>().error).toBe('sign_in_failed');
  });

  it('expired and revoked sessions are refused; disabling an account ends its sessions and its sign-in', async () => {
    const account = await createAccount(env, { phone: '13700000021', roles: ['records_viewer'] });
    const expiring = await staffSignIn(env, '13700000021');
    env.clock = new Date(env.clock.getTime() + 13 * 3600_000);
    expect((await env.request('GET', '/auth/staff/me', { token: expiring })).json<{ error: string }>().error).toBe('session_expired');
    const revoked = await staffSignIn(env, '13700000021');
    expect((await env.request('GET', '/auth/staff/me', { token: revoked })).json<Account>().id).toBe(account.id);
    const res = await env.request('POST', `/admin/accounts/${account.id}/sessions/revoke`, { token: ADMIN_TOKEN });
    expect(res.json()).toEqual({ revoked: 1 });
    expect((await env.request('GET', '/auth/staff/me', { token: revoked })).json<{ error: string }>().error).toBe('session_revoked');
    const live = await staffSignIn(env, '13700000021');
    expect((await env.request('POST', `/admin/accounts/${account.id}/disable`, { token: ADMIN_TOKEN })).json<Account>().disabled).toBe(true);
    expect((await env.request('GET', '/auth/staff/me', { token: live })).statusCode).toBe(401);
    expect((await signIn(env, { phone: '13700000021', password: STAFF_PASSWORD })).statusCode).toBe(401);
  });

  it('staff sign in by phone code: a code is sent only to an enabled account’s phone', async () => {
    await createAccount(env, { phone: '13700000031', roles: ['records_viewer'], password: undefined });
    const before = env.sentCodes.length;
    expect((await env.request('POST', '/auth/codes', { body: { siteId: env.siteId, phone: '13700000032', audience: 'staff' } })).statusCode).toBe(202);
    expect(env.sentCodes.length).toBe(before);
    await env.request('POST', '/auth/codes', { body: { siteId: env.siteId, phone: '13700000031', audience: 'staff' } });
    expect((await signIn(env, { phone: '13700000031', code: '000000' === env.lastCodeFor('13700000031') ? '111111' : '000000' })).statusCode).toBe(422);
    const res = await signIn(env, { phone: '13700000031', code: env.lastCodeFor('13700000031') });
    expect(res.statusCode).toBe(201);
    expect(res.json<StaffSessionCreated>().account.hasPassword).toBe(false);
  });

  it('a reviewer lists and decides only their departments’ bookings; a records viewer reads records masked only', async () => {
    env.clock = new Date(T0);
    const ours = await env.createHost({ name: '周一', phone: '13800138101', department: '研发部' });
    const theirs = await env.createHost({ name: '吴二', phone: '13800138102', department: '财务部' });
    const ourBooking = await env.createBooking(ours, { visitor: { name: '郑三', phone: '13912340101' } });
    const theirBooking = await env.createBooking(theirs, { visitor: { name: '钱四', phone: '13912340102' } });
    const reviewer = await staffSession(env, { phone: '13700000041', roles: ['reviewer'], departments: ['研发部'] });
    const listed = (await env.request('GET', '/bookings', { token: reviewer })).json<{ bookings: { id: string }[] }>().bookings.map((b) => b.id);
    expect(listed).toEqual([ourBooking.id]);
    expect((await env.request('GET', `/bookings/${theirBooking.id}`, { token: reviewer })).statusCode).toBe(403);
    expect((await env.decide(theirBooking.id, 'approve', undefined, reviewer)).statusCode).toBe(403);
    const approved = await env.decide(ourBooking.id, 'approve', undefined, reviewer);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<{ status: string }>().status).toBe('approved');
    expect((await env.request('GET', '/hosts', { token: reviewer })).statusCode).toBe(403);

    const viewer = await staffSession(env, { phone: '13700000042', roles: ['records_viewer'] });
    expect((await env.request('GET', `/admin/records/bookings?siteId=${env.siteId}`, { token: viewer })).statusCode).toBe(200);
    expect((await env.request('GET', `/admin/records/bookings/export?siteId=${env.siteId}&unmasked=true`, { token: viewer })).statusCode).toBe(403);
    const masked = await env.request('GET', `/admin/records/bookings/export?siteId=${env.siteId}&format=csv`, { token: viewer });
    expect(masked.statusCode).toBe(200);
    expect(masked.body).not.toContain('13912340101');
    expect((await env.decide(theirBooking.id, 'approve', undefined, viewer)).statusCode).toBe(403);
  });

  it('a disabled host cannot sign in by code, and their sessions and tokens end', async () => {
    const host = await env.createHost({ name: '孙五', phone: '13800138201', department: '研发部' });
    const token = await env.hostToken(host.id);
    const session = await env.signIn('13800138201', 'host');
    const res = await env.request('POST', `/hosts/${host.id}/disable`, { token: ADMIN_TOKEN });
    expect(res.json()).toEqual({ hostId: host.id, tokens: 1, sessions: 1 });
    expect((await env.request('GET', '/me', { token })).json<{ error: string }>().error).toBe('credential_revoked');
    expect((await env.request('GET', '/me', { token: session })).statusCode).toBe(401);
    const sent = env.sentCodes.length;
    await env.request('POST', '/auth/codes', { body: { siteId: env.siteId, phone: '13800138201', audience: 'host' } });
    expect(env.sentCodes.length).toBe(sent);
  });

  it('bad input is refused and stores nothing: a reviewer without departments, a short password, a taken phone', async () => {
    const count = async () =>
      Number(
        (
          await env.kysely
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const post = (body: Record<string, unknown>) =>
      env.request('POST', '/admin/accounts', { token: ADMIN_TOKEN, body: { siteId: env.siteId, name: '甲', ...body } });
    expect((await post({ phone: '13700000051', roles: ['reviewer'] })).statusCode).toBe(400);
    expect((await post({ phone: '13700000051', roles: ['site_admin'], password: 'short' })).statusCode).toBe(400);
    expect((await post({ phone: '13700000041', roles: ['records_viewer'] })).statusCode).toBe(409);
    expect(await count()).toBe(before);
  });
});
