/**
 * What the commands of one transaction read again and again, and, for a batch of pushes (commandBatches.ts), what they
 * read and write row by row (issue 12: a check-in was about ten statements, on PostgreSQL each a round trip).
 *
 * Read once per transaction: a site's row, a kiosk's early-arrival allowance (its site's and its own policy layers), a
 * kiosk's name, a site's time zone and a host, which no kiosk command changes. These live exactly as long as their
 * transaction: an administrator's change to a policy, a kiosk's name, a host or a site commits apart and is read by the
 * next batch, as a command applied alone would.
 *
 * Given the batch's commands, also:
 * - which of them were applied before: one statement for the whole batch (and the ones applied earlier in the batch
 *   from memory: a kiosk that sent a push again while its first was queued);
 * - the bookings its check-ins and check-outs name: one statement, read at their first use (after the first command
 *   took the change counter, so no sweep commits between); a booking a command moves is kept as the move left it;
 * - the library rows of those bookings' visitors (by the keys the booking rows hold): one statement, then kept as
 *   written (visitorLibrary.ts);
 * - the blacklist entries naming any of those bookings' people (their leads' keys as the rows hold them, their
 *   companions' hashed): one statement a site, each command matching its own people in memory at its own time (people
 *   that statement did not ask about are asked about alone);
 * - what it writes: its booking moves (the row kept as moved; the status and change_seq it was read with are the
 *   guard, checked when written: a row that changed meanwhile fails the flush, and commandBatches.ts redoes the batch
 *   command by command), its visitor library rows (new and changed), and its applied_commands, audit and
 *   notification rows: each kind together when the batch ends (`flush`), a statement per hundred rows alike.
 * Only check-ins and check-outs use these. Any other command first writes what is held and forgets the bookings read,
 * so that it reads the tables as they are (a walk-in's cancellation looks up its applied registration).
 */
import type { Transaction, Updateable } from 'kysely';
import type { BookingMove } from '../../shared/bookingStates';
import type { SignedCommand } from '../../shared/sync';
import { blacklistKeysOf } from '../../shared/blacklistKey';
import { siteTimeZone } from '../../shared/siteDay';
import type { AppliedCommandsTable, AuditLogTable, BlacklistTable, BookingsTable, CloudSchema, HostsTable, SitesTable, VisitorsTable } from '../db/schema';
import type { ArrivalReads } from '../notifications/events';
import { findAppliedCommand, findAppliedCommands, insertAppliedCommand, insertAppliedCommands, type AppliedCommandSeen } from '../repositories/appliedCommands';
import { auditRow, writeAudit, writeAudits, type AuditEntry } from '../repositories/audit';
import { activeBlacklistMatchesOf, listActiveBlacklistMatches } from '../repositories/blacklist';
import {
  bookingMoveColumns,
  findArrivedBookingOfSite,
  findBookingOfSite,
  findBookingRows,
  moveBookingRow,
  updateBookingInStatus,
} from '../repositories/bookings';
import { findHostOfSite } from '../repositories/hosts';
import { findKioskNameForMessage, insertNotificationOnce, insertNotificationsOnce, type OutboxRow } from '../repositories/notificationOutbox';
import { findSiteRow } from '../repositories/sites';
import { findVisitorByPersonKey, findVisitorsByPersonKeys } from '../repositories/visitors';
import { insertRows, updateRows } from '../db/preparedStatements';
import { earlyArrivalMinutesFor } from './policy';
import { visitorTable, type VisitorRows } from './visitorLibrary';

/** The kinds whose reads and writes a batch holds (kioskCommands.ts keeps them to these helpers). */
const BATCHED_KINDS: ReadonlySet<SignedCommand['kind']> = new Set(['checkin', 'checkout']);

/** What a batch's commands name, its rows read and its rows to write. */
interface Batch {
  commandIds: readonly string[];
  bookingIds: readonly string[];
  applied?: Map<string, AppliedCommandSeen>;
  bookings?: Map<string, BookingsTable>;
  /** library rows by site and person key; a key known absent is in `keys` and not in `rows` */
  visitors?: { keys: Set<string>; rows: Map<string, VisitorsTable> };
  /** booking moves not written yet, by booking id */
  moves: Map<string, HeldMove>;
  /** library rows not written yet, by id */
  visitorWrites: Map<string, HeldVisitor>;
  appliedRows: AppliedCommandsTable[];
  auditRows: AuditLogTable[];
  notificationRows: OutboxRow[];
}

/** A booking's moves in the batch: the status and change_seq the table holds (the guard), what to write, the row now. */
interface HeldMove {
  status: string;
  changeSeq: number;
  set: Partial<BookingsTable>;
  row: BookingsTable;
}

