/**
 * Test harness: every API test runs against SQLite (in memory) and PostgreSQL (a fresh random schema in the
 * `test` database, dropped after the suite by pgSchemas.globalSetup.ts). PostgreSQL tests fail, never skip, when the server is unreachable.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { buildCloudApp } from '../../../src/cloud/app';
import { newKeyEncryptionKeyText, parseKeyEncryptionKey, type KeyEncryptionKeys } from '../../../src/cloud/keyEncryption';
import { openCloudDatabase, type CloudDatabase } from '../../../src/cloud/db/database';
import type { RateLimits } from '../../../src/cloud/services/rateLimits';
import type { SignInCodeSender } from '../../../src/cloud/services/signInCodeSender';
import type { BookingCreate, BookingReceipt } from '../../../src/shared/api';
import type { Booking, Host } from '../../../src/shared/domain';
import { generatePassKeyPair, signBytes, signPassV1, type PassKeyPair, type PassPayloadV1 } from '../../../src/shared/pass';
import { TEST_PG_URL_VARIABLE, testPgUrl } from '../testDatabaseUrl';
import { API_PREFIX, commandSigningText, type EnrolResponse, type SignedCommand, type UnsignedCommand } from '../../../src/shared/sync';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const PG_URL = testPgUrl();

/** A fresh PostgreSQL schema name, of the form pgSchemas.globalSetup.ts drops after the suite. */
export function newPgTestSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export interface TestDatabase {
  db: CloudDatabase;
  dispose: () => Promise<void>;
}

export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const db = await openCloudDatabase({ sqlitePath: ':memory:' });
    return { db, dispose: () => db.close() };
  }
  let db: CloudDatabase;
  try {
    db = await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: newPgTestSchema() });
  } catch (err) {
    throw new Error(`PostgreSQL tests need a server at ${PG_URL} (set ${TEST_PG_URL_VARIABLE}): ${(err as Error).message}`, { cause: err });
  }
  return {
    db,
    // the schema itself is dropped after the whole suite (pgSchemas.globalSetup.ts)
    dispose: () => db.close(),
  };
}

/**
 * The key-encryption key of every test cloud of this process: random, never a file (a test must not write the
 * developer's ./data), the same for two apps on one database.
 */
export const TEST_KEY_ENCRYPTION: KeyEncryptionKeys = { current: parseKeyEncryptionKey(newKeyEncryptionKeyText(), 'the test process'), previous: [] };

/** 2026-11-22 10:00 in Shanghai. */
export const T0 = new Date('2026-11-22T02:00:00.000Z');
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface Kiosk {
  kioskId: string;
  credential: string;
  keys: PassKeyPair;
  enrol: EnrolResponse;
}

/** A sign-in code the test cloud "sent" (its SignInCodeSender keeps them instead of texting them). */
export interface SentCode {
  siteId: string;
  phone: string;
  code: string;
}

export class CloudTestEnv {
  clock = new Date(T0);
  siteId = 'site_test';
  /** every sign-in code sent, oldest first */
  readonly sentCodes: SentCode[] = [];
  private constructor(
    readonly dialect: Dialect,
    readonly db: CloudDatabase,
    readonly app: FastifyInstance,
    private readonly disposeDb: () => Promise<void>,
  ) {}

  static async create(dialect: Dialect, opts: { rateLimits?: Partial<RateLimits>; passTokenVersion?: 1 | 2 } = {}): Promise<CloudTestEnv> {
    const { db, dispose } = await openTestDatabase(dialect);
    // eslint-disable-next-line prefer-const -- the app's clock reads env, which exists only once the app is built
    let env: CloudTestEnv | undefined;
    const sender: SignInCodeSender = {
      send: (siteId, phone, code) => {
        env?.sentCodes.push({ siteId, phone, code });
        return Promise.resolve();
      },
    };
    const app = await buildCloudApp({
      signInCodeSender: sender,
      db,
      adminToken: ADMIN_TOKEN,
      keyEncryption: TEST_KEY_ENCRYPTION,
      now: () => new Date(env?.clock ?? T0),
      ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
      ...(opts.passTokenVersion ? { passTokenVersion: opts.passTokenVersion } : {}),
    });
    env = new CloudTestEnv(dialect, db, app, dispose);
    const site = await env.request('POST', '/admin/sites', { body: { id: 'site_test', name: '测试园区', timezone: 'Asia/Shanghai' }, token: ADMIN_TOKEN });
    if (site.statusCode !== 201) throw new Error(`site: ${site.body}`);
    return env;
  }

