/**
 * Blacklist refusals at this kiosk, reported to the cloud (issue 14 item 3: "a hit at application, approval or the kiosk
 * is recorded"). A refused check-in or walk-in sends nothing else, so the refusal itself becomes a signed
 * `blacklistHit` command: once per booking (a walk-in: per set of matched entries) and site day, its id made from
 * those, so looking the same visitor up again, or the desk retrying, queues nothing more and the cloud records it once.
 * Only masked names and entry ids leave the kiosk; a kiosk not enrolled reports nothing (it has no list either).
 */
import type { BlacklistHitCommand } from '../../shared/sync';
import { sha256Hex } from '../../shared/sha256';
import { localDate } from '../../shared/siteDay';
import type { z } from 'zod';
import type { KioskSigner } from './checkin';
import type { KioskDb } from './db/openDb';
import { enqueueCommand, hasCommand } from './db/outboxStore';
import { createLogger } from './log';
import { signCommand } from './sync/commands';
import { messageOf } from '../../shared/errorText';

const log = createLogger('blacklist');

export type BlacklistRefusal = z.input<typeof BlacklistHitCommand>['payload'];

export interface BlacklistReportDeps {
  db: KioskDb;
  now: () => Date;
  timeZone: () => string;
  signer: () => KioskSigner | undefined;
  requestSync: () => void;
}

/** A UUID (version 8: made from a name) from a SHA-256 of the text: the same refusal on the same day, the same id. */
export function refusalCommandId(kioskId: string, refusal: BlacklistRefusal, day: string): string {
  const subject = refusal.bookingId ?? [...new Set(refusal.hits.map((h) => h.entryId))].sort().join(',');
  const hex = sha256Hex(`blacklistHit|${kioskId}|${refusal.context}|${subject}|${day}`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Queues the refusal for the cloud unless it is already queued today; never throws (a failure is logged). */
export async function reportBlacklistRefusal(deps: BlacklistReportDeps, refusal: BlacklistRefusal): Promise<void> {
  const signer = deps.signer();
  if (!signer || refusal.hits.length === 0) return;
  try {
    const now = deps.now();
    const id = refusalCommandId(signer.identity.kioskId, refusal, localDate(now, deps.timeZone()));
    if (hasCommand(deps.db, id)) return;
    const payload = { ...refusal, hits: refusal.hits.slice(0, 20) };
    const command = await signCommand({ kind: 'blacklistHit', payload }, { kioskId: signer.identity.kioskId, privateKey: signer.privateKey }, now, id);
    const queued = deps.db.transaction((): boolean => {
      if (hasCommand(deps.db, id)) return false;
      enqueueCommand(deps.db, command);
      return true;
    })();
    if (queued) {
      log.info(`a blacklist refusal (${refusal.context}, ${refusal.hits.length} entr${refusal.hits.length === 1 ? 'y' : 'ies'}) queued for the cloud`);
      deps.requestSync();
    }
  } catch (err) {
    log.error(`a blacklist refusal could not be queued for the cloud: ${messageOf(err)}`);
  }
}
