/**
 * The authorization matrix, generated from /openapi.json: every operation × every kind of caller, on SQLite and
 * PostgreSQL. What each caller should get is derived from the access the route declares beside itself
 * (`config.access`, published as the operation's `x-passdesk-access` and its `security`), so a new route without
 * a declaration fails here, and a route whose handler forgets its scope fails the "another host" column.
 *
 * Callers: no credential (a visitor who has not signed in), a garbage bearer, a revoked kiosk's credential, another
 * site's kiosk, another host of the same site, a signed-in visitor whose phone is not the booking's, a reviewer of
 * another department, and the right roles (the admin token, a site administrator's account, the owning host, this
 * site's kiosk, the signed-in visitor whose booking it is, a reviewer of its department, a records viewer).
 * Reads share one cloud per database; every other operation gets a fresh cloud: a caller that may revoke a kiosk must
 * not spoil the next row. One test file per database (authzMatrixSqlite / authzMatrixPostgres) so the two run side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_EXTENSION, ROLES, type Role, type SiteAccountScope } from '../../../src/cloud/access';
import { buildCloudApp } from '../../../src/cloud/app';
import { openCloudDatabase } from '../../../src/cloud/db/database';
import type { Booking, Host } from '../../../src/shared/domain';
import { generatePassKeyPair, type PassKeyPair } from '../../../src/shared/pass';
import type { EnrolResponse } from '../../../src/shared/sync';
import { createAccount } from './accounts';
import { ADMIN_TOKEN, CloudTestEnv, type Dialect } from './harness';
import { pushWalkIn, registration } from './walkInFixtures';

interface DeclaredAccess {
  roles: 'anyone' | Role[];
  optional?: Role[];
  foreign?: number;
  otherDepartment?: number;
  /** how an administrator account of one site is kept to its site (absent: refused, 403) */
  siteAccount?: SiteAccountScope;
}
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  access: DeclaredAccess | undefined;
  security: Record<string, string[]>[] | undefined;
  hasBody: boolean;
}

async function operationsOfTheApi(): Promise<Operation[]> {
  const db = await openCloudDatabase({ sqlitePath: ':memory:' });
  const app = await buildCloudApp({ db, adminToken: ADMIN_TOKEN });
  try {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: Record<string, string[]>[]; requestBody?: unknown; [k: string]: unknown }>>;
    }>();
    const ops: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        ops.push({
          method: method.toUpperCase() as Operation['method'],
          path,
          access: op[ACCESS_EXTENSION] as DeclaredAccess | undefined,
          security: op.security,
          hasBody: op.requestBody !== undefined,
        });
      }
    }
    return ops;
  } finally {
    await app.close();
    await db.close();
  }
}

export const OPERATIONS = await operationsOfTheApi();

/** The world each row runs against: site_test (A) with two hosts, a booking of the first, a kiosk; site_b with a kiosk. */
interface World {
  env: CloudTestEnv;
  owner: { host: Host; token: string; tokenId: string };
  otherHost: { host: Host; token: string };
  booking: Booking;
  kioskA: EnrolResponse;
  kioskB: EnrolResponse;
  /** a kiosk of site A whose credential was revoked */
  revokedKiosk: EnrolResponse;
  blacklistId: string;
  departmentId: string;
  /** an area of site A's lists */
  listItemId: string;
  /** a walk-in of site A waiting for its host (pending), registered by kioskA */
  walkInId: string;
  /** the owning host's invitation: its id and its link's token */
  invitation: { id: string; token: string };
  /** a companion link of the booking, made by its visitor: its id and its token */
  companionLink: { id: string; token: string };
  /** a session of the visitor whose phone is the booking's, and of another visitor of site A */
  visitorToken: string;
  otherVisitorToken: string;
  /** account sessions (signed in by phone code: no argon2 work per world): a reviewer of the booking's department, one of another, a records viewer, a site administrator */
  staff: {
    reviewer: string;
    reviewerOfAnotherDepartment: string;
    recordsViewer: string;
    adminAccount: string;
    adminAccountOfAnotherSite: string;
    recordsViewerId: string;
  };
}

