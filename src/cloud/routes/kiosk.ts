/**
 * What a kiosk looks up while registering a walk-in (issue 9): a person's last visit, today's visitors and the host
 * directory of its site, and the host's decision on a walk-in it waits for (long-poll). Kiosks only, scoped to the
 * kiosk's own site; every answer masked (src/shared/kioskDirectory.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Host, Id } from '../../shared/domain';
import {
  DecisionWaitQuery,
  HostSearchQuery,
  HostSearchResult,
  LastVisitQuery,
  TodayVisits,
  TodayVisitsQuery,
  VisitRecord,
  WalkInDecision,
} from '../../shared/kioskDirectory';
import { kioskOnly } from '../access';
import type { KioskPrincipal } from '../auth';
import { notFound, unauthorized } from '../errors';
import { findBookingOfSite } from '../repositories/bookings';
import { findHostOfSite } from '../repositories/hosts';
import { toHost } from '../services/hosts';
import { bookingAsOf } from '../services/bookingRecords';
import { waitForBookingChange } from '../services/decisionWaits';
import { lastVisitOf, searchHosts, todaysVisits, walkInDecisionOf } from '../services/kioskDirectory';
import { getSiteRow, toSite } from '../services/sites';
import { builtReply, errorReplies, type RouteOptions } from './common';

export const kioskRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { ctx }, done) => {
  const kioskOf = (req: FastifyRequest): KioskPrincipal => {
    if (req.principal?.kind !== 'kiosk') throw unauthorized('a kiosk credential is required');
    return req.principal;
  };
  // the waits of this app end when it closes (a kiosk simply asks again, of another process)
  const waits = new Set<AbortController>();
  app.addHook('preClose', (hookDone) => {
    for (const w of waits) w.abort();
    hookDone();
  });

  app.get(
    '/kiosk/visitors/last-visit',
    {
      config: { access: kioskOnly },
      schema: {
        summary: 'A person’s most recent visit at this kiosk’s site (by the key of their ID number, then of their phone), masked',
        operationId: 'getKioskVisitorLastVisit',
        querystring: LastVisitQuery,
        response: { 200: VisitRecord, ...errorReplies },
      },
    },
    async (req) => {
      const kiosk = kioskOf(req);
      const visit = await lastVisitOf(ctx.db, kiosk.siteId, req.query);
      if (!visit) throw notFound('visit_unknown', 'no earlier visit of this person at this site');
      return visit;
    },
  );

  app.get(
    '/kiosk/visits/today',
    {
      ...builtReply,
      config: { access: kioskOnly },
      schema: {
        summary:
          'Today’s walk-ins, arrived visitors and multi-day visitors of this kiosk’s site (its calendar day), each with today’s entries and exits, newest first, masked',
        operationId: 'getKioskVisitsToday',
        querystring: TodayVisitsQuery,
        response: { 200: TodayVisits, ...errorReplies },
      },
    },
    async (req) => {
      const kiosk = kioskOf(req);
      const site = toSite(await getSiteRow(ctx.db, kiosk.siteId));
      return todaysVisits(ctx.db, site, ctx.now(), req.query.limit);
    },
  );

  app.get(
    '/kiosk/hosts',
    {
      config: { access: kioskOnly },
      schema: {
        summary: 'Find hosts of this kiosk’s site by phone (exact) or name (2 characters or more); phones masked',
        operationId: 'getKioskHosts',
        querystring: HostSearchQuery,
        response: { 200: HostSearchResult, ...errorReplies },
      },
    },
    async (req) => ({ hosts: await searchHosts(ctx.db, kioskOf(req).siteId, req.query.q) }),
  );

  app.get(
    '/kiosk/hosts/:id',
    {
      config: { access: kioskOnly },
      schema: {
        summary: 'One host of this kiosk’s site who may receive visitors, as a pull delivers hosts: a walk-in for a host the kiosk has not pulled yet',
        operationId: 'getKioskHost',
        params: z.object({ id: Id }),
        response: { 200: Host, ...errorReplies },
      },
    },
    async (req) => {
      const row = await findHostOfSite(ctx.db, req.params.id, kioskOf(req).siteId);
      if (!row || row.can_receive_visitors === 0) throw notFound('host_not_found', '无此受访人 / no host of this site who may receive visitors');
      return toHost(row);
    },
  );

  app.get(
    '/kiosk/bookings/:id/decision',
    {
      config: { access: kioskOnly },
      schema: {
        summary: 'The host’s decision on a walk-in of this site: at once when decided, else after waiting up to waitSeconds for it',
        operationId: 'getKioskBookingDecision',
        params: z.object({ id: Id }),
        querystring: DecisionWaitQuery,
        response: { 200: WalkInDecision, ...errorReplies },
      },
    },
    async (req, reply) => {
      const kiosk = kioskOf(req);
      const find = async () => {
        const row = await findBookingOfSite(ctx.db, req.params.id, kiosk.siteId);
        if (!row || row.source !== 'walk_in') throw notFound('booking_unknown', `no walk-in ${req.params.id} at this site`);
        return bookingAsOf(row, ctx.now());
      };
      let row = await find();
      if (row.status === 'pending' && req.query.waitSeconds > 0) {
        const wait = new AbortController();
        const gone = () => {
          if (!reply.raw.writableEnded) wait.abort();
        };
        reply.raw.on('close', gone);
        waits.add(wait);
        try {
          await waitForBookingChange(ctx.db, ctx.bookingChanges, kiosk.siteId, row.id, row.updated_at, req.query.waitSeconds * 1000, wait.signal);
        } finally {
          waits.delete(wait);
          reply.raw.off('close', gone);
        }
        row = await find();
      }
      return walkInDecisionOf(ctx.db, row, ctx.now());
    },
  );
  done();
};
