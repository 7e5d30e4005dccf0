/**
 * The visitor's application form (issue 13 item 2, /app/apply) as plain data: what each field holds, the checks the
 * page runs before sending (the same zod contracts and ID-number rule the cloud applies, src/shared), and the cloud's
 * refusals mapped back onto the fields they concern. Pure: no DOM, no fetch; tested in tests/unit/webapp/apply.
 */
import type { BookingCreate } from '../../shared/api';
import { FreeText, Id, IdNumberText, IdType, PersonName, Phone } from '../../shared/domain';
import { checkIdNumber } from '../../shared/idNumber';
import type { ApiError } from '../../shared/sync';

/** hostId: the host picked from the site's directory (host/HostPicker), by id; no visitor types a host's phone */
export const APPLICATION_FIELDS = ['name', 'phone', 'idType', 'idNumber', 'hostId', 'reason', 'windowStart', 'windowEnd'] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];
/** What the form's inputs hold, as typed (datetime-local values for the window: the browser's local time). */
export type ApplicationDraft = Record<ApplicationField, string>;

/** Why a field is refused; each has its words in both languages (i18n/messages.ts). */
export const FIELD_PROBLEMS = [
  'required',
  'name_invalid',
  'phone_invalid',
  'id_type_invalid',
  'id_format',
  'id_birth_date',
  'id_check_digit',
  'text_invalid',
  'datetime_invalid',
  'window_order',
  'window_in_past',
  'window_too_long',
  'window_too_far_ahead',
  'host_not_found',
] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];
export type FieldProblems = Partial<Record<ApplicationField, FieldProblem>>;

/**
 * What the site asks of an application. Today the cloud publishes no such setting to visitors (and requires no ID
 * number): the default says so; a site setting, once the cloud has one, is passed in here.
 */
export interface ApplicationRules {
  idNumberRequired: boolean;
}
export const DEFAULT_APPLICATION_RULES: ApplicationRules = { idNumberRequired: false };

/** An empty form whose window is the next full hour for two hours (a visitor mostly books today). */
export function emptyDraft(now: Date): ApplicationDraft {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new Date(start.getTime() + 2 * 3600_000);
  return {
    name: '',
    phone: '',
    idType: 'resident_id',
    idNumber: '',
    hostId: '',
    reason: '',
    windowStart: toLocalInput(start),
    windowEnd: toLocalInput(end),
  };
}

/** A date as a datetime-local input shows it: YYYY-MM-DDTHH:mm in the browser's time zone. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A datetime-local value (the browser's local time) as an instant, or undefined when it is not one. */
export function fromLocalInput(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const d = new Date(value);
  // a day the month does not have (2026-02-30) would roll over into the next month: not a date the visitor meant
  return Number.isNaN(d.getTime()) || toLocalInput(d) !== value.slice(0, 16) ? undefined : d;
}

export type CheckedApplication = { ok: true; body: BookingCreate } | { ok: false; problems: FieldProblems };

/**
 * Checks a draft as the cloud will; the request body when every field is right, else each wrong field's problem.
 * `noHost`: an official visit names a department (bookingExtras.ts), not a host: no host is asked for.
 * `signedInPhone`: a signed-in visitor applies with the phone they signed in with (the cloud uses the session's).
 */