/** An account made with the admin token, signed in with the code sent to its phone: its bearer and id. */
async function accountSession(
  env: CloudTestEnv,
  phone: string,
  over: { roles: ('site_admin' | 'reviewer' | 'records_viewer')[]; departments?: string[] },
  siteId = env.siteId,
) {
  const account = await createAccount(env, { phone, ...over, siteId, password: undefined });
  await env.request('POST', '/auth/codes', { body: { siteId, phone, audience: 'staff' } });
  const res = await env.request('POST', '/auth/staff/sessions', { body: { siteId, phone, code: env.lastCodeFor(phone) } });
  if (res.statusCode !== 201) throw new Error(`staff session: ${res.body}`);
  return { token: res.json<{ token: string }>().token, id: account.id };
}

async function staffOf(env: CloudTestEnv, department: string): Promise<World['staff']> {
  const viewer = await accountSession(env, '13700000103', { roles: ['records_viewer'] });
  return {
    reviewer: (await accountSession(env, '13700000101', { roles: ['reviewer'], departments: [department] })).token,
    reviewerOfAnotherDepartment: (await accountSession(env, '13700000102', { roles: ['reviewer'], departments: ['另一个部门'] })).token,
    recordsViewer: viewer.token,
    recordsViewerId: viewer.id,
    adminAccount: (await accountSession(env, '13700000104', { roles: ['site_admin'] })).token,
    adminAccountOfAnotherSite: (await accountSession(env, '13700000105', { roles: ['site_admin'] }, 'site_b')).token,
  };
}

async function enrolAt(env: CloudTestEnv, siteId: string, name: string): Promise<EnrolResponse & { keys: PassKeyPair }> {
  const code = await env.request('POST', '/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { siteId } });
  const keys = await generatePassKeyPair();
  const res = await env.request('POST', '/kiosks/enrol', { body: { code: code.json<{ code: string }>().code, name, publicKey: keys.publicKey } });
  if (res.statusCode !== 200) throw new Error(`enrol: ${res.body}`);
  return { ...res.json<EnrolResponse>(), keys };
}

const INVITATION = { companionLimit: 1, window: { start: '2026-11-22T01:00:00.000Z', end: '2026-11-22T09:00:00.000Z' } };

async function buildWorld(env: CloudTestEnv): Promise<World> {
  const ownerHost = await env.createHost();
  const tokenRes = await env.request('POST', `/hosts/${ownerHost.id}/token`, { token: ADMIN_TOKEN });
  const owner = { host: ownerHost, ...tokenRes.json<{ token: string; tokenId: string }>() };
  const other = await env.createHost({ name: '王芳', phone: '13800138002' });
  const otherHost = { host: other, token: await env.hostToken(other.id) };
  const booking = await env.approvedBooking(ownerHost);
  const siteB = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
  if (siteB.statusCode !== 201) throw new Error(`site b: ${siteB.body}`);
  const kioskA = await enrolAt(env, 'site_test', '甲前台');
  const kioskB = await enrolAt(env, 'site_b', '乙前台');
  const revokedKiosk = await enrolAt(env, 'site_test', '已撤销');
  const revoked = await env.request('POST', `/admin/kiosks/${revokedKiosk.kioskId}/revoke`, { token: ADMIN_TOKEN });
  if (revoked.statusCode !== 200) throw new Error(`revoke: ${revoked.body}`);
  const bl = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { siteId: 'site_test', phone: '13700000000', reason: 'test' } });
  if (bl.statusCode !== 201) throw new Error(`blacklist: ${bl.body}`);
  const dept = await env.request('POST', '/admin/departments', { token: ADMIN_TOKEN, body: { siteId: 'site_test', name: '行政部' } });
  if (dept.statusCode !== 201) throw new Error(`department: ${dept.body}`);
  const item = await env.request('POST', '/admin/sites/site_test/lists/area', { token: ADMIN_TOKEN, body: { name: '主楼' } });
  if (item.statusCode !== 201) throw new Error(`list item: ${item.body}`);
  const reg = registration(ownerHost, { approval: 'host' });
  const walkIn = await pushWalkIn(env, { kioskId: kioskA.kioskId, credential: kioskA.credential, keys: kioskA.keys, enrol: kioskA }, reg);
  if (walkIn.json<{ results: { status: string }[] }>().results[0]?.status !== 'applied') throw new Error(`walk-in: ${walkIn.body}`);
  const inv = await env.request('POST', '/host/invitations', { token: owner.token, body: INVITATION });
  if (inv.statusCode !== 201) throw new Error(`invitation: ${inv.body}`);
  const invitation = inv.json<{ id: string; token: string }>();
  const visitorToken = await env.signIn(booking.visitor.phone);
  const otherVisitorToken = await env.signIn('13912340000');
  const link = await env.request('POST', `/me/bookings/${booking.id}/companion-links`, { token: visitorToken });
  if (link.statusCode !== 201) throw new Error(`companion link: ${link.body}`);
  return {
    env,
    owner,
    otherHost,
    booking,
    kioskA,
    kioskB,
    revokedKiosk,
    blacklistId: bl.json<{ id: string }>().id,
    departmentId: dept.json<{ id: string }>().id,
    listItemId: item.json<{ id: string }>().id,
    walkInId: reg.bookingId,
    visitorToken,
    otherVisitorToken,
    invitation,
    companionLink: link.json<{ id: string; token: string }>(),
    staff: await staffOf(env, ownerHost.department),
  };
}

