/**
 * Blacklist refusals at this kiosk, reported to the cloud (issue 14 item 3: "a hit at application, approval or the kiosk
 * is recorded"). A refused check-in or walk-in sends nothing else, so the refusal itself becomes a signed
 * `blacklistHit` command: once per booking (a walk-in: none) and refusing entries and site day, its id made from those,
 * so looking the same visitor up again, or the desk retrying, queues nothing more and the cloud records it once. A
 * report the cloud refuses (an older cloud without the kind) is kept acknowledged: nothing for the staff to do.
 * Only masked names and entry ids leave the kiosk; a kiosk not enrolled reports nothing (it has no list either).
 */
import type { BlacklistHitCommand } from '../../shared/sync';
import { sha256Hex } from '../../shared/sha256';
import { localDate } from '../../shared/siteDay';
import type { z } from 'zod';
import type { KioskSigner } from './checkin';
import type { KioskDb } from './db/openDb';
import { enqueueCommandOnce, hasCommand } from './db/outboxStore';
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

/**
 * A UUID (version 8: made from a name) from a SHA-256 of the refusal (booking, the entries that refused, the site day):
 * the same refusal on the same day, the same id; another entry refusing the same booking later that day, another.
 */
export function refusalCommandId(kioskId: string, refusal: BlacklistRefusal, day: string): string {
  const entries = [...new Set(refusal.hits.map((h) => h.entryId))].sort().join(',');
  const hex = sha256Hex(`blacklistHit|${kioskId}|${refusal.context}|${refusal.bookingId ?? ''}|${entries}|${day}`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Queues the refusal (`refusal()`, read here so that a failure to read it cannot hide the refusal itself from the person
 * at the desk) for the cloud unless it is already queued today; never throws (a failure is logged).
 */
export async function reportBlacklistRefusal(deps: BlacklistReportDeps, refusal: () => BlacklistRefusal): Promise<void> {
  const signer = deps.signer();
  if (!signer) return;
  try {
    const read = refusal();
    if (read.hits.length === 0) return;
    // a name as long as the contract allows (an ID card's may be longer), never empty
    const hits = read.hits.slice(0, 20).map((h) => ({ entryId: h.entryId, nameMasked: h.nameMasked.trim().slice(0, 40) || '*' }));
    const now = deps.now();
    const id = refusalCommandId(signer.identity.kioskId, read, localDate(now, deps.timeZone()));
    if (hasCommand(deps.db, id)) return;
    const command = await signCommand(
      { kind: 'blacklistHit', payload: { ...read, hits } },
      { kioskId: signer.identity.kioskId, privateKey: signer.privateKey },
      now,
      id,
    );
    if (enqueueCommandOnce(deps.db, command)) {
      log.info(`a blacklist refusal (${read.context}, ${hits.length} entr${hits.length === 1 ? 'y' : 'ies'}) queued for the cloud`);
      deps.requestSync();
    }
  } catch (err) {
    log.error(`a blacklist refusal could not be queued for the cloud: ${messageOf(err)}`);
  }
}