  async dispose(): Promise<void> {
    await this.app.close();
    await this.disposeDb();
  }

  get kysely() {
    return this.db.kysely;
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: { body?: unknown; token?: string; rawBody?: string; remoteAddress?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] = 'application/json';
    return this.app.inject({
      method,
      url: path.startsWith('/api/') || path.startsWith('/healthz') || path.startsWith('/openapi') ? path : `${API_PREFIX}${path}`,
      headers,
      ...(opts.remoteAddress !== undefined ? { remoteAddress: opts.remoteAddress } : {}),
      ...(opts.rawBody !== undefined ? { payload: opts.rawBody } : opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
    });
  }

  async createHost(over: Partial<{ name: string; phone: string; department: string; office: string; canReceiveVisitors: boolean }> = {}): Promise<Host> {
    const res = await this.request('POST', '/hosts', {
      token: ADMIN_TOKEN,
      body: { name: '李明', phone: '13800138001', department: '行政部', canReceiveVisitors: true, ...over },
    });
    if (res.statusCode !== 201) throw new Error(`host: ${res.statusCode} ${res.body}`);
    return res.json<Host>();
  }

  async hostToken(hostId: string): Promise<string> {
    const res = await this.request('POST', `/hosts/${hostId}/token`, { token: ADMIN_TOKEN });
    if (res.statusCode !== 201) throw new Error(`host token: ${res.body}`);
    return res.json<{ token: string }>().token;
  }

  /** The last code sent to a phone. */
  lastCodeFor(phone: string): string {
    const sent = this.sentCodes.filter((c) => c.phone === phone).at(-1);
    if (!sent) throw new Error(`no code was sent to ${phone}`);
    return sent.code;
  }

  /** Signs a visitor (or a host, by their phone) in at this env's site: a code, then a session; its bearer. */
  async signIn(phone: string, audience: 'visitor' | 'host' = 'visitor'): Promise<string> {
    const sent = await this.request('POST', '/auth/codes', { body: { siteId: this.siteId, phone, audience } });
    if (sent.statusCode !== 202) throw new Error(`code: ${sent.statusCode} ${sent.body}`);
    const { privacyNotice } = sent.json<{ privacyNotice: { versions: { 'zh-CN': string } } }>();
    const body = {
      siteId: this.siteId,
      phone,
      audience,
      code: this.lastCodeFor(phone),
      ...(audience === 'visitor' ? { privacyNoticeVersion: privacyNotice.versions['zh-CN'] } : {}),
    };
    const res = await this.request('POST', '/auth/sessions', { body });
    if (res.statusCode !== 201) throw new Error(`session: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  }

  bookingInput(host: Host, over: Partial<BookingCreate> = {}): BookingCreate {
    return {
      source: 'self',
      hostPhone: host.phone,
      visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: '11010519491231002X' },
      companions: [],
      reason: '商务洽谈',
      windowStart: '2026-11-22T01:00:00.000Z',
      windowEnd: '2026-11-22T09:00:00.000Z',
      ...over,
    };
  }

  /**
   * A booking, as the full record: with a bearer the 201 reply; without one (a visitor) the 202 receipt's booking,
   * read back by its code as the admin.
   */
  async createBooking(host: Host, over: Partial<BookingCreate> = {}, token?: string): Promise<Booking> {
    const res = await this.request('POST', '/bookings', { body: this.bookingInput(host, over), ...(token ? { token } : {}) });
    if (token !== undefined) {
      if (res.statusCode !== 201) throw new Error(`booking: ${res.statusCode} ${res.body}`);
      return res.json<Booking>();
    }
    if (res.statusCode !== 202) throw new Error(`booking: ${res.statusCode} ${res.body}`);
    const { code } = res.json<BookingReceipt>();
    const row = await this.kysely.selectFrom('bookings').select('id').where('code', '=', code).executeTakeFirst();
    if (!row) throw new Error(`booking: receipt ${code} but no booking (no such host?)`);
    const read = await this.request('GET', `/bookings/${row.id}`, { token: ADMIN_TOKEN });
    if (read.statusCode !== 200) throw new Error(`booking: ${read.statusCode} ${read.body}`);
    return read.json<Booking>();
  }

  async decide(bookingId: string, action: 'approve' | 'reject' | 'return', reason?: string, token = ADMIN_TOKEN): Promise<LightMyRequestResponse> {
    return this.request('POST', `/bookings/${bookingId}/decision`, { token, body: { action, ...(reason ? { reason } : {}) } });
  }

  async approvedBooking(host: Host, over: Partial<BookingCreate> = {}): Promise<Booking> {
    const b = await this.createBooking(host, over);
    const res = await this.decide(b.id, 'approve');
    if (res.statusCode !== 200) throw new Error(`approve: ${res.body}`);
    return res.json<Booking>();
  }

  async enrolmentCode(ttlMinutes = 60): Promise<string> {
    const res = await this.request('POST', '/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { siteId: this.siteId, ttlMinutes } });
    if (res.statusCode !== 201) throw new Error(`code: ${res.body}`);
    return res.json<{ code: string }>().code;
  }

  async enrolKiosk(name = '前台一号'): Promise<Kiosk> {
    const keys = await generatePassKeyPair();
    const code = await this.enrolmentCode();
    const res = await this.request('POST', '/kiosks/enrol', { body: { code, name, publicKey: keys.publicKey } });
    if (res.statusCode !== 200) throw new Error(`enrol: ${res.statusCode} ${res.body}`);
    const enrol = res.json<EnrolResponse>();
    return { kioskId: enrol.kioskId, credential: enrol.credential, keys, enrol };
  }

  async count(table: 'bookings' | 'kiosks' | 'applied_commands' | 'pass_keys' | 'audit_log' | 'approvals' | 'enrolment_codes' | 'hosts'): Promise<number> {
    const rows = await this.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(rows.n);
  }
}

/**
 * Gives every test of a `describe.each(DIALECTS)` block a fresh CloudTestEnv on `dialect`: created before each test
 * (and handed to `set`), disposed after it.
 */
export function freshEnvPerTest(dialect: Dialect, set: (env: CloudTestEnv) => void): void {
  let env: CloudTestEnv | undefined;
  beforeEach(async () => {
    env = await CloudTestEnv.create(dialect);
    set(env);
  });
  afterEach(async () => {
    await env?.dispose();
  });
}

export async function signCommand(kiosk: Kiosk, cmd: UnsignedCommand, privateKey = kiosk.keys.privateKey): Promise<SignedCommand> {
  const sig = await signBytes(privateKey, new TextEncoder().encode(commandSigningText(cmd)));
  return { ...cmd, sig } as SignedCommand;
}

export function checkin(kiosk: Kiosk, bookingId: string, over: Partial<{ id: string; at: string; visitId: string }> = {}): UnsignedCommand {
  return {
    id: over.id ?? randomUUID(),
    kioskId: kiosk.kioskId,
    at: over.at ?? '2026-11-22T02:05:00.000Z',
    kind: 'checkin',
    payload: { bookingId, visitId: over.visitId ?? randomUUID(), passId: 'pass-1', partySize: 1 },
  };
}

/**
 * A version 1 pass as an enrolled kiosk signs it: its key, its issuer, its site, a masked visitor; `over` gives the
 * window and whatever else a test needs (pid, bid, another site…).
 */
export async function kioskPassV1(
  kiosk: Kiosk,
  over: Partial<PassPayloadV1> & Pick<PassPayloadV1, 'nbf' | 'exp'>,
): Promise<{ token: string; payload: PassPayloadV1 }> {
  const payload: PassPayloadV1 = {
    pid: 'visit-1',
    site: kiosk.enrol.siteId,
    name: '张*',
    host: '李明',
    n: 1,
    iss: `kiosk:${kiosk.kioskId}`,
    kid: kiosk.enrol.keyId,
    ...over,
  };
  return { token: await signPassV1(payload, kiosk.keys.privateKey), payload };
}
