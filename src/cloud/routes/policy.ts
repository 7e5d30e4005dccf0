/** Kiosk administration (admin, issue 11): a site's and a kiosk's policy layers, and the list of kiosks. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditList, KioskList, PolicyLayer, type AuditEntry, type KioskSummary } from '../../shared/adminApi';
import { Id } from '../../shared/domain';
import { adminSiteOf, siteAdmins, type SiteAccountScope } from '../access';
import { actorOf } from '../auth';
import { newId } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { insertSiteAudit, listSiteAudit } from '../repositories/siteAudit';
import { listKioskRows } from '../repositories/policies';
import { kioskSiteId, readPolicyLayer, writePolicyLayer, type PolicyScope } from '../services/policy';
import { getSiteRow } from '../services/sites';
import { errorReplies, type RouteOptions } from './common';

const ByScope: Record<PolicyScope, { path: string; what: string }> = {
  site: { path: '/admin/sites/:id/policy', what: 'a site’s policy: the values every kiosk of the site takes, and the keys they may not override' },
  kiosk: { path: '/admin/kiosks/:id/policy', what: 'a kiosk’s own policy (over its site’s), and the keys it may not override at the kiosk' },
};

/** a site's policy names its site (/admin/sites/:id); a kiosk's is read with the kiosk, whose site must be the account's */
const ACCOUNT_SCOPE: Record<PolicyScope, SiteAccountScope> = { site: 'named', kiosk: 'row' };

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const policyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  /** the site or kiosk exists, a kiosk of the account's site (404 site_unknown / kiosk_unknown otherwise) */
  const mustExist = async (scope: PolicyScope, id: string, limit: string | undefined): Promise<void> => {
    if (scope === 'site') await getSiteRow(ctx.db, id);
    else await kioskSiteId(ctx.db, id, limit);
  };

  for (const scope of ['site', 'kiosk'] as const) {
    const { path, what } = ByScope[scope];
    app.get(
      path,
      {
        config: { access: siteAdmins(ACCOUNT_SCOPE[scope]) },
        schema: { summary: `Read ${what}`, params: z.object({ id: Id }), response: { 200: PolicyLayer, ...errorReplies } },
      },
      async (req) => {
        await mustExist(scope, req.params.id, adminSiteOf(req.principal));
        return readPolicyLayer(ctx.db, scope, req.params.id);
      },
    );
    app.post(
      path,
      {
        config: { access: siteAdmins(ACCOUNT_SCOPE[scope]) },
        schema: {
          summary: `Replace ${what}; kiosks take it at their next pull`,
          params: z.object({ id: Id }),
          body: PolicyLayer,
          response: { 200: PolicyLayer, ...errorReplies },
        },
      },
      async (req) => {
        await mustExist(scope, req.params.id, adminSiteOf(req.principal));
        const before = await readPolicyLayer(ctx.db, scope, req.params.id);
        const saved = await writePolicyLayer(ctx.db, scope, req.params.id, req.body, ctx.now());
        const at = ctx.now();
        const actor = actorOf(req.principal);
        await writeAudit(ctx.db, { at, actor, action: `${scope}.policy`, subject: req.params.id, detail: { before, after: saved } });
        await insertSiteAudit(ctx.db, {
          id: newId('aud'),
          site_id: scope === 'site' ? req.params.id : await kioskSiteId(ctx.db, req.params.id, undefined),
          kiosk_id: scope === 'kiosk' ? req.params.id : null,
          source: 'cloud',
          at: at.toISOString(),
          action: 'policy.changed',
          detail: JSON.stringify({ actor, before, after: saved }),
          recorded_at: at.toISOString(),
        });
        return saved;
      },
    );
  }

  app.get(
    '/admin/kiosks',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary: 'List kiosks: their site, last seen, software version, commands waiting, conflicts',
        querystring: z.object({ siteId: Id.optional() }),
        response: { 200: KioskList, ...errorReplies },
      },
    },
    async (req) => {
      const siteId = req.query.siteId ?? adminSiteOf(req.principal);
      if (siteId !== undefined) await getSiteRow(ctx.db, siteId);
      const rows = await listKioskRows(ctx.db, siteId);
      const kiosks = rows.map((r): KioskSummary => ({
        id: r.id,
        siteId: r.site_id,
        siteName: r.site_name,
        name: r.name,
        keyId: r.key_id,
        enrolledAt: r.enrolled_at,
        conflicts: Number(r.conflicts),
        ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
        ...(r.last_seen_at !== null ? { lastSeenAt: r.last_seen_at } : {}),
        ...(r.version !== null ? { version: r.version } : {}),
        ...(r.pending_commands !== null ? { pendingCommands: r.pending_commands } : {}),
      }));
      return { kiosks };
    },
  );

  app.get(
    '/admin/sites/:id/audit',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary:
          'List a site’s admin actions, newest first: those its kiosks reported (PIN, settings, device tests, enrolment) and those taken in the cloud (policy, revocation)',
        params: z.object({ id: Id }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: AuditList, ...errorReplies },
      },
    },
    async (req) => {
      await getSiteRow(ctx.db, req.params.id);
      const rows = await listSiteAudit(ctx.db, req.params.id, req.query.limit);
      const entries = rows.map((r): AuditEntry => ({
        id: r.id,
        source: r.source,
        at: r.at,
        action: r.action,
        detail: JSON.parse(r.detail) as AuditEntry['detail'],
        recordedAt: r.recorded_at,
        ...(r.kiosk_id !== null ? { kioskId: r.kiosk_id } : {}),
        ...(r.kiosk_name !== null ? { kioskName: r.kiosk_name } : {}),
      }));
      return { entries };
    },
  );
};
