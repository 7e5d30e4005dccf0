/**
 * People and places for site administrators (issue 14 item 2): the host directory (search with masked phones, edit,
 * CSV import: all or nothing), a site's departments, and the texts visitors read (public).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../shared/domain';
import {
  Department,
  DepartmentList,
  DepartmentName,
  HOST_IMPORT_MAX_BYTES,
  HostAdminList,
  HostAdminView,
  HostImport,
  HostImportResult,
  HostSearch,
  HostUpdate,
  SiteTexts,
} from '../../shared/peopleAdmin';
import { layerPolicy, POLICY_DEFAULTS, EMPTY_POLICY_LAYER } from '../../shared/policy';
import { adminSiteOf, anyone, siteAdmins } from '../access';
import { actorOf } from '../auth';
import { writeAudit } from '../repositories/audit';
import { searchHosts } from '../repositories/hostAdmin';
import { addDepartment, listDepartments, renameDepartment } from '../services/departmentAdmin';
import { hostFilterOf, toHostAdminView, updateHost } from '../services/hostAdmin';
import { importInvalid, readHostCsv, storeHostLines } from '../services/hostImport';
import { cloudPolicyFor } from '../services/policy';
import { getSiteRow, siteIdForCreate } from '../services/sites';
import { errorReplies, type RouteOptions } from './common';

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const hostAdminRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/hosts',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Search a site’s hosts (name prefix, department, phone or its visible digits); phones masked',
        querystring: HostSearch,
        response: { 200: HostAdminList, ...errorReplies },
      },
    },
    async (req) => {
      const siteId = await siteIdForCreate(ctx.db, req.query.siteId);
      return { hosts: (await searchHosts(ctx.db, hostFilterOf(req.query, siteId))).map(toHostAdminView) };
    },
  );

  app.post(
    '/admin/hosts/:id',
    {
      config: { access: siteAdmins('row') },
      schema: {
        summary: 'Edit a host: name, phone, department, office number, visit permission',
        params: z.object({ id: Id }),
        body: HostUpdate,
        response: { 200: HostAdminView, ...errorReplies },
      },
    },
    async (req) => {
      const now = ctx.now();
      const row = await ctx.db.transaction().execute(async (trx) => {
        const updated = await updateHost(trx, req.params.id, req.body, now.toISOString(), adminSiteOf(req.principal));
        await writeAudit(trx, {
          at: now,
          actor: actorOf(req.principal),
          action: 'host.update',
          subject: req.params.id,
          detail: { fields: Object.keys(req.body) },
        });
        return updated;
      });
      return toHostAdminView(row);
    },
  );

  app.post(
    '/admin/hosts/import',
    {
      bodyLimit: HOST_IMPORT_MAX_BYTES * 2,
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Import hosts from CSV: all lines or none (422 import_invalid lists each line’s problem); a known phone updates its host',
        body: HostImport,
        response: { 200: HostImportResult, ...errorReplies },
      },
    },
    async (req) => {
      const siteId = await siteIdForCreate(ctx.db, req.body.siteId);
      const { lines, errors } = readHostCsv(req.body.csv);
      if (errors.length > 0) throw importInvalid(errors);
      const now = ctx.now();
      return ctx.db.transaction().execute(async (trx) => {
        const result = await storeHostLines(trx, siteId, lines, now);
        await writeAudit(trx, { at: now, actor: actorOf(req.principal), action: 'host.import', subject: siteId, detail: result });
        return result;
      });
    },
  );

  app.get(
    '/admin/departments',
    {
      config: { access: siteAdmins('named') },
      schema: { summary: 'A site’s departments', querystring: z.object({ siteId: Id.optional() }), response: { 200: DepartmentList, ...errorReplies } },
    },
    async (req) => ({ departments: await listDepartments(ctx.db, await siteIdForCreate(ctx.db, req.query.siteId)) }),
  );

  app.post(
    '/admin/departments',
    {
      config: { access: siteAdmins('named') },
      schema: { summary: 'Add a department', body: DepartmentName, response: { 201: Department, ...errorReplies } },
    },
    async (req, reply) => {
      const siteId = await siteIdForCreate(ctx.db, req.body.siteId);
      const made = await addDepartment(ctx.db, siteId, req.body.name);
      await writeAudit(ctx.db, { at: ctx.now(), actor: actorOf(req.principal), action: 'department.add', subject: made.id });
      return reply.code(201).send(made);
    },
  );

  app.post(
    '/admin/departments/:id',
    {
      config: { access: siteAdmins('row') },
      schema: {
        summary: 'Rename a department (its hosts too)',
        params: z.object({ id: Id }),
        body: z.object({ name: DepartmentName.shape.name }),
        response: { 200: Department, ...errorReplies },
      },
    },
    async (req) => {
      const now = ctx.now();
      return ctx.db.transaction().execute(async (trx) => {
        const renamed = await renameDepartment(trx, req.params.id, req.body.name, now.toISOString(), adminSiteOf(req.principal));
        await writeAudit(trx, { at: now, actor: actorOf(req.principal), action: 'department.rename', subject: req.params.id });
        return renamed;
      });
    },
  );

  app.get(
    '/sites/:id/texts',
    {
      config: { access: anyone('visitors read the notice, privacy and commitment texts before they apply or sign in') },
      schema: {
        summary: 'A site’s notice, privacy and commitment texts (edited in the site’s policy)',
        params: z.object({ id: Id }),
        response: { 200: SiteTexts, ...errorReplies },
      },
    },
    async (req) => {
      const site = await getSiteRow(ctx.db, req.params.id);
      const policy = await cloudPolicyFor(ctx.db, site, '');
      const values = layerPolicy(POLICY_DEFAULTS, { site: policy.site, kiosk: EMPTY_POLICY_LAYER }).values;
      return { noticeText: values.noticeText, privacyText: values.privacyText, commitmentText: values.commitmentText };
    },
  );
};
