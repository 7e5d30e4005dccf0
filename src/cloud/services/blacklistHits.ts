/**
 * Blacklist hits (issue 14 item 3): every match at application, approval or the kiosk, recorded per entry. A hit that
 * lets the booking through (warn) is recorded in the booking's own transaction; a refusal rolls that transaction back,
 * so it travels in the thrown BlacklistRefusal and recordingRefusedHits writes it once the transaction is over.
 */
import type { BlacklistHitSource } from '../../shared/blacklistAdmin';
import { newId } from '../../platform/secrets';
import { HttpError } from '../errors';
import { insertBlacklistHits } from '../repositories/blacklistAdmin';
import type { Db } from '../repositories/db';

/** Where and when a blacklist check runs. */
export interface BlacklistCheck {
  siteId: string;
  now: Date;
  source: BlacklistHitSource;
  /** the booking or walk-in it is about, when there is one */
  subject?: string;
}

export interface MatchedEntry {
  entryId: string;
  level: 'warn' | 'refuse';
  nameMasked: string;
}

export async function recordBlacklistHits(db: Db, check: BlacklistCheck, hits: readonly MatchedEntry[], outcome: 'refused' | 'warned'): Promise<void> {
  await insertBlacklistHits(
    db,
    hits.map((h) => ({
      id: newId('blhit'),
      site_id: check.siteId,
      entry_id: h.entryId,
      at: check.now.toISOString(),
      source: check.source,
      outcome,
      level: h.level,
      subject: check.subject ?? null,
      name_masked: h.nameMasked,
    })),
  );
}

/** 409 blacklisted, carrying the hits that refused it (recorded by recordingRefusedHits after the rollback). */
export class BlacklistRefusal extends HttpError {
  constructor(
    message: string,
    readonly check: BlacklistCheck,
    readonly hits: readonly MatchedEntry[],
    /** what the reply may say of the people refused (masked names), e.g. { refused: [{ who, nameMasked }] } */
    details?: unknown,
  ) {
    super(409, 'blacklisted', message, details);
  }
}

/** Runs a booking's transaction; a BlacklistRefusal out of it has its hits recorded, then goes on. */
export async function recordingRefusedHits<T>(db: Db, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof BlacklistRefusal) await recordBlacklistHits(db, err.check, err.hits, 'refused');
    throw err;
  }
}
