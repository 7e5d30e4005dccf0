/**
 * Staff accounts (issue 14 item 1): signing in by password or phone code, who one is, and the administrators' account
 * management (list, create with roles and departments, disable, revoke sessions, reset a password).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Account,
  AccountCreate,
  AccountDepartmentsEdit,
  AccountList,
  AccountListQuery,
  PasswordReset,
  SessionsRevoked,
  StaffSessionCreate,
  StaffSessionCreated,
} from '../../shared/accounts';
import { Id } from '../../shared/domain';
import { anyone, type RouteAccess, siteAdmins } from '../access';
import { notFound } from '../errors';
import { departmentsOfAccounts, findAccount } from '../repositories/accounts';
import { accountsOf, createAccount, disableAccount, resetPassword, revokeSessionsOf, setAccountDepartments, toAccount } from '../services/accounts';
import { signInStaff } from '../services/staffSignIn';
import { ANONYMOUS_BODY_LIMIT, errorReplies, type RouteOptions } from './common';

const AccountParams = z.object({ id: Id });
const accountHolders: RouteAccess = { roles: ['admin', 'reviewer', 'recordsViewer'], siteAccount: 'caller' };

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const accountRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/auth/staff/sessions',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.signIn,
      config: { access: anyone('staff sign in with their phone and password, or the code sent to it (POST /auth/codes, audience staff)') },
      schema: {
        summary: 'Staff sign-in by password or phone code: an account session (wrong passwords counted; locked after 5)',
        body: StaffSessionCreate,
        response: { 201: StaffSessionCreated, ...errorReplies },
      },
    },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'signin:addr', value: req.ip, rule: ctx.rateLimiter.limits.signInPerAddress }]);
      return reply.code(201).send(await signInStaff(ctx, req.body));
    },
  );

  app.get(
    '/auth/staff/me',
    {
      config: { access: accountHolders },
      schema: { summary: 'The account signed in (404 for the admin token, which is no account)', response: { 200: Account, ...errorReplies } },
    },
    async (req) => {
      const p = req.principal;
      const id = p?.kind === 'admin' ? p.account?.id : p?.kind === 'staff' ? p.accountId : undefined;
      const row = id !== undefined ? await findAccount(ctx.db, id) : undefined;
      if (!row) throw notFound('not_an_account', 'this bearer is the admin token, not an account');
      return toAccount(row, (await departmentsOfAccounts(ctx.db, [row.id])).get(row.id) ?? [], ctx.now());
    },
  );

  app.get(
    '/admin/accounts',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary: 'List staff accounts (a site administrator: their site’s), phones masked',
        querystring: AccountListQuery,
        response: { 200: AccountList, ...errorReplies },
      },
    },
    async (req) => ({ accounts: await accountsOf(ctx, req.principal, req.query.siteId) }),
  );

  app.post(
    '/admin/accounts',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary:
          'Create a staff account with roles (and a reviewer’s departments, by id: 400 department_unknown for one the site lacks), optionally a password',
        body: AccountCreate,
        response: { 201: Account, ...errorReplies },
      },
    },
    async (req, reply) => reply.code(201).send(await createAccount(ctx, req.principal, req.body)),
  );

  app.post(
    '/admin/accounts/:id/disable',
    {
      config: { access: siteAdmins('caller') },
      schema: { summary: 'Disable an account: it cannot sign in and its sessions end', params: AccountParams, response: { 200: Account, ...errorReplies } },
    },
    async (req) => disableAccount(ctx, req.principal, req.params.id),
  );

  app.post(
    '/admin/accounts/:id/sessions/revoke',
    {
      config: { access: siteAdmins('caller') },
      schema: { summary: 'End every session of an account', params: AccountParams, response: { 200: SessionsRevoked, ...errorReplies } },
    },
    async (req) => ({ revoked: await revokeSessionsOf(ctx, req.principal, req.params.id) }),
  );

  app.post(
    '/admin/accounts/:id/password',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary: 'Set an account’s password (its lock is cleared and its sessions end)',
        params: AccountParams,
        body: PasswordReset,
        response: { 200: Account, ...errorReplies },
      },
    },
    async (req) => resetPassword(ctx, req.principal, req.params.id, req.body.password),
  );

  app.post(
    '/admin/accounts/:id/departments',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary: 'Replace a reviewer’s departments (ids of the account’s site’s departments: 400 department_unknown otherwise)',
        params: AccountParams,
        body: AccountDepartmentsEdit,
        response: { 200: Account, ...errorReplies },
      },
    },
    async (req) => setAccountDepartments(ctx, req.principal, req.params.id, req.body.departmentIds),
  );
};