/** A library row to write: all of it when new, else what changed. */
type HeldVisitor = { row: VisitorsTable; isNew: true } | { row: VisitorsTable; isNew: false; set: Updateable<VisitorsTable> };

const visitorKey = (siteId: string, personKey: string) => `${siteId}\n${personKey}`;

export class CommandReads implements ArrivalReads, VisitorRows {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly batch: Batch | undefined;
  /** the library table itself, outside a batch */
  private readonly visitorTable: VisitorRows;

  /** `commands`: the batch's, to read and write its rows together (then `flush` before the commit) */
  constructor(
    private readonly trx: Transaction<CloudSchema>,
    commands?: readonly SignedCommand[],
  ) {
    this.visitorTable = visitorTable(trx);
    if (commands === undefined) return;
    const bookingIds = commands.flatMap((c) =>
      BATCHED_KINDS.has(c.kind) && 'bookingId' in c.payload && c.payload.bookingId !== undefined ? [c.payload.bookingId] : [],
    );
    this.batch = {
      commandIds: commands.map((c) => c.id),
      bookingIds: [...new Set(bookingIds)],
      moves: new Map(),
      visitorWrites: new Map(),
      appliedRows: [],
      auditRows: [],
      notificationRows: [],
    };
  }

  /** A site's row (undefined when there is none). */
  site(siteId: string): Promise<SitesTable | undefined> {
    return this.once(`site:${siteId}`, () => findSiteRow(this.trx, siteId));
  }

  /** The allowance a kiosk's check-in is judged by (commands of one transaction may come from several kiosks). */
  earlyArrivalMinutes(site: SitesTable, kioskId: string): Promise<number> {
    return this.once(`early:${site.id}:${kioskId}`, () => earlyArrivalMinutesFor(this.trx, site, kioskId));
  }

  kioskName(kioskId: string): Promise<string | null> {
    return this.once(`kiosk:${kioskId}`, () => findKioskNameForMessage(this.trx, kioskId));
  }

  async zone(siteId: string): Promise<string> {
    return siteTimeZone(await this.site(siteId));
  }

  host(hostId: string, siteId: string): Promise<HostsTable | undefined> {
    return this.once(`host:${siteId}:${hostId}`, () => findHostOfSite(this.trx, hostId, siteId));
  }

  /** Before applying `cmd`: a command the batch does not hold reads and writes the tables as they are. */
  async before(cmd: SignedCommand): Promise<void> {
    if (this.batch === undefined || BATCHED_KINDS.has(cmd.kind)) return;
    await this.flush();
    this.batch.bookings = undefined;
    this.batch.visitors = undefined;
  }

  /** The command's earlier application, if any (by any kiosk). */
  async appliedCommand(id: string): Promise<AppliedCommandSeen | undefined> {
    const batch = this.batch;
    if (batch === undefined) return findAppliedCommand(this.trx, id);
    batch.applied ??= await findAppliedCommands(this.trx, batch.commandIds);
    return batch.applied.get(id);
  }

  /** A booking of a site by its id, as this transaction left it. */
  async bookingOfSite(id: string, siteId: string): Promise<BookingsTable | undefined> {
    const batch = this.batch;
    if (batch === undefined) return findBookingOfSite(this.trx, id, siteId);
    const moved = batch.moves.get(id)?.row;
    if (moved) return moved.site_id === siteId ? moved : undefined;
    if (!batch.bookingIds.includes(id)) return findBookingOfSite(this.trx, id, siteId);
    const bookings = await this.batchBookings(batch);
    const row = bookings.get(id);
    if (row !== undefined) return row.site_id === siteId ? row : undefined;
    // not there when the batch began, or forgotten after a write (bookingWritten): as it is now
    const now = await findBookingOfSite(this.trx, id, siteId);
    if (now) bookings.set(id, now);
    return now;
  }

  /** The booking a visit arrived on, as this transaction left it (a check-out that names only its visit). */
  async arrivedBookingOfSite(visitId: string, siteId: string): Promise<BookingsTable | undefined> {
    const moves = this.batch?.moves;
    // a visit's arrival not written yet; a row the table gives is held as moved when it was (its visit stays its own)
    for (const m of moves?.values() ?? []) if (m.row.arrived_visit_id === visitId && m.row.site_id === siteId) return m.row;
    const row = await findArrivedBookingOfSite(this.trx, visitId, siteId);
    return (row && moves?.get(row.id)?.row) ?? row;
  }

  private async batchBookings(batch: Batch): Promise<Map<string, BookingsTable>> {
    batch.bookings ??= new Map((await findBookingRows(this.trx, batch.bookingIds)).map((row) => [row.id, batch.moves.get(row.id)?.row ?? row]));
    return batch.bookings;
  }

