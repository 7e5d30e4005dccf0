/**
 * Who may call a route, declared once beside the route (`config.access`). From that one declaration:
 * - the onRequest hook authenticates and authorises before the body is read (a stranger's 1 MB body is never
 *   parsed, and learns nothing about the route's schema);
 * - the OpenAPI document declares each operation's security schemes (a client generator sees what is public);
 * - the authorization matrix test (tests/support/cloud/authzMatrix.ts) derives every expected status.
 * A route that declares nothing is refused for everyone (and fails that test).
 */
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { principalOf, type Principal } from './auth';
import type { CloudContext } from './context';
import { forbidden, HttpError, unauthorized } from './errors';

export const ROLES = ['admin', 'host', 'kiosk', 'visitor', 'reviewer', 'recordsViewer'] as const;
export type Role = (typeof ROLES)[number];

export interface RouteAccess {
  /**
   * 'anyone': no credential needed (a credential that is sent must still be valid);
   * otherwise the roles that may call it: admin (the bootstrap/automation token), host (a host's token or
   * session), kiosk (an enrolled kiosk's credential), visitor (a signed-in visitor's session).
   */
  roles: 'anyone' | readonly Role[];
  /**
   * What a caller of a right role gets for a resource that is not theirs (another host's or visitor's booking): the same
   * answer as for a resource that does not exist, so ids cannot be probed.
   */
  foreign?: 404;
  /**
   * What a reviewer gets for a booking of a department that is not theirs: 403 (their role may decide bookings, not
   * this one).
   */
  otherDepartment?: 403;
  /** for 'anyone' routes: why the route is public (shown in the OpenAPI document) */
  why?: string;
  /** for 'anyone' routes: the credentials that, when sent, change the answer (booking as staff, keys of one's site) */
  optional?: readonly Role[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** who may call this route; see src/cloud/access.ts */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** the caller, set by the access hook before the body is parsed; undefined for an anonymous call */
    principal: Principal | undefined;
  }
}

export const anyone = (why: string, optional?: readonly Role[]): RouteAccess => ({ roles: 'anyone', why, ...(optional ? { optional } : {}) });
export const adminOnly: RouteAccess = { roles: ['admin'] };
/** admins, and hosts for what is theirs (their bookings) */
export const staffOwn: RouteAccess = { roles: ['admin', 'host'], foreign: 404 };
/** admins, and hosts scoped to what is theirs (lists filtered to them) */
export const staffScoped: RouteAccess = { roles: ['admin', 'host'] };
/** admins, hosts for their own bookings, reviewers for the bookings of their departments (403 for another's) */
export const deciders: RouteAccess = { roles: ['admin', 'host', 'reviewer'], foreign: 404, otherDepartment: 403 };
/** admins, hosts (their own) and reviewers (their departments'): lists filtered to what is theirs */
export const decidersScoped: RouteAccess = { roles: ['admin', 'host', 'reviewer'] };
/** administrators, and records viewers (masked only): the record lists and exports */
export const recordsReaders: RouteAccess = { roles: ['admin', 'recordsViewer'] };
export const kioskOnly: RouteAccess = { roles: ['kiosk'] };
/** a host's own desk (their inbox, their invitations): only a host token; what is not theirs is 404, as if absent */
export const hostOwn: RouteAccess = { roles: ['host'], foreign: 404 };
/** a host's own lists (filtered to them) */
export const hostScoped: RouteAccess = { roles: ['host'] };
/** a signed-in visitor, for what is theirs (their bookings) */
export const visitorOwn: RouteAccess = { roles: ['visitor'], foreign: 404 };