/** A concrete URL for an operation's path template, naming the world's resources. */
function urlFor(op: Operation, w: World): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
    const before = op.path.slice(0, offset);
    if (name === 'tokenId') return w.owner.tokenId;
    if (name === 'siteId') return 'site_test';
    if (name === 'token' && before.endsWith('/companion-links/')) return w.companionLink.token;
    if (name === 'linkId') return w.companionLink.id;
    if (name === 'token') return w.invitation.token;
    if (name === 'id' && before.endsWith('/invitations/')) return w.invitation.id;
    if (name === 'passId') return 'pass-1';
    if (name === 'id' && before.endsWith('/kiosk/bookings/')) return w.walkInId;
    if (name === 'id' && before.endsWith('/bookings/')) return w.booking.id;
    if (name === 'id' && before.endsWith('/hosts/')) return w.owner.host.id;
    if (name === 'id' && before.endsWith('/kiosks/')) return w.kioskA.kioskId;
    if (name === 'id' && before.endsWith('/blacklist/')) return w.blacklistId;
    if (name === 'id' && before.endsWith('/departments/')) return w.departmentId;
    if (name === 'id' && before.endsWith('/sites/')) return 'site_test';
    if (name === 'kind') return 'area';
    if (name === 'itemId') return w.listItemId;
    if (name === 'id' && before.endsWith('/accounts/')) return w.staff.recordsViewerId;
    throw new Error(`the matrix has no resource for {${name}} in ${op.method} ${op.path}: add one to urlFor`);
  });
}

/**
 * Query strings that pass validation, so a caller who is let in reaches the handler: the record lists and exports name
 * the site (the world has two), the export asks for full numbers (refused to anyone but an administrator).
 */
function queryFor(op: Operation): string {
  if (op.path.startsWith('/api/v1/admin/records/')) return op.path.endsWith('/export') ? '?siteId=site_test&unmasked=true' : '?siteId=site_test';
  if (op.path === '/api/v1/sites/{siteId}/hosts') return `?q=${encodeURIComponent('李')}`;
  if (op.path.endsWith('/dashboard.csv')) return '?series=days';
  return '';
}

