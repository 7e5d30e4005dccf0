/**
 * Signing in with a phone and a one-time code (issue 13 items 2 and 3): ask for a code, open a session with it, sign
 * out, read who one is; and find today's pass by phone and code without an account (seed 003). The anonymous routes
 * are rate-limited per phone and per client address.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { maskPhone } from '../../shared/mask';
import { FoundPasses, Me, PassFindRequest, SessionCreate, SessionCreated, SignedOut, SignInCodeReceipt, SignInCodeRequest } from '../../shared/signIn';
import { anyone, type RouteAccess } from '../access';
import { bearerOf } from '../auth';
import { notFound, unauthorized } from '../errors';
import { acceptedPrivacyVersion, currentPrivacyNotice } from '../services/privacyNotice';
import { revokeSessionOfToken, sessionOfToken } from '../services/sessions';
import { createSession, requestSignInCode, useCode } from '../services/signIn';
import { todaysPasses } from '../services/visitorBookings';
import { ANONYMOUS_BODY_LIMIT, errorReplies, type RouteOptions } from './common';

const signedIn: RouteAccess = { roles: ['visitor', 'host'] };
/** whoever may hold a session: visitors, hosts and staff accounts (the admin token is none: 404) */
const sessionHolders: RouteAccess = { roles: ['visitor', 'host', 'admin', 'reviewer', 'recordsViewer'], siteAccount: 'caller' };

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const signInRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/auth/codes',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.signIn,
      config: { access: anyone('visitors and hosts ask for a one-time sign-in code by phone; the answer is the same whoever the phone is') },
      schema: {
        summary: 'Send a one-time sign-in code to a phone (202, the same whether or not the phone may sign in)',
        body: SignInCodeRequest,
        response: { 202: SignInCodeReceipt, ...errorReplies },
      },
    },
    async (req, reply) => {
      const { signInCodePerAddress, signInCodePerPhone } = ctx.rateLimiter.limits;
      await ctx.rateLimiter.enforce(reply, [
        { bucket: 'signin-code:addr', value: req.ip, rule: signInCodePerAddress },
        { bucket: 'signin-code:phone', value: req.body.phone, rule: signInCodePerPhone },
      ]);
      return reply.code(202).send(await requestSignInCode(ctx, req.body));
    },
  );

  app.post(
    '/auth/sessions',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.signIn,
      config: { access: anyone('a visitor or host signs in with their phone and the code sent to it') },
      schema: {
        summary: 'Sign in with a phone and its one-time code (a visitor accepts the privacy notice): a session bearer',
        body: SessionCreate,
        response: { 201: SessionCreated, ...errorReplies },
      },
    },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'signin:addr', value: req.ip, rule: ctx.rateLimiter.limits.signInPerAddress }]);
      return reply.code(201).send(await createSession(ctx, req.body));
    },
  );

  app.delete(
    '/auth/sessions/current',
    {
      config: { access: sessionHolders },
      schema: { summary: 'Sign out: revoke the session this bearer is', response: { 200: SignedOut, ...errorReplies } },
    },
    async (req) => {
      const token = bearerOf(req);
      if (token === undefined) throw unauthorized();
      if (!(await revokeSessionOfToken(ctx, token))) throw notFound('session_unknown', 'this bearer is a host or admin token, not a session');
      return { signedOut: true as const };
    },
  );

  app.get(
    '/me',
    {
      config: { access: signedIn },
      schema: { summary: 'Who is signed in: the session, and a visitor’s privacy notice', response: { 200: Me, ...errorReplies } },
    },
    async (req) => {
      const p = req.principal;
      const token = bearerOf(req);
      const session = token !== undefined ? await sessionOfToken(ctx, token) : undefined;
      const sessionView = session ? { id: session.id, expiresAt: session.expires_at } : null;
      if (p?.kind === 'host') return { principal: { kind: 'host' as const, siteId: p.siteId, hostId: p.hostId }, session: sessionView };
      if (p?.kind !== 'visitor') throw unauthorized();
      const notice = await currentPrivacyNotice(ctx.db, p.siteId);
      return {
        principal: { kind: 'visitor' as const, siteId: p.siteId, sessionId: p.sessionId, phoneMasked: maskPhone(p.phone) },
        session: sessionView,
        privacyNotice: { ...notice, acceptedVersion: await acceptedPrivacyVersion(ctx.db, notice, p.siteId, p.phone) },
      };
    },
  );

  app.post(
    '/passes/find',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.signIn,
      config: { access: anyone('a visitor without an account finds today’s pass by their phone and the code sent to it (seed 003)') },
      schema: {
        summary: 'Find today’s approved bookings and passes of a phone, with the one-time code sent to it (POST /auth/codes, audience visitor)',
        body: PassFindRequest,
        response: { 200: FoundPasses, ...errorReplies },
      },
    },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'signin:addr', value: req.ip, rule: ctx.rateLimiter.limits.signInPerAddress }]);
      await useCode(ctx, { ...req.body, audience: 'visitor' });
      return todaysPasses(ctx, req.body.siteId, req.body.phone);
    },
  );
};