/** The OpenAPI security scheme of each role (all bearer tokens; which one a route takes is what differs). */
export const SECURITY_SCHEMES = {
  admin: {
    type: 'http',
    scheme: 'bearer',
    description:
      'a site administrator’s account session, from POST /api/v1/auth/staff/sessions (password or phone code; expires, revocable); ' +
      'or the admin token (PASSDESK_ADMIN_TOKEN), kept only for the bootstrap (the first administrator: npm run cloud -- create-admin) and for automation',
  },
  reviewer: {
    type: 'http',
    scheme: 'bearer',
    description: 'a reviewer’s account session (POST /api/v1/auth/staff/sessions): decides the bookings of their departments',
  },
  recordsViewer: {
    type: 'http',
    scheme: 'bearer',
    description: 'a records viewer’s account session (POST /api/v1/auth/staff/sessions): reads records and exports, masked',
  },
  host: {
    type: 'http',
    scheme: 'bearer',
    description: 'a host token, issued by POST /api/v1/hosts/{id}/token, or a host’s session from POST /api/v1/auth/sessions; revocable',
  },
  kiosk: { type: 'http', scheme: 'bearer', description: 'an enrolled kiosk’s credential, from POST /api/v1/kiosks/enrol; revocable' },
  visitor: {
    type: 'http',
    scheme: 'bearer',
    description: 'a visitor’s session, from POST /api/v1/auth/sessions (phone and one-time code); expires, revocable',
  },
} as const;

const STAFF_ROLE = { reviewer: 'reviewer', records_viewer: 'recordsViewer' } as const;

function allows(roles: readonly Role[], p: Principal | undefined): boolean {
  if (p === undefined) return false;
  if (p.kind === 'staff') return p.roles.some((r) => roles.includes(STAFF_ROLE[r]));
  return roles.includes(p.kind);
}

/** An administrator account's one site (undefined: the admin token or an administrator of every site, or not an admin). */
export function adminSiteOf(p: Principal | undefined): string | undefined {
  return p?.kind === 'admin' ? (p.account?.siteId ?? undefined) : undefined;
}

/** The site a caller is limited to, for the site check below: an account's site (undefined: every site). */
function siteLimitOf(p: Principal | undefined): string | undefined {
  if (p?.kind === 'staff') return p.siteId;
  if (p?.kind === 'admin') return p.account?.siteId ?? undefined;
  return undefined;
}

function namedSite(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('siteId' in value)) return undefined;
  const siteId = value.siteId;
  return typeof siteId === 'string' ? siteId : undefined;
}

/** Installs the hook that authenticates and authorises every request by its route's declared access. */
export function installAccessControl(app: FastifyInstance, ctx: CloudContext): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (req.routeOptions.url === undefined) return; // no such route: the not-found handler answers
    const access = req.routeOptions.config.access;
    if (access === undefined) {
      if (req.method === 'OPTIONS') return; // a CORS preflight: the CORS plugin answers, nothing is read
      throw new HttpError(403, 'access_undeclared', 'this route declares no access and is refused');
    }
    const principal = await principalOf(ctx, req);
    const { roles } = access;
    if (roles !== 'anyone' && !allows(roles, principal)) {
      if (principal === undefined) throw unauthorized(roles.includes('kiosk') ? 'a kiosk credential is required' : undefined);
      throw forbidden(`${roles.join(' or ')} only`);
    }
    req.principal = principal;
  });
  // an account of one site names no other: a siteId in the query or the body, or the site of /admin/sites/:id; and an
  // administrator account of one site reaches only the routes that keep to a site (siteAccountScope below)
  app.addHook('preHandler', (req: FastifyRequest, _reply, done) => {
    const limit = siteLimitOf(req.principal);
    if (limit === undefined) return done();
    const named = [namedSite(req.query), namedSite(req.body)];
    const url = req.routeOptions.url ?? '';
    if (url.startsWith('/api/v1/admin/sites/:id')) named.push(namedSite({ siteId: (req.params as { id?: unknown }).id }));
    if (named.some((s) => s !== undefined && s !== limit)) return done(forbidden('this account is of another site'));
    // public routes take a bearer only to know who asks (their handlers keep to the caller's site: createBooking)
    if (req.principal?.kind !== 'admin' || req.routeOptions.config.access?.roles === 'anyone') return done();
    const scope = siteAccountScope(req.method, url);
    if (scope === undefined) return done(forbidden(SITE_ACCOUNT_REFUSAL));
    if (scope === 'named' && !named.includes(limit)) return done(forbidden(`${SITE_ACCOUNT_REFUSAL}: name your site (siteId)`));
    return done();
  });
}