  /** A library row by its person key (visitorLibrary.ts). */
  async byPersonKey(siteId: string, personKey: string): Promise<VisitorsTable | undefined> {
    const batch = this.batch;
    if (batch === undefined) return this.visitorTable.byPersonKey(siteId, personKey);
    const visitors = (batch.visitors ??= await this.batchVisitors(batch));
    const key = visitorKey(siteId, personKey);
    if (!visitors.keys.has(key)) {
      // a person the booking rows do not name (a companion on a lead's booking): read, then kept
      const row = await findVisitorByPersonKey(this.trx, siteId, personKey);
      visitors.keys.add(key);
      if (row) visitors.rows.set(key, row);
    }
    return visitors.rows.get(key);
  }

  insert(row: VisitorsTable): Promise<void> {
    const batch = this.batch;
    if (batch === undefined) return this.visitorTable.insert(row);
    batch.visitorWrites.set(row.id, { row, isNew: true });
    this.visitorHeld(batch, row);
    return Promise.resolve();
  }

  update(existing: VisitorsTable, set: Updateable<VisitorsTable>): Promise<void> {
    const batch = this.batch;
    if (batch === undefined) return this.visitorTable.update(existing, set);
    const row = { ...existing, ...set };
    const held = batch.visitorWrites.get(existing.id);
    batch.visitorWrites.set(existing.id, held?.isNew === true ? { row, isNew: true } : { row, isNew: false, set: { ...held?.set, ...set } });
    this.visitorHeld(batch, row, existing.person_key);
    return Promise.resolve();
  }

  /** `row` as the batch will write it (`formerKey`: the person key it had) */
  private visitorHeld(batch: Batch, row: VisitorsTable, formerKey?: string): void {
    const visitors = batch.visitors;
    if (visitors === undefined) return;
    if (formerKey !== undefined) visitors.rows.delete(visitorKey(row.site_id, formerKey));
    const key = visitorKey(row.site_id, row.person_key);
    visitors.keys.add(key);
    visitors.rows.set(key, row);
  }

  /** The library rows of the batch's bookings' visitors, by the keys their rows hold (bookings.visitor_*_key). */
  private async batchVisitors(batch: Batch): Promise<NonNullable<Batch['visitors']>> {
    const keys = new Set<string>();
    const personKeys = new Set<string>();
    const sites = new Set<string>();
    for (const row of (await this.batchBookings(batch)).values()) {
      sites.add(row.site_id);
      for (const personKey of [row.visitor_id_key ? `id:${row.visitor_id_key}` : null, row.visitor_phone_key ? `phone:${row.visitor_phone_key}` : null]) {
        if (personKey === null) continue;
        keys.add(visitorKey(row.site_id, personKey));
        personKeys.add(personKey);
      }
    }
    const rows = new Map<string, VisitorsTable>();
    for (const row of await findVisitorsByPersonKeys(this.trx, [...sites], [...personKeys])) {
      const key = visitorKey(row.site_id, row.person_key);
      if (keys.has(key)) rows.set(key, row);
    }
    return { keys, rows };
  }

  /** A site's active entries, not expired at `nowIso`, matching one of these ID or phone keys (bookingRules.ts). */
  async blacklistMatches(siteId: string, idHashes: readonly string[], phoneHashes: readonly string[], nowIso: string): Promise<BlacklistTable[]> {
    const batch = this.batch;
    if (batch !== undefined) {
      const held = await this.once(`blacklist:${siteId}`, () => this.batchBlacklist(batch, siteId, nowIso));
      // read at an earlier time than this command's (an entry expired since is left out below)
      if (idHashes.every((h) => held.idHashes.has(h)) && phoneHashes.every((h) => held.phoneHashes.has(h))) {
        return activeBlacklistMatchesOf(held.entries, idHashes, phoneHashes, nowIso);
      }
    }
    return listActiveBlacklistMatches(this.trx, siteId, idHashes, phoneHashes, nowIso);
  }

  /** The site's entries naming anyone on the batch's bookings of that site, and whom the statement asked about. */
  private async batchBlacklist(
    batch: Batch,
    siteId: string,
    nowIso: string,
  ): Promise<{ idHashes: Set<string>; phoneHashes: Set<string>; entries: BlacklistTable[] }> {
    const idHashes = new Set<string>();
    const phoneHashes = new Set<string>();
    for (const row of (await this.batchBookings(batch)).values()) {
      if (row.site_id !== siteId) continue;
      if (row.visitor_id_key) idHashes.add(row.visitor_id_key);
      if (row.visitor_phone_key) phoneHashes.add(row.visitor_phone_key);
      for (const companion of JSON.parse(row.companions) as { idNumber?: string; phone?: string }[]) {
        const keys = blacklistKeysOf(companion);
        if (keys.idNumberHash !== undefined) idHashes.add(keys.idNumberHash);
        if (keys.phoneHash !== undefined) phoneHashes.add(keys.phoneHash);
      }
    }
    return { idHashes, phoneHashes, entries: await listActiveBlacklistMatches(this.trx, siteId, [...idHashes], [...phoneHashes], nowIso) };
  }

