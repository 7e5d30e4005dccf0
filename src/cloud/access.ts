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
  /**
   * How the route keeps an administrator account of one site to its site (absent: such an account gets 403, safe by
   * default; the admin token and administrators of every site are not limited):
   * - 'caller': the handler keeps to the caller's site by the session (lists narrowed to it, bookings by assertMayManage);
   * - 'named': the route names one site (/admin/sites/:id, or siteId in the query or body) that must be the account's;
   * - 'row': the route names a row by id (a host, kiosk, blacklist entry, department, host token) whose site the
   *   service's read of that row compares with the account's (assertRowOfSite): another site's row answers 404, as absent.
   */
  siteAccount?: SiteAccountScope;
}

export type SiteAccountScope = 'caller' | 'named' | 'row';

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
/** the admin token and administrators of every site only (the backup, creating a site): a site's administrator gets 403 */
export const adminOnly: RouteAccess = { roles: ['admin'] };
/** administrators, a site's own included: `siteAccount` says how the route keeps such an account to its site */
export const siteAdmins = (siteAccount: SiteAccountScope): RouteAccess => ({ roles: ['admin'], siteAccount });
/** admins, and hosts for what is theirs (their bookings; a site's administrator: bookings of its site) */
export const staffOwn: RouteAccess = { roles: ['admin', 'host'], foreign: 404, siteAccount: 'caller' };
/** admins, and hosts scoped to what is theirs (lists filtered to them) */
export const staffScoped: RouteAccess = { roles: ['admin', 'host'], siteAccount: 'caller' };
/** admins, hosts for their own bookings, reviewers for the bookings of their departments (403 for another's) */
export const deciders: RouteAccess = { roles: ['admin', 'host', 'reviewer'], foreign: 404, otherDepartment: 403, siteAccount: 'caller' };
/** admins, hosts (their own) and reviewers (their departments'): lists filtered to what is theirs */
export const decidersScoped: RouteAccess = { roles: ['admin', 'host', 'reviewer'], siteAccount: 'caller' };
/** administrators, and records viewers (masked only): the record lists and exports */
export const recordsReaders: RouteAccess = { roles: ['admin', 'recordsViewer'], siteAccount: 'caller' };
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
    // an administrator account of one site reaches only the routes that declare how they keep to a site (public routes
    // take a bearer only to know who asks: their handlers keep to the caller's site, createBooking)
    if (roles !== 'anyone' && access.siteAccount === undefined && adminSiteOf(principal) !== undefined) throw forbidden(SITE_ACCOUNT_REFUSAL);
    req.principal = principal;
  });
  // an account of one site names no other: a siteId in the query or the body, or the site of /admin/sites/:id; and a
  // route declared 'named' needs the administrator account's own site named
  app.addHook('preHandler', (req: FastifyRequest, _reply, done) => {
    const limit = siteLimitOf(req.principal);
    if (limit === undefined) return done();
    const named = [namedSite(req.query), namedSite(req.body)];
    if ((req.routeOptions.url ?? '').startsWith('/api/v1/admin/sites/:id')) named.push(namedSite({ siteId: (req.params as { id?: unknown }).id }));
    if (named.some((s) => s !== undefined && s !== limit)) return done(forbidden('this account is of another site'));
    const access = req.routeOptions.config.access;
    if (req.principal?.kind === 'admin' && access?.roles !== 'anyone' && access?.siteAccount === 'named' && !named.includes(limit))
      return done(forbidden(`${SITE_ACCOUNT_REFUSAL}: name your site (siteId)`));
    return done();
  });
}

const SITE_ACCOUNT_REFUSAL = 'an administrator account of one site may not call this: the admin token or an administrator of every site';

/** What an administrator account of one site gets, in each operation's description. */
const SITE_ACCOUNT_WORDS: Record<SiteAccountScope | 'none', string> = {
  caller: 'An administrator account of one site: its own site’s only.',
  named: 'An administrator account of one site: naming its own site (siteId or the path), else 403.',
  row: 'An administrator account of one site: rows of its own site; another site’s answers 404, as absent.',
  none: 'Not for an administrator account of one site (403): the admin token or an administrator of every site.',
};

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
      const site = access.roles.includes('admin') ? ` ${SITE_ACCOUNT_WORDS[access.siteAccount ?? 'none']}` : '';
      schema.description = [schema.description, `Roles: ${access.roles.join(', ')}.${scope}${site}`].filter(Boolean).join(' ');
    }
    // machine-readable too: the authorization matrix test reads it back from /openapi.json
    const declared: Record<string, unknown> = { roles: access.roles };
    if (access.optional) declared.optional = access.optional;
    if (access.foreign !== undefined) declared.foreign = access.foreign;
    if (access.otherDepartment !== undefined) declared.otherDepartment = access.otherDepartment;
    if (access.siteAccount !== undefined) declared.siteAccount = access.siteAccount;
    Object.assign(schema, { [ACCESS_EXTENSION]: declared });
    return { ...out, schema };
  };
}
