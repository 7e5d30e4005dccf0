/**
 * The blacklist for the people of a walk-in (issue 9 item 4), against the list the kiosk pulled: works offline. Every
 * hit, refuse and warn, is for the staff only (who, masked; level; reason); one `refuse` hit refuses the registration
 * (blacklistVerdict, the cloud's rule too) and the visitor-facing words stay neutral.
 */
import { blacklistKeysOf } from '../../../shared/blacklistKey';
import type { WalkInScreening, WalkInStaffWarning } from '../../../shared/ipc';
import { maskName } from '../../../shared/mask';
import { blacklistVerdict, type BlacklistEntry } from '../../../shared/sync';
import type { KioskDb } from '../db/openDb';
import { activeBlacklistEntriesFor } from '../db/walkInStore';
import { reportBlacklistRefusal, type BlacklistReportDeps } from '../blacklistReport';

export interface ScreenedPerson {
  role: 'lead' | 'companion';
  /** a companion's index in the input */
  index: number;
  identity: { name: string; idNumber: string };
  phone?: string;
}

/** Every active entry matching a person, with who it matched (one statement per person). */
function peopleHits(db: KioskDb, people: readonly ScreenedPerson[]): { person: ScreenedPerson; entry: BlacklistEntry }[] {
  return people.flatMap((p) =>
    activeBlacklistEntriesFor(db, blacklistKeysOf({ idNumber: p.identity.idNumber, phone: p.phone })).map((entry) => ({ person: p, entry })),
  );
}

export function screenPeople(db: KioskDb, people: readonly ScreenedPerson[]): WalkInScreening {
  const staffWarnings: WalkInStaffWarning[] = peopleHits(db, people).map(({ person: p, entry: e }) => ({
    person: p.role === 'lead' ? ('lead' as const) : p.index,
    nameMasked: maskName(p.identity.name),
    level: e.level,
    reason: e.reason,
  }));
  return { refused: blacklistVerdict(staffWarnings.map((w) => w.level)) === 'refuse', staffWarnings };
}

/** The `refuse` entries that matched, with the masked name of whom they matched: what the cloud is told (blacklistReport.ts). */
export function refusingEntries(db: KioskDb, people: readonly ScreenedPerson[]): { entryId: string; nameMasked: string }[] {
  return peopleHits(db, people)
    .filter((h) => h.entry.level === 'refuse')
    .map((h) => ({ entryId: h.entry.id, nameMasked: maskName(h.person.identity.name) }));
}

/** The blacklist for these people (screenPeople); a refusal is reported to the cloud, once a day (blacklistReport.ts). */
export function screenAndReport(deps: BlacklistReportDeps, people: readonly ScreenedPerson[]): WalkInScreening {
  const screening = screenPeople(deps.db, people);
  if (screening.refused) void reportBlacklistRefusal(deps, () => ({ context: 'walkIn', hits: refusingEntries(deps.db, people) }));
  return screening;
}
