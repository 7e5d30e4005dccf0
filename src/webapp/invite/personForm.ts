/**
 * The people an invited visitor types in (themselves and each companion), checked here as the cloud will check them:
 * a name, a phone (required for the visitor, optional for a companion), an ID type and number (a resident ID's
 * birth date and check digit). Pure functions: a draft in, the body or each field's problem out.
 */
import { Companion, IdNumberText, IdType, Phone, PersonName, type VisitorIdentity } from '../../shared/domain';
import { checkIdNumber } from '../../shared/idNumber';
import type { FieldProblem } from '../apply/applicationForm';

export const PERSON_FIELDS = ['name', 'phone', 'idType', 'idNumber'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type PersonDraft = Record<PersonField, string>;
export type PersonProblems = Partial<Record<PersonField, FieldProblem>>;

export const emptyPerson = (): PersonDraft => ({ name: '', phone: '', idType: 'resident_id', idNumber: '' });

interface Checked {
  problems: PersonProblems;
  name?: string;
  phone?: string;
  idType?: IdType;
  idNumber?: string;
}

function checkPerson(draft: PersonDraft, phoneRequired: boolean): Checked {
  const out: Checked = { problems: {} };
  const name = PersonName.safeParse(draft.name.trim());
  if (draft.name.trim() === '') out.problems.name = 'required';
  else if (!name.success) out.problems.name = 'name_invalid';
  else out.name = name.data;
  if (draft.phone.trim() === '') {
    if (phoneRequired) out.problems.phone = 'required';
  } else {
    const phone = Phone.safeParse(draft.phone);
    if (phone.success) out.phone = phone.data;
    else out.problems.phone = 'phone_invalid';
  }
  const idType = IdType.safeParse(draft.idType);
  if (idType.success) out.idType = idType.data;
  else out.problems.idType = 'id_type_invalid';
  if (draft.idNumber.trim() !== '') {
    const id = IdNumberText.safeParse(draft.idNumber);
    if (!id.success) out.problems.idNumber = 'id_format';
    else {
      const problem = out.idType === 'resident_id' ? checkIdNumber(id.data.toUpperCase()) : null;
      if (problem !== null) out.problems.idNumber = `id_${problem}`;
      else out.idNumber = id.data.toUpperCase();
    }
  }
  return out;
}

export function checkVisitor(draft: PersonDraft): { problems: PersonProblems; value?: VisitorIdentity } {
  const c = checkPerson(draft, true);
  if (Object.keys(c.problems).length > 0 || c.name === undefined || c.phone === undefined || c.idType === undefined) return { problems: c.problems };
  return { problems: {}, value: { name: c.name, phone: c.phone, idType: c.idType, ...(c.idNumber ? { idNumber: c.idNumber } : {}) } };
}

export function checkCompanion(draft: PersonDraft): { problems: PersonProblems; value?: Companion } {
  const c = checkPerson(draft, false);
  if (Object.keys(c.problems).length > 0 || c.name === undefined) return { problems: c.problems };
  return {
    problems: {},
    value: Companion.parse({
      name: c.name,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.idNumber ? { idType: c.idType, idNumber: c.idNumber } : {}),
    }),
  };
}
