/** A refused account request's problems by field: the cloud's schema issues (path body/<field>) and its conflicts. */
import { z } from 'zod';
import { ApiFailure } from '../../api/client';

export type AccountField = 'siteId' | 'name' | 'phone' | 'roles' | 'departments' | 'password';
const FIELDS: readonly AccountField[] = ['siteId', 'name', 'phone', 'roles', 'departments', 'password'];

const Issues = z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) });

/** each field's first problem; undefined when the refusal names no field (shown above the form instead) */
export function accountProblems(err: unknown): Partial<Record<AccountField, string>> | undefined {
  if (!(err instanceof ApiFailure)) return undefined;
  if (err.body.error === 'account_phone_taken') return { phone: err.body.message };
  const parsed = Issues.safeParse(err.body.details);
  if (!parsed.success) return undefined;
  const out: Partial<Record<AccountField, string>> = {};
  for (const issue of parsed.data.issues) {
    // a reviewer's departments are sent as departmentIds
    const path = issue.path.replace(/^body\/departmentIds/, 'body/departments');
    const field = FIELDS.find((f) => path === `body/${f}` || path.startsWith(`body/${f}/`));
    if (field && out[field] === undefined) out[field] = issue.message;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
