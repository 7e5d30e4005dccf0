/**
 * Change notifications for the kiosks' long-polls (issue 12), in every cloud process: whoever waits on a booking (a
 * kiosk waiting for the host's decision on a walk-in, services/decisionWaits.ts) is woken when a pending booking
 * changes, whichever process changed it, without polling the database.
 *
 * PostgreSQL: a trigger (migration 0015) sends `NOTIFY passdesk_booking, '<schema> <id>'` at commit; each process
 * holds ONE listening connection of its own (not from the pool) and fans each notification out to its waiters on that
 * booking. The connection is opened again with backoff when it drops, and every waiter is then woken to read again
 * (a notification sent while it was down is lost). SQLite has one process: a temporary trigger on its one connection,
 * there while someone waits, calls back into this process. A wake is only a hint: the waiter reads the booking and decides.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { CloudDatabase } from './database';
import type { CloudSchema } from './schema';
import { BOOKING_CHANNEL } from './migrations/0015_booking_notify';

export interface BookingChanges {
  /** calls `wake` whenever booking `id` may have changed; returns the call that stops it */
  watch(bookingId: string, wake: () => void): () => void;
  /** stops listening (the listening connection closed) */
  close(): Promise<void>;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;
const SQLITE_FUNCTION = 'passdesk_booking_changed';
type SqliteHandle = SqliteDatabase.Database;

class Waiters {
  private readonly byBooking = new Map<string, Set<() => void>>();

  watch(id: string, wake: () => void): () => void {
    let set = this.byBooking.get(id);
    if (!set) this.byBooking.set(id, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.byBooking.get(id) === set) this.byBooking.delete(id);
    };
  }

  wake(id: string): void {
    for (const wake of [...(this.byBooking.get(id) ?? [])]) wake();
  }

  get size(): number {
    return this.byBooking.size;
  }

  wakeAll(): void {
    for (const set of [...this.byBooking.values()]) for (const wake of [...set]) wake();
  }
}

/** Starts the notifier of this process on `db`; on PostgreSQL resolves once the listening connection listens. */
export async function startBookingChanges(
  db: CloudDatabase,
  onError: (err: unknown) => void,
  opts: { /** SQLite: how long the trigger stays after the last waiter left */ sqliteTriggerIdleMs?: number } = {},
): Promise<BookingChanges> {
  const connection = db.connection;
  if (connection?.kind === 'postgres') return listenPostgres(connection.url, connection.pgSchema, new Waiters(), onError);
  if (connection?.kind === 'sqlite') return watchSqlite(connection.handle, db.kysely, onError, opts.sqliteTriggerIdleMs ?? SQLITE_TRIGGER_IDLE_MS);
  throw new Error('the cloud database does not say how to reach it for change notifications');
}

/** The SQLite connections watched in this process: one trigger and one set of waiters each, however many apps use it. */
const sqliteWatches = new WeakMap<SqliteHandle, { watch: BookingChanges['watch']; release: () => void; users: number }>();

/** How long the trigger stays after the last waiter left (a morning's walk-ins wait one after another): the first watch of a connection sets it. */
export const SQLITE_TRIGGER_IDLE_MS = 30_000;

const CREATE_TRIGGER = (fn: string) =>
  sql.raw(`create temp trigger if not exists bookings_notify_change after update on main.bookings for each row
      when old.status = 'pending' and (new.status is not old.status or new.updated_at is not old.updated_at)
      begin select ${fn}(new.id); end`);
const DROP_TRIGGER_SQL = 'drop trigger if exists temp.bookings_notify_change';
const DROP_TRIGGER = sql.raw(DROP_TRIGGER_SQL);

/**
 * SQLite: the trigger exists only while someone waits (and SQLITE_TRIGGER_IDLE_MS after): any row trigger on bookings
 * takes SQLite off its one-pass update, ~3 times the cost of every booking update (issue 12: a check-in's 30 µs became
 * 95). It is created and dropped through Kysely, so after any open transaction and in order with the waiter's own
 * read, which follows the watch (services/decisionWaits.ts): a change committed before the trigger existed is seen by
 * that read.
 */