/** Bodies that pass validation, so a caller who is let in reaches the handler (and its scope check). */
function bodyFor(op: Operation, w: World): unknown {
  const key = `${op.method} ${op.path}`;
  const bodies: Record<string, unknown> = {
    'POST /api/v1/bookings/{id}/decision': { action: 'reject', reason: 'matrix' },
    'POST /api/v1/bookings': w.env.bookingInput(w.owner.host, { visitor: { name: '赵六', phone: '13912340000' } }),
    'PUT /api/v1/bookings/{id}': (({ source: _s, hostPhone: _h, ...edit }) => edit)(w.env.bookingInput(w.owner.host)),
    'PUT /api/v1/me/bookings/{id}': (({ source: _s, hostPhone: _h, ...edit }) => edit)(w.env.bookingInput(w.owner.host)),
    'POST /api/v1/auth/codes': { siteId: 'site_test', phone: '13912345678', audience: 'visitor' },
    'POST /api/v1/auth/sessions': { siteId: 'site_test', phone: '13912345678', code: '000000', audience: 'visitor', privacyNoticeVersion: 'privacy-p0' },
    'POST /api/v1/passes/find': { siteId: 'site_test', phone: '13912345678', code: '000000' },
    'POST /api/v1/admin/passes/{passId}/revoke': { siteId: 'site_test', reason: 'matrix' },
    'POST /api/v1/passes/verify': { token: 'PD1.e30.AA' },
    'POST /api/v1/host/invitations': INVITATION,
    'POST /api/v1/invitations/{token}/bookings': { visitor: { name: '赵六', phone: '13912340000' } },
    'POST /api/v1/companion-links/{token}': { name: '林觐文', phone: '13700001111', idType: 'passport', idNumber: 'E12345678' },
    'POST /api/v1/admin/sites/{id}/retention': { logDays: 400 },
    'POST /api/v1/admin/sites/{id}/visitor-photo/delete': { idKey: 'a'.repeat(64) },
    'POST /api/v1/admin/people/export': { siteId: 'site_test', phone: '13912345678' },
    'POST /api/v1/admin/people/delete': { siteId: 'site_test', phone: '13600000000' },
    'POST /api/v1/admin/sites/{id}/lists/{kind}': { name: '实验楼' },
    'PUT /api/v1/admin/sites/{id}/list-items/{itemId}': { name: '办公楼' },
    // the CSV as a JSON string (the harness sends JSON): it reaches the handler and its scope check
    'PUT /api/v1/bookings/{id}/vehicles': '京A12345',
    'POST /api/v1/admin/hosts/{id}': { office: 'B-202' },
    'POST /api/v1/admin/hosts/import': { siteId: 'site_test', csv: 'name,phone\n王五,13800001111\n' },
    'POST /api/v1/admin/departments': { siteId: 'site_test', name: '财务部' },
    'POST /api/v1/admin/departments/{id}': { name: '综合部' },
    'POST /api/v1/admin/accounts': { siteId: 'site_test', name: '矩阵', phone: '13700009999', roles: ['records_viewer'] },
    'POST /api/v1/admin/accounts/{id}/password': { password: 'matrix password 1' },
    'POST /api/v1/admin/accounts/{id}/departments': { departmentIds: [w.departmentId] },
    'POST /api/v1/auth/staff/sessions': { siteId: 'site_test', phone: '13700009998', code: '000000' },
  };
  return bodies[key] ?? {};
}

type Caller =
  | 'none'
  | 'garbage'
  | 'revokedKiosk'
  | 'kioskOfAnotherSite'
  | 'anotherHost'
  | 'anotherVisitor'
  | 'visitor'
  | 'admin'
  | 'owningHost'
  | 'kiosk'
  | 'reviewer'
  | 'reviewerOfAnotherDepartment'
  | 'recordsViewer'
  | 'adminAccount'
  | 'adminAccountOfAnotherSite';
/** in this order: those who may change things (revoke a kiosk, a host's tokens) go last, the admin last of all */
const CALLERS: readonly Caller[] = [
  'none',
  'garbage',
  'revokedKiosk',
  'kioskOfAnotherSite',
  'anotherHost',
  'anotherVisitor',
  'visitor',
  'kiosk',
  'recordsViewer',
  'reviewerOfAnotherDepartment',
  'reviewer',
  'owningHost',
  'adminAccountOfAnotherSite',
  'adminAccount',
  'admin',
];
const ROLE_OF: Record<Caller, Role | undefined> = {
  none: undefined,
  garbage: undefined,
  revokedKiosk: undefined,
  kioskOfAnotherSite: 'kiosk',
  anotherHost: 'host',
  anotherVisitor: 'visitor',
  visitor: 'visitor',
  admin: 'admin',
  owningHost: 'host',
  kiosk: 'kiosk',
  reviewer: 'reviewer',
  reviewerOfAnotherDepartment: 'reviewer',
  recordsViewer: 'recordsViewer',
  adminAccount: 'admin',
  adminAccountOfAnotherSite: 'admin',
};

