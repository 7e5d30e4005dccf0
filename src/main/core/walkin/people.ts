/**
 * The people of a walk-in as the core resolves them: an ID card the core holds (its full number taken from the held
 * store, the rest from the card read) or typed fields, checked by the ID type's rule (src/shared/walkIn.ts). Pure but
 * for the held-card lookup it is given.
 */
import type { IdType } from '../../../shared/domain';
import { IpcCallError, type IdCardRead, type IdCardType, type WalkInIdentityInput } from '../../../shared/ipc';
import { checkIdNumberOfType, type Sex } from '../../../shared/walkIn';
import { normalizeIdNumber } from '../../../shared/idNumber';
import type { HeldIdCard } from '../devices';

export interface ResolvedIdentity {
  name: string;
  idType: IdType;
  idNumber: string;
  idSource: 'card' | 'typed';
  sex?: Sex;
  nation?: string;
  birthDate?: string;
  /** the card read this came from, to release it */
  cardRef?: string;
}

const ID_TYPE_OF_CARD: Record<IdCardType, IdType> = {
  resident: 'resident_id',
  hkmotw_permit: 'hkmo_tw_permit',
  foreign_2017: 'foreign_permanent',
  foreign_2023: 'foreign_permanent',
};

/** 男 / 女 (the card's words) or male / female. */
export function sexOfCard(sex: string): Sex {
  const s = sex.trim().toLowerCase();
  if (s === '男' || s === 'male' || s === 'm') return 'male';
  if (s === '女' || s === 'female' || s === 'f') return 'female';
  return 'unknown';
}

/** YYYYMMDD (the card) → YYYY-MM-DD, or undefined when it is no date. */
export function isoDateOfCard(date: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function fromCard(read: IdCardRead, idNumber: string, cardRef: string): ResolvedIdentity {
  const out: ResolvedIdentity = {
    name: read.name.trim(),
    idType: ID_TYPE_OF_CARD[read.cardType],
    idNumber: normalizeIdNumber(idNumber),
    idSource: 'card',
    sex: sexOfCard(read.sex),
    cardRef,
  };
  if (read.nation !== undefined && read.nation.trim() !== '') out.nation = read.nation.trim().slice(0, 20);
  const birth = isoDateOfCard(read.birthDate);
  if (birth !== undefined) out.birthDate = birth;
  return out;
}

/**
 * Who a person is, or IpcCallError: card_expired (the card is no longer held), walkin_id_invalid (a number that is not
 * one of its type: a typed one, or a card whose check character is wrong). `who` names the person in the message.
 */
export function resolveIdentity(input: WalkInIdentityInput, heldCard: (cardRef: string) => HeldIdCard, who: string): ResolvedIdentity {
  let person: ResolvedIdentity;
  if (input.source === 'card') {
    const held = heldCard(input.cardRef);
    person = fromCard(held.read, held.card.idNumber, input.cardRef);
  } else {
    person = { name: input.name, idType: input.idType, idNumber: normalizeIdNumber(input.idNumber), idSource: 'typed' };
    if (input.sex !== undefined) person.sex = input.sex;
    if (input.nation !== undefined && input.nation !== '') person.nation = input.nation;
    if (input.birthDate !== undefined) person.birthDate = input.birthDate;
  }
  const problem = checkIdNumberOfType(person.idType, person.idNumber);
  if (problem !== null) throw new IpcCallError('walkin_id_invalid', `${who}: the ID number is not a valid ${person.idType} number (${problem})`);
  return person;
}
