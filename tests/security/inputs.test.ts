/**
 * Issue 7, finding 8: inputs that should be refused. Names (people, kiosks) refuse control, bidirectional-override
 * and markup characters; free text refuses control and bidi characters; blacklist resident ID numbers must be valid
 * GB 11643 numbers (a mistyped one was stored and silently never matched). Through the cloud API on SQLite and
 * PostgreSQL, and through the kiosk's IPC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../src/main/core/kioskCore';
import { generatePassKeyPair } from '../../src/shared/pass';
import { OFFLINE_CLOUD_URL, tempDir } from '../support/kiosk/helpers';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../support/cloud/harness';

/** "live" as the name's characters, shown as "evil" by a right-to-left override; and its relatives. */
const BIDI_NAMES = ['\u202Eevil', '张\u202D伟', '\u2066李明\u2069', 'Anna\u200FSmith', 'Ali\u061C', 'A\u202Ab'];
const CONTROL_TEXTS = ['商务\u0000洽谈', '商务\u0007洽谈', '商务\u0085洽谈', '商务\u009B31m洽谈', '商务\u007F', '商务\t洽谈', '商务\n洽谈'];

describe.each(DIALECTS)('inputs that should be refused (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('refuses enrolment names with NUL, markup or bidi controls, and enrols nothing (the code stays usable)', async () => {
    const code = await env.enrolmentCode();
    for (const name of ['前台\u0000一号', '<img src=x onerror=alert(1)>', '前台\u202E号一', 'Desk\u2067 1', 'Desk\u0085']) {
      const keys = await generatePassKeyPair();
      const res = await env.request('POST', '/kiosks/enrol', { body: { code, name, publicKey: keys.publicKey } });
      expect([res.statusCode, res.json<{ error: string }>().error], JSON.stringify(name)).toEqual([400, 'invalid_request']);
    }
    expect(await env.count('kiosks')).toBe(0);
    const keys = await generatePassKeyPair();
    const ok = await env.request('POST', '/kiosks/enrol', { body: { code, name: '前台一号 (A座)', publicKey: keys.publicKey } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses blacklist resident ID numbers with a bad check digit, a bad birth date or the wrong length', async () => {
    for (const idNumber of ['110105194912310021', '11010519491231002', '1101051949123100211', '110105194913310020', '11010519491231002Y']) {
      const res = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { idNumber, reason: '冒用他人证件' } });
      expect(res.statusCode, idNumber).toBe(400);
      expect(res.json<{ details: { issues: { path: string }[] } }>().details.issues.map((i) => i.path)).toContain('body/idNumber');
    }
    expect(await env.kysely.selectFrom('blacklist').selectAll().execute()).toEqual([]);
    const valid = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { idNumber: '11010519491231002x', reason: '冒用他人证件' } });
    expect(valid.statusCode, valid.body).toBe(201);
    // other ID types keep their own (looser) format: a passport number is no GB 11643 number
    const passport = await env.request('POST', '/admin/blacklist', {
      token: ADMIN_TOKEN,
      body: { idType: 'passport', idNumber: 'E12345678', reason: '冒用他人证件' },
    });
    expect(passport.statusCode, passport.body).toBe(201);
  });

  it('refuses person names with bidi overrides and isolates, in bookings, companions, hosts and the blacklist', async () => {
    const host = await env.createHost();
    for (const name of BIDI_NAMES) {
      const visitor = await env.request('POST', '/bookings', { body: env.bookingInput(host, { visitor: { name, phone: '13912345678' } }) });
      expect(visitor.statusCode, JSON.stringify(name)).toBe(400);
      const companion = await env.request('POST', '/bookings', { body: env.bookingInput(host, { companions: [{ name }] }) });
      expect(companion.statusCode, JSON.stringify(name)).toBe(400);
      const newHost = await env.request('POST', '/hosts', { token: ADMIN_TOKEN, body: { name, phone: '13800138009' } });
      expect(newHost.statusCode, JSON.stringify(name)).toBe(400);
      const listed = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { name, reason: '冒用他人证件' } });
      expect(listed.statusCode, JSON.stringify(name)).toBe(400);
    }
    expect(await env.count('bookings')).toBe(0);
    expect(await env.count('hosts')).toBe(1);
  });

  it('refuses control and bidi characters in free text: reasons, companies, plates, departments, decisions', async () => {
    const host = await env.createHost();
    for (const text of [...CONTROL_TEXTS, '商务\u202E谈洽', '商务\u2068洽谈']) {
      const label = JSON.stringify(text);
      expect((await env.request('POST', '/bookings', { body: env.bookingInput(host, { reason: text }) })).statusCode, label).toBe(400);
      expect((await env.request('POST', '/bookings', { body: env.bookingInput(host, { area: text }) })).statusCode, label).toBe(400);
      const company = { visitor: { name: '张伟', phone: '13912345678', company: text } };
      expect((await env.request('POST', '/bookings', { body: env.bookingInput(host, company) })).statusCode, label).toBe(400);
      const dept = await env.request('POST', '/hosts', { token: ADMIN_TOKEN, body: { name: '王芳', phone: '13800138002', department: text } });
      expect(dept.statusCode, label).toBe(400);
      const bl = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { phone: '13912345678', reason: text } });
      expect(bl.statusCode, label).toBe(400);
    }
    expect(await env.count('bookings')).toBe(0);
    const b = await env.createBooking(host);
    const reject = await env.decide(b.id, 'reject', '请\u202E改期');
    expect(reject.statusCode).toBe(400);
    expect((await env.decide(b.id, 'reject', '请改期')).statusCode).toBe(200);
  });
});

describe('kiosk IPC text inputs', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  beforeEach(async () => {
    t = tempDir();
    core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('refuses control and bidi characters in searches and pass tokens as bad_input', async () => {
    for (const [name, input] of [
      ['bookings.find', { query: '1391234\u202E5678' }],
      ['bookings.find', { query: 'DEM0\u0000A001' }],
      ['pass.verify', { token: 'abc\u2066def' }],
      ['visits.checkout', { passToken: 'abc\u0085def' }],
    ] as const) {
      const r = await dispatchIpcCall(core, name, input);
      expect(r, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(await dispatchIpcCall(core, 'bookings.find', { query: '13912345678' })).toMatchObject({ ok: true });
  });
});