function watchSqlite(sqlite: SqliteHandle, kysely: Kysely<CloudSchema>, onError: (err: unknown) => void, idleMs: number): BookingChanges {
  let shared = sqliteWatches.get(sqlite);
  if (!shared) {
    shared = sharedSqliteWatch(sqlite, kysely, onError, idleMs);
    sqliteWatches.set(sqlite, shared);
  }
  shared.users++;
  const { watch, release } = shared;
  let closed = false;
  return {
    watch,
    close: () => {
      if (!closed) release();
      closed = true;
      return Promise.resolve();
    },
  };
}

function sharedSqliteWatch(
  sqlite: SqliteHandle,
  kysely: Kysely<CloudSchema>,
  onError: (err: unknown) => void,
  idleMs: number,
): { watch: BookingChanges['watch']; release: () => void; users: number } {
  const waiters = new Waiters();
  // called inside the writing statement: wake after it, never re-entering the connection
  sqlite.function(SQLITE_FUNCTION, { deterministic: false }, (id: unknown) => {
    if (typeof id === 'string') setImmediate(() => waiters.wake(id));
    return null;
  });
  let triggered = false;
  let idle: NodeJS.Timeout | undefined;
  const run = (statement: RawBuilder<unknown>) => void statement.execute(kysely).catch(onError);
  const watch: BookingChanges['watch'] = (id, wake) => {
    if (idle) clearTimeout(idle);
    idle = undefined;
    if (!triggered) run(CREATE_TRIGGER(SQLITE_FUNCTION));
    triggered = true;
    const unwatch = waiters.watch(id, wake);
    return () => {
      unwatch();
      if (waiters.size > 0 || idle) return;
      idle = setTimeout(() => {
        idle = undefined;
        if (waiters.size > 0 || !triggered) return;
        triggered = false;
        run(DROP_TRIGGER);
      }, idleMs);
      idle.unref();
    };
  };
  const release = (): void => {
    const w = sqliteWatches.get(sqlite);
    if (!w || --w.users > 0) return;
    sqliteWatches.delete(sqlite);
    if (idle) clearTimeout(idle);
    if (sqlite.open) sqlite.exec(DROP_TRIGGER_SQL);
  };
  return { watch, release, users: 0 };
}

async function listenPostgres(url: string, pgSchema: string | undefined, waiters: Waiters, onError: (err: unknown) => void): Promise<BookingChanges> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retry: NodeJS.Timeout | undefined;
  let schema = '';

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, ...(pgSchema !== undefined ? { options: `-c search_path=${pgSchema}` } : {}) });
    c.on('notification', (msg) => {
      if (msg.channel !== BOOKING_CHANNEL || msg.payload === undefined) return;
      const space = msg.payload.indexOf(' ');
      if (space > 0 && msg.payload.slice(0, space) === schema) waiters.wake(msg.payload.slice(space + 1));
    });
    c.on('error', (err) => {
      onError(err);
      dropped(c);
    });
    c.on('end', () => dropped(c));
    try {
      await c.connect();
      const { rows } = await c.query<{ schema: string }>('select current_schema() as schema');
      schema = rows[0]?.schema ?? 'public';
      await c.query(`listen ${BOOKING_CHANNEL}`);
    } catch (err) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    retryMs = RETRY_MIN_MS;
    waiters.wakeAll(); // anything sent while no connection listened is lost: every waiter reads again
  };

  const dropped = (c: pg.Client): void => {
    if (client !== c) return;
    client = undefined;
    c.end().catch(() => undefined);
    if (!closed) schedule();
  };

  const schedule = (): void => {
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((err: unknown) => {
        onError(err);
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
        if (!closed) schedule();
      });
    }, retryMs);
    retry.unref();
  };

  await connect();
  return {
    watch: (id, wake) => waiters.watch(id, wake),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