export function checkApplication(
  draft: ApplicationDraft,
  rules: ApplicationRules,
  now: Date,
  opts: { noHost?: boolean; signedInPhone?: string } = {},
): CheckedApplication {
  const problems: FieldProblems = {};
  const required = (field: ApplicationField): string | undefined => {
    const v = draft[field].trim();
    if (v === '') problems[field] = 'required';
    return v === '' ? undefined : v;
  };
  const parsed = <T>(field: ApplicationField, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, problem: FieldProblem) => {
    const v = required(field);
    if (v === undefined) return undefined;
    const r = schema.safeParse(v);
    if (!r.success) problems[field] = problem;
    return r.success ? r.data : undefined;
  };

  const name = parsed('name', PersonName, 'name_invalid');
  const phone = opts.signedInPhone ?? parsed('phone', Phone, 'phone_invalid');
  // a host is picked from the directory, never typed: an id not picked is a required field left empty
  const hostId = opts.noHost === true ? undefined : parsed('hostId', Id, 'required');
  const reason = parsed('reason', FreeText(200).min(1), 'text_invalid');
  const idTypeResult = IdType.safeParse(draft.idType);
  if (!idTypeResult.success) problems.idType = 'id_type_invalid';
  const idType = idTypeResult.success ? idTypeResult.data : undefined;

  let idNumber: string | undefined;
  if (draft.idNumber.trim() === '') {
    if (rules.idNumberRequired) problems.idNumber = 'required';
  } else {
    const r = IdNumberText.safeParse(draft.idNumber);
    if (!r.success) problems.idNumber = 'id_format';
    else {
      idNumber = r.data.toUpperCase();
      const problem = idType === 'resident_id' ? checkIdNumber(idNumber) : null;
      if (problem !== null) problems.idNumber = `id_${problem}`;
    }
  }

  const window = checkWindow(draft, now, problems);
  if (
    Object.keys(problems).length > 0 ||
    name === undefined ||
    phone === undefined ||
    (hostId === undefined && opts.noHost !== true) ||
    reason === undefined ||
    idType === undefined ||
    window === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    body: {
      source: 'self',
      ...(hostId !== undefined ? { hostId } : {}),
      visitor: { name, phone, idType, ...(idNumber !== undefined ? { idNumber } : {}) },
      companions: [],
      reason,
      windowStart: window.start.toISOString(),
      windowEnd: window.end.toISOString(),
    },
  };
}

function checkWindow(draft: ApplicationDraft, now: Date, problems: FieldProblems): { start: Date; end: Date } | undefined {
  const at = (field: 'windowStart' | 'windowEnd') => {
    if (draft[field].trim() === '') {
      problems[field] = 'required';
      return undefined;
    }
    const d = fromLocalInput(draft[field].trim());
    if (d === undefined) problems[field] = 'datetime_invalid';
    return d;
  };
  const start = at('windowStart');
  const end = at('windowEnd');
  if (start === undefined || end === undefined) return undefined;
  if (end.getTime() <= start.getTime()) problems.windowEnd = 'window_order';
  else if (end.getTime() <= now.getTime()) problems.windowEnd = 'window_in_past';
  return problems.windowEnd === undefined ? { start, end } : undefined;
}

const SCHEMA_PATHS: Record<string, ApplicationField> = {
  '/body/visitor/name': 'name',
  '/body/visitor/phone': 'phone',
  '/body/visitor/idType': 'idType',
  '/body/visitor/idNumber': 'idNumber',
  '/body/hostId': 'hostId',
  '/body/reason': 'reason',
  '/body/windowStart': 'windowStart',
  '/body/windowEnd': 'windowEnd',
};

/**
 * The cloud's refusal of an application, on the fields it concerns; undefined when it concerns none of them (the
 * page then shows the cloud's own message above the form).
 */
export function problemsOfApiError(err: ApiError): FieldProblems | undefined {
  const details = (err.details ?? {}) as { who?: unknown; problem?: unknown; issues?: unknown };
  switch (err.error) {
    case 'id_number_invalid':
      if (details.who !== 'visitor') return undefined;
      return { idNumber: details.problem === 'birth_date' ? 'id_birth_date' : details.problem === 'check_digit' ? 'id_check_digit' : 'id_format' };
    case 'window_in_past':
    case 'window_too_long':
      return { windowEnd: err.error };
    case 'window_too_far_ahead':
      return { windowStart: err.error };
    case 'host_not_found':
      return { hostId: 'host_not_found' };
    default:
      break;
  }
  if (!Array.isArray(details.issues)) return undefined;
  const problems: FieldProblems = {};
  for (const issue of details.issues as { path?: unknown }[]) {
    const field = typeof issue.path === 'string' ? SCHEMA_PATHS[issue.path] : undefined;
    if (field !== undefined)
      problems[field] = field === 'phone' ? 'phone_invalid' : field === 'name' ? 'name_invalid' : field === 'hostId' ? 'host_not_found' : 'text_invalid';
  }
  return Object.keys(problems).length > 0 ? problems : undefined;
}
