/**
 * The site dashboard (issue 14 §7): every series of a site in one reply, and each series as a CSV file (UTF-8 with
 * BOM). Counted in the site's time zone; ID and phone numbers appear in none of them.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Dashboard, DashboardCsvQuery, DASHBOARD_PERIOD_DAYS, KIOSK_OFFLINE_AFTER_MINUTES } from '../../shared/dashboard';
import { Id } from '../../shared/domain';
import { siteAdmins } from '../access';
import { siteDashboard } from '../services/dashboard';
import { dashboardCsv } from '../services/dashboardCsv';
import { errorReplies, type RouteOptions } from './common';

const SiteParams = z.object({ id: Id });
const FileBytes = z.string().meta({ format: 'binary' });

const WHAT =
  `Visits are bookings a visitor arrived on, counted by entry in the site’s time zone: today by hour, the last 12 months by day; ` +
  `the last ${DASHBOARD_PERIOD_DAYS} days by department, by source, and the refusals and blacklist hits kiosks reported (walk-ins refused ` +
  `for temperature, check-ins and walk-ins refused or warned by the blacklist) and applications the blacklist refused; kiosks not heard from ` +
  `for ${KIOSK_OFFLINE_AFTER_MINUTES} minutes are offline.`;

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const dashboardRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/sites/:id/dashboard',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'A site’s dashboard: visitors on site, arrivals per hour today, visits per day, by department and source, refusals, kiosks',
        description: WHAT,
        operationId: 'getSiteDashboard',
        params: SiteParams,
        response: { 200: Dashboard, ...errorReplies },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store');
      return siteDashboard(ctx.db, req.params.id, ctx.now());
    },
  );

  app.get(
    '/admin/sites/:id/dashboard.csv',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'One series of a site’s dashboard as CSV (UTF-8 with BOM)',
        description: `series: hours, days, departments, sources, safety or kiosks. ${WHAT}`,
        operationId: 'getSiteDashboardCsv',
        params: SiteParams,
        querystring: DashboardCsvQuery,
        response: {
          200: { description: 'the file', content: { 'text/csv': { schema: FileBytes } } },
          ...errorReplies,
        },
      },
    },
    async (req, reply) => {
      const d = await siteDashboard(ctx.db, req.params.id, ctx.now());
      const { series } = req.query;
      return reply
        .code(200)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="dashboard-${series}-${d.today}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(dashboardCsv(d, series));
    },
  );
};
