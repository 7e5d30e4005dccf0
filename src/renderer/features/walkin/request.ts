/** The walk-in form as the core's walkin.register input (pure: what the form says, nothing more). */
import type { IpcInput, WalkInIdentityInput } from '../../../shared/ipc';
import { faceConsentInput } from '../face/answer';
import type { CompanionDraft, WalkInState } from './types';

const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
/** a datetime-local value (the browser's zone) as an instant, or undefined when empty or not a time */
export const instantOf = (local: string): string | undefined => {
  if (local.trim() === '') return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
};

function companionIdentity(c: CompanionDraft): WalkInIdentityInput {
  return c.kind === 'card'
    ? { source: 'card', cardRef: c.card.cardRef }
    : { source: 'typed', name: c.name.trim(), idType: c.idType, idNumber: c.idNumber.trim() };
}

/** The face consent as the core records it (the photo only with consent). */
function faceInput(w: WalkInState): Pick<IpcInput<'walkin.register'>, 'face'> {
  return w.face ? { face: faceConsentInput(w.face) } : {};
}

/** `face: false` leaves the face out (walkin.screen needs only the people). */
export function registrationInput(w: WalkInState, registrationId: string, opts: { face: boolean } = { face: true }): IpcInput<'walkin.register'> {
  const f = w.form;
  const identity: WalkInIdentityInput = w.card
    ? { source: 'card', cardRef: w.card.cardRef }
    : { source: 'typed', name: f.name.trim(), idType: f.idType, idNumber: f.idNumber.trim() };
  const phone = text(f.phone);
  const optional = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  const start = instantOf(f.start);
  const end = instantOf(f.end);
  return {
    registrationId,
    lead: {
      identity,
      ...(phone !== undefined ? { phone } : w.reusedPhone ? { reusePhoneOfVisit: w.reusedPhone.visitId } : {}),
      ...optional('company', text(f.company)),
      ...optional('title', text(f.title)),
    },
    companions: w.companions.map((c) => ({ identity: companionIdentity(c) })),
    hostId: w.host?.id ?? '',
    ...optional('visitType', text(f.visitType)),
    reason: f.reason.trim(),
    ...optional('area', text(f.area)),
    ...(start !== undefined ? { windowStart: start } : {}),
    ...(end !== undefined ? { windowEnd: end } : {}),
    ...optional('remarks', text(f.remarks)),
    selfDrive: f.selfDrive,
    ...optional('plate', f.selfDrive ? text(f.plate) : undefined),
    ...optional('belongings', text(f.belongings)),
    ...(w.temperature ? { temperatureC: w.temperature.celsius } : {}),
    ...(w.temperature?.abnormal && text(f.overrideReason) !== undefined ? { temperatureOverride: { reason: f.overrideReason.trim() } } : {}),
    ...(opts.face ? faceInput(w) : {}),
  };
}