const SITE_ACCOUNT_REFUSAL = 'an administrator account of one site may not call this: the admin token or an administrator of every site';

/**
 * What an administrator account of one site may call (a security review found routes taking a host's, kiosk's, entry's
 * or token's id that never compared that row's site with the account's, and routes reaching every site: the backup,
 * people export and delete, the host list): 'caller' where the handler itself keeps to the caller's site (bookings:
 * assertMayManage; records: their own site; accounts: their site's); 'named' where the one site the route acts on is
 * named, in the path (/admin/sites/:id and below, no other id) or as siteId in the query or body, and must be the
 * account's. Everything else answers 403 to such an account, safe by default: a new route is closed to site accounts
 * until it is listed here with the check it makes.
 */
export function siteAccountScope(method: string, url: string): 'caller' | 'named' | undefined {
  const route = `${method} ${url.replace(/^\/api\/v\d+/, '')}`;
  if (/^GET \/bookings$/.test(route) || /^(GET|PUT|POST) \/bookings\/:id(\/(decision|cancel|pass|vehicles))?$/.test(route)) return 'caller';
  // lists the handler narrows to the account's site (adminSiteOf)
  if (/^GET \/(admin\/sites|admin\/kiosks|hosts)$/.test(route)) return 'caller';
  if (/^GET \/admin\/records\/(visits|bookings)(\/export)?$/.test(route)) return 'caller';
  // the reviewers' queue: an administrator account's own site (services/reviewQueue.ts)
  if (/^GET \/review\/bookings(\/:id)?$/.test(route)) return 'caller';
  if (/^(GET|POST) \/admin\/accounts(\/:id\/(disable|sessions\/revoke|password|departments))?$/.test(route)) return 'caller';
  if (/^(GET|DELETE) \/auth\//.test(route)) return 'caller';
  if (/^(GET|POST) \/admin\/sites\/:id(\/[a-z.-]+)*(\/:kind)?$/.test(route) && !route.includes(':itemId')) return 'named';
  if (/^(GET|POST) \/admin\/(enrolment-codes|blacklist|hosts|hosts\/import|departments|people\/export|people\/delete)$/.test(route)) return 'named';
  if (/^POST \/hosts$/.test(route)) return 'named';
  return undefined;
}

/** The OpenAPI extension that carries a route's declared access. */
export const ACCESS_EXTENSION = 'x-passdesk-access';

/** A stable operationId from the method and the path: POST /api/v1/admin/kiosks/{id}/revoke → postAdminKiosksIdRevoke. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/**
 * OpenAPI: each operation's security requirement from its declared access (public ones say why), and an
 * operationId made from its method and path.
 */
export function securityTransform(inner: SwaggerTransform): SwaggerTransform {
  return (input) => {
    const out = inner(input);
    const access = input.route.config?.access;
    if (access === undefined) return out;
    const schema: FastifySchema = { ...out.schema };
    const method = Array.isArray(input.route.method) ? String(input.route.method[0]) : String(input.route.method);
    schema.operationId ??= operationIdOf(method, input.url);
    if (access.roles === 'anyone') {
      // {} first: no credential is needed; the roles listed after it may be sent and change the answer
      schema.security = access.optional ? [{}, ...access.optional.map((r) => ({ [r]: [] }))] : [];
      schema.description = [schema.description, `Public: ${access.why ?? 'no credential needed'}.`].filter(Boolean).join(' ');
    } else {
      schema.security = access.roles.map((r) => ({ [r]: [] }));
      const scope = access.foreign !== undefined ? ' A host or visitor sees only its own; anything else answers 404, as if absent.' : '';
      schema.description = [schema.description, `Roles: ${access.roles.join(', ')}.${scope}`].filter(Boolean).join(' ');
    }
    // machine-readable too: the authorization matrix test reads it back from /openapi.json
    const declared: Record<string, unknown> = { roles: access.roles };
    if (access.optional) declared.optional = access.optional;
    if (access.foreign !== undefined) declared.foreign = access.foreign;
    if (access.otherDepartment !== undefined) declared.otherDepartment = access.otherDepartment;
    Object.assign(schema, { [ACCESS_EXTENSION]: declared });
    return { ...out, schema };
  };
}
