/**
 * Staff accounts and their roles (issue 14 item 1): site administrators, reviewers (decide the bookings of their
 * departments, seed 004) and records viewers (read records and exports, masked). Requests and replies of the account
 * routes and of a staff sign-in by password or phone code. Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { FreeText, Id, Instant, Phone } from './domain';
import { SignInCode } from './signIn';

export const AccountRole = z.enum(['site_admin', 'reviewer', 'records_viewer']);
export type AccountRole = z.infer<typeof AccountRole>;

/** A password: 10 to 128 characters (a passphrase is welcome). */
export const Password = z.string().min(10, 'password: at least 10 characters').max(128, 'password: at most 128 characters');

/** A reviewer's departments: ids of the site's departments (GET /admin/departments), each once. */
const DepartmentIds = z
  .array(Id)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'departmentIds: a department is named twice' });

export const AccountCreate = z
  .object({
    /** the site; omitted: a super administrator of every site (the admin token or a super administrator only) */
    siteId: Id.optional(),
    name: FreeText(60).min(1),
    phone: Phone,
    roles: z.array(AccountRole).min(1).max(3),
    /** a reviewer's departments (ids of the site's departments); required for a reviewer */
    departmentIds: DepartmentIds.default([]),
    /** optional: without one the account signs in by phone code */
    password: Password.optional(),
  })
  .strict()
  .refine((a) => !a.roles.includes('reviewer') || a.departmentIds.length > 0, {
    error: 'departmentIds: a reviewer needs at least one',
    path: ['departmentIds'],
  })
  .refine((a) => a.siteId !== undefined || (a.roles.length === 1 && a.roles[0] === 'site_admin'), {
    error: 'siteId: only an administrator may be of every site',
    path: ['siteId'],
  });
export type AccountCreate = z.input<typeof AccountCreate>;

/** A reviewer's departments replaced (POST /admin/accounts/{id}/departments): at least one. */
export const AccountDepartmentsEdit = z.object({ departmentIds: DepartmentIds.min(1, 'departmentIds: a reviewer needs at least one') }).strict();
export type AccountDepartmentsEdit = z.input<typeof AccountDepartmentsEdit>;

/** A reviewer's department as an account shows it: its id and its current name. */
export const AccountDepartment = z.object({ id: Id, name: z.string() });
export type AccountDepartment = z.infer<typeof AccountDepartment>;

/** An account as administrators see it: the phone masked, never the password. */
export const Account = z.object({
  id: Id,
  siteId: Id.nullable(),
  name: z.string(),
  phoneMasked: z.string(),
  roles: z.array(AccountRole),
  departments: z.array(AccountDepartment),
  hasPassword: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: Instant.nullable(),
  createdAt: Instant,
});
export type Account = z.infer<typeof Account>;

export const AccountList = z.object({ accounts: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;
export const AccountListQuery = z.object({ siteId: Id.optional() });

export const PasswordReset = z.object({ password: Password }).strict();
export const SessionsRevoked = z.object({ revoked: z.number().int() });

/** A staff sign-in: by password, or by the code sent to the phone (POST /auth/codes, audience staff). */
export const StaffSessionCreate = z.union([
  z.object({ siteId: Id, phone: Phone, password: z.string().min(1).max(128) }).strict(),
  z.object({ siteId: Id, phone: Phone, code: SignInCode }).strict(),
]);
export type StaffSessionCreate = z.input<typeof StaffSessionCreate>;

export const StaffSessionCreated = z.object({
  token: z.string(),
  expiresAt: Instant,
  account: Account,
});
export type StaffSessionCreated = z.infer<typeof StaffSessionCreated>;