function tokenOf(caller: Caller, w: World): string | undefined {
  switch (caller) {
    case 'none':
      return undefined;
    case 'garbage':
      return 'not-a-real-token-0123456789abcdef';
    case 'revokedKiosk':
      return w.revokedKiosk.credential;
    case 'kioskOfAnotherSite':
      return w.kioskB.credential;
    case 'anotherHost':
      return w.otherHost.token;
    case 'admin':
      return ADMIN_TOKEN;
    case 'owningHost':
      return w.owner.token;
    case 'kiosk':
      return w.kioskA.credential;
    case 'visitor':
      return w.visitorToken;
    case 'anotherVisitor':
      return w.otherVisitorToken;
    case 'reviewer':
    case 'reviewerOfAnotherDepartment':
    case 'recordsViewer':
    case 'adminAccount':
    case 'adminAccountOfAnotherSite':
      return w.staff[caller];
  }
}

/** The site a row's request names: the site of /admin/sites/{id}…, or a siteId in its query or body. */
function namedSiteOf(op: Operation, w: World): string | undefined {
  if (op.path.startsWith('/api/v1/admin/sites/{id}')) return 'site_test';
  const query = new URLSearchParams(queryFor(op)).get('siteId');
  if (query !== null) return query;
  const body = op.hasBody ? bodyFor(op, w) : undefined;
  return typeof body === 'object' && body !== null && 'siteId' in body && typeof body.siteId === 'string' ? body.siteId : undefined;
}

/** what an administrator account of one site gets for a row of its site: done (2xx), not merely let in */
const OWN_ROW = '2xx';
type Want = number | 'let in' | typeof OWN_ROW;

/** What the declaration says this caller gets: an exact status, 'let in' (any answer but 401/403/5xx) or 2xx. */
function expected(access: DeclaredAccess, caller: Caller, op: Operation, w: World): Want {
  const path = op.path;
  // a bearer that is sent must be valid (not garbage, not revoked), even on public routes
  if (caller === 'garbage' || caller === 'revokedKiosk') return 401;
  const role = ROLE_OF[caller];
  // an administrator account of one site: naming another site is refused anywhere; of the routes for administrators,
  // only those that declare how they keep to a site (siteAccount), naming its own where they need a site named; a row
  // of another site (the world's rows are all of site A) is 404, as absent
  if (caller === 'adminAccount' || caller === 'adminAccountOfAnotherSite') {
    const named = namedSiteOf(op, w);
    if (named !== undefined && named !== (caller === 'adminAccount' ? 'site_test' : 'site_b')) return 403;
    if (access.roles !== 'anyone' && access.roles.includes('admin')) {
      const scope = access.siteAccount;
      if (scope === undefined || (scope === 'named' && named === undefined)) return 403;
      if (scope === 'row') return caller === 'adminAccount' ? OWN_ROW : 404;
    }
  }
  if (access.roles === 'anyone') return 'let in';
  if (role === undefined) return 401;
  if (!access.roles.includes(role)) return 403;
  if ((caller === 'anotherHost' || caller === 'anotherVisitor') && access.foreign !== undefined) return access.foreign;
  if (caller === 'reviewerOfAnotherDepartment' && access.otherDepartment !== undefined) return access.otherDepartment;
  // the export asks for full numbers (queryFor): administrators only, a records viewer is refused
  if (caller === 'recordsViewer' && path.endsWith('/export')) return 403;
  return 'let in';
}

/**
 * The tables a route by a row's id may change (and the audit log): read before and after another site's administrator
 * names a row of site A, they must be the same.
 */
