/**
 * 代约's form (the host books on a visitor's behalf): its draft and the check that turns it into the staff booking the
 * cloud takes, or each wrong field's problem (worded by PROBLEM_TEXT, as the apply form's are).
 */
import type { BookingCreate } from '../../shared/api';
import { FreeText, IdNumberText, IdType, PersonName, Phone, type Companion } from '../../shared/domain';
import { checkIdNumber } from '../../shared/idNumber';
import type { FieldProblem } from '../apply/applicationForm';
import { fromLocalInput, toLocalInput } from '../apply/applicationForm';

export interface CompanionDraft {
  name: string;
  phone: string;
}

export interface ProxyDraft {
  name: string;
  phone: string;
  idType: string;
  idNumber: string;
  windowStart: string;
  windowEnd: string;
  reason: string;
  companions: CompanionDraft[];
}

/** a field of the form: a visitor's, or companion i's name or phone (companion-0-name) */
export type ProxyField = Exclude<keyof ProxyDraft, 'companions'> | `companion-${number}-${keyof CompanionDraft}`;
export type ProxyProblems = Partial<Record<ProxyField, FieldProblem>>;

export function emptyProxyDraft(now: Date): ProxyDraft {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  return {
    name: '',
    phone: '',
    idType: 'resident_id',
    idNumber: '',
    windowStart: toLocalInput(start),
    windowEnd: toLocalInput(new Date(start.getTime() + 2 * 3600_000)),
    reason: '',
    companions: [],
  };
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

export function checkProxyDraft(draft: ProxyDraft, hostId: string, now: Date): { ok: true; body: BookingCreate } | { ok: false; problems: ProxyProblems } {
  const problems: ProxyProblems = {};
  const parsed = <T>(field: ProxyField, value: string, schema: Schema<T>, problem: FieldProblem, required = true): T | undefined => {
    const v = value.trim();
    if (v === '') {
      if (required) problems[field] = 'required';
      return undefined;
    }
    const r = schema.safeParse(v);
    if (!r.success) problems[field] = problem;
    return r.success ? r.data : undefined;
  };
  const name = parsed('name', draft.name, PersonName, 'name_invalid');
  const phone = parsed('phone', draft.phone.replace(/[\s-]/g, ''), Phone, 'phone_invalid');
  const reason = parsed('reason', draft.reason, FreeText(200).min(1), 'text_invalid');
  const idType = parsed('idType', draft.idType, IdType, 'id_type_invalid');
  let idNumber = parsed('idNumber', draft.idNumber, IdNumberText, 'id_format', false)?.toUpperCase();
  if (idNumber !== undefined && idType === 'resident_id') {
    const problem = checkIdNumber(idNumber);
    if (problem !== null) {
      problems.idNumber = `id_${problem}`;
      idNumber = undefined;
    }
  }
  const start = fromLocalInput(draft.windowStart.trim());
  const end = fromLocalInput(draft.windowEnd.trim());
  if (start === undefined) problems.windowStart = draft.windowStart.trim() === '' ? 'required' : 'datetime_invalid';
  if (end === undefined) problems.windowEnd = draft.windowEnd.trim() === '' ? 'required' : 'datetime_invalid';
  else if (start !== undefined && end.getTime() <= start.getTime()) problems.windowEnd = 'window_order';
  else if (end.getTime() <= now.getTime()) problems.windowEnd = 'window_in_past';
  const companions: Companion[] = [];
  draft.companions.forEach((c, i) => {
    const cName = parsed(`companion-${i}-name`, c.name, PersonName, 'name_invalid');
    const cPhone = parsed(`companion-${i}-phone`, c.phone.replace(/[\s-]/g, ''), Phone, 'phone_invalid', false);
    if (cName !== undefined) companions.push({ name: cName, ...(cPhone !== undefined ? { phone: cPhone } : {}) });
  });
  if (Object.keys(problems).length > 0 || !name || !phone || !reason || !idType || !start || !end) return { ok: false, problems };
  return {
    ok: true,
    body: {
      source: 'staff',
      hostId,
      visitor: { name, phone, idType, ...(idNumber !== undefined ? { idNumber } : {}) },
      companions,
      reason,
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
    },
  };
}