  async queueNotification(row: OutboxRow): Promise<void> {
    if (this.batch === undefined) {
      await insertNotificationOnce(this.trx, row);
      return;
    }
    this.batch.notificationRows.push(row);
  }

  /**
   * moveBookingRow of a row this transaction read through these reads (undefined: it had changed since read); in a
   * batch, held until the flush (which fails when the row changed meanwhile), the row kept as moved.
   */
  async moveBooking(row: BookingsTable, move: BookingMove, set: Omit<Updateable<BookingsTable>, 'status'>): Promise<BookingsTable | undefined> {
    const batch = this.batch;
    if (batch === undefined) return moveBookingRow(this.trx, row, move, set);
    const written = bookingMoveColumns(row, move, set);
    const moved = { ...row, ...written };
    const held = batch.moves.get(row.id);
    batch.moves.set(row.id, {
      status: held?.status ?? row.status,
      changeSeq: held?.changeSeq ?? row.change_seq,
      set: { ...held?.set, ...written },
      row: moved,
    });
    this.bookingWritten(row.id, moved);
    return moved;
  }

  /** updateBookingInStatus in this transaction (the held moves written first), the batch reading the booking again at its next use. */
  async updateBookingInStatus(id: string, status: string, set: Omit<Updateable<BookingsTable>, 'status'>): Promise<number> {
    await this.flushMoves();
    const updated = await updateBookingInStatus(this.trx, id, status, set);
    this.bookingWritten(id);
    return updated;
  }

  /** A booking written in this transaction: `row` as it now is, or none (then read again at its next use). */
  bookingWritten(id: string, row?: BookingsTable): void {
    const bookings = this.batch?.bookings;
    if (bookings === undefined) return;
    if (row) bookings.set(id, row);
    else bookings.delete(id);
  }

  /** Records a command's application (with the batch's others when the batch ends). */
  async recordApplied(row: AppliedCommandsTable): Promise<void> {
    const batch = this.batch;
    if (batch === undefined) return insertAppliedCommand(this.trx, row);
    batch.appliedRows.push(row);
    batch.applied?.set(row.id, { kiosk_id: row.kiosk_id, result: row.result });
  }

  async audit(e: AuditEntry): Promise<void> {
    if (this.batch === undefined) return writeAudit(this.trx, e);
    this.batch.auditRows.push(auditRow(e));
  }

  /** Writes the rows held (before the batch commits, and before a command the batch does not hold). */
  async flush(): Promise<void> {
    const batch = this.batch;
    if (batch === undefined) return;
    const visitors = [...batch.visitorWrites.values()];
    batch.visitorWrites.clear();
    // changed rows first: a phone-keyed row that gained an ID frees its phone key, which a new row of the batch may take
    const updates = visitors.flatMap((w) => (w.isNew ? [] : [{ where: { id: w.row.id }, set: w.set }]));
    if ((await updateRows(this.trx, 'visitors', updates)) !== updates.length) throw new Error('a visitor library row is gone since the batch read it');
    const inserts = visitors.flatMap((w) => (w.isNew ? [w.row] : []));
    await insertRows(this.trx, 'visitors', inserts);
    await this.flushMoves();
    await insertAppliedCommands(this.trx, batch.appliedRows.splice(0));
    await writeAudits(this.trx, batch.auditRows.splice(0));
    await insertNotificationsOnce(this.trx, batch.notificationRows.splice(0));
  }

  /** Writes the batch's booking moves held, each only if its row still has the status and change_seq it was read with. */
  private async flushMoves(): Promise<void> {
    const moves = this.batch?.moves;
    if (moves === undefined || moves.size === 0) return;
    const updates = [...moves].map(([id, m]) => ({ where: { id, status: m.status, change_seq: m.changeSeq }, set: m.set }));
    moves.clear();
    if ((await updateRows(this.trx, 'bookings', updates)) !== updates.length) throw new Error('a booking changed while its batch was applied');
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.memo.get(key) as Promise<T> | undefined;
    if (known) return known;
    const reading = read();
    this.memo.set(key, reading);
    // a failed read is not kept: under a savepoint (commandBatches.ts) the next command reads again
    reading.catch(() => this.memo.delete(key));
    return reading;
  }
}