const ROW_TABLES = ['hosts', 'host_tokens', 'sessions', 'kiosks', 'pass_keys', 'blacklist', 'departments', 'policies', 'kiosk_audit', 'audit_log'] as const;
async function rowTables(env: CloudTestEnv): Promise<unknown[]> {
  return Promise.all(ROW_TABLES.map((t) => env.kysely.selectFrom(t).selectAll().execute()));
}

/** the answer each caller gets to one operation, next to what its declaration says it should get */
async function rowOf(env: CloudTestEnv, w: World, op: Operation): Promise<{ got: Record<string, Want>; want: Record<string, Want> }> {
  const url = urlFor(op, w) + queryFor(op);
  const got: Record<string, Want> = {};
  const want: Record<string, Want> = {};
  for (const caller of CALLERS) {
    const token = tokenOf(caller, w);
    const foreignRow = caller === 'adminAccountOfAnotherSite' && op.access?.siteAccount === 'row';
    const before = foreignRow ? await rowTables(env) : undefined;
    const res = await env.request(op.method, url, { ...(token !== undefined ? { token } : {}), ...(op.hasBody ? { body: bodyFor(op, w) } : {}) });
    // another site's row: refused as absent, and nothing changed (nor audited)
    if (before !== undefined) expect(await rowTables(env), `${caller} changed a row of another site`).toEqual(before);
    want[caller] = expected(op.access!, caller, op, w);
    const letIn = res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500;
    const done = res.statusCode >= 200 && res.statusCode < 300;
    got[caller] = (want[caller] === 'let in' && letIn) || (want[caller] === OWN_ROW && done) ? want[caller] : res.statusCode;
    // an account's site is checked after validation: a request it refuses may first fail as invalid (400), never let in
    const siteAccount = caller === 'adminAccount' || caller === 'adminAccountOfAnotherSite';
    if (siteAccount && want[caller] === 403 && res.statusCode === 400) got[caller] = 403;
  }
  return { got, want };
}

const named = (ops: Operation[]) => ops.map((op) => [`${op.method} ${op.path}`, op] as const);

/**
 * The matrix on one database, as one test per operation. Reads (GET) share one world: they change nothing a later
 * row reads (an export's audit line at most). Every other operation gets a fresh one: a caller that may revoke a
 * kiosk, a host's tokens or a booking must not spoil the next row.
 */
export function authorizationMatrix(dialect: Dialect): void {
  const reads = OPERATIONS.filter((op) => op.method === 'GET');
  const writes = OPERATIONS.filter((op) => op.method !== 'GET');

  describe(`authorization matrix, reads (${dialect})`, () => {
    let shared: { env: CloudTestEnv; world: World } | undefined;
    beforeAll(async () => {
      const env = await CloudTestEnv.create(dialect);
      shared = { env, world: await buildWorld(env) };
    });
    afterAll(async () => {
      await shared?.env.dispose();
    });
    it.each(named(reads))('%s', async (_name, op) => {
      const { got, want } = await rowOf(shared!.env, shared!.world, op);
      expect(got).toEqual(want);
    });
  });

  describe(`authorization matrix, changes (${dialect})`, () => {
    it.each(named(writes))('%s', async (_name, op) => {
      const env = await CloudTestEnv.create(dialect);
      try {
        const { got, want } = await rowOf(env, await buildWorld(env), op);
        expect(got).toEqual(want);
      } finally {
        await env.dispose();
      }
    });
  });
}

/** Every operation's declaration matches its OpenAPI security (run once, not per database). */
export function everyOperationDeclaresAccess(): void {
  describe('every operation declares who may call it', () => {
    it.each(named(OPERATIONS))('%s', (_name, op) => {
      expect(op.access, 'declare config.access beside the route (src/cloud/access.ts)').toBeDefined();
      expect(op.security, 'the OpenAPI operation must declare its security').toBeDefined();
      const access = op.access!;
      if (access.roles === 'anyone') {
        expect(op.security![0]).toEqual(access.optional ? {} : undefined);
      } else {
        expect(access.roles.every((r) => (ROLES as readonly string[]).includes(r))).toBe(true);
        expect(op.security).toEqual(access.roles.map((r) => ({ [r]: [] })));
      }
    });
  });
}
