/**
 * What stays of a command's payload once the cloud has taken it (state `sent`): its ids (booking, visit, pass, code,
 * host) and the facts the desk still reads back (a passage's direction, a sign-out's endVisit, an audit entry, which
 * holds no personal data: redactText at the kiosk), never a person's name, phone, ID number, face photo, temperature
 * or the keys made from them. The row keeps its id, kind, state, signature and the SHA-256 of the payload as it was
 * sent (`payload_sha256`), so what was sent can still be matched, not read. A pending command keeps everything (it is
 * still to be sent), and so does a conflict or a refused one (staff look at it).
 */
import { sha256Hex } from '../../../shared/sha256';

/** A kept payload: plain JSON values. */
export type KeptPayload = Readonly<Record<string, unknown>>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entries of `from` under these keys, when present. */
function pick(from: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** The payload kept of a sent command of this kind (unknown kinds: nothing but the booking id). */
export function keptPayload(kind: string, payload: unknown): KeptPayload {
  if (!isObject(payload)) return {};
  switch (kind) {
    case 'checkin':
      return pick(payload, ['bookingId', 'visitId', 'passId', 'partySize']);
    case 'checkout':
      return pick(payload, ['visitId', 'bookingId', 'endVisit']);
    case 'passage':
      return pick(payload, ['direction', 'passId', 'bookingId', 'visitId']);
    case 'cancelWalkIn':
      return pick(payload, ['bookingId']);
    case 'adminAudit':
      return pick(payload, ['action', 'detail']);
    case 'registerWalkIn': {
      const companions = Array.isArray(payload.companions) ? payload.companions.filter(isObject) : [];
      return {
        ...pick(payload, ['bookingId', 'code', 'hostId', 'approval', 'visitId', 'passId']),
        companions: companions.map((c) => pick(c, ['bookingId', 'visitId', 'passId'])),
      };
    }
    case 'uploadVisitorPhoto':
      return pick(payload, ['source', 'bookingId']);
    case 'blacklistHit': {
      const hits = Array.isArray(payload.hits) ? payload.hits.filter(isObject) : [];
      return { ...pick(payload, ['context', 'bookingId']), entryIds: hits.map((h) => h.entryId) };
    }
    default:
      return pick(payload, ['bookingId']);
  }
}

/** SHA-256 hex of a payload as stored (its JSON text). */
export function payloadSha256(payloadText: string): string {
  return sha256Hex(payloadText);
}

/** The stored result of a sent command without the booking the cloud sent back with it (a person's data). */
export function keptResult(resultText: string): string {
  const parsed: unknown = JSON.parse(resultText);
  if (!isObject(parsed)) return resultText;
  const { booking: _booking, ...rest } = parsed;
  return JSON.stringify(rest);
}
