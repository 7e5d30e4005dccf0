/**
 * The commands a kiosk core queued, as queued: a sent command keeps only its ids (src/main/core/db/outboxKept.ts), so a
 * test that reads what a command carried taps the outbox's inserts with a TEMP trigger on the core's connection.
 */
import type { KioskCore } from '../../../src/main/core/kioskCore';

export interface QueuedCommand {
  command: { id: string; kind: string; payload: unknown };
}

/** Starts recording what `core` queues from now on (idempotent). */
export function tapQueuedCommands(core: KioskCore): void {
  core.db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS queued_commands (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL);
    CREATE TEMP TRIGGER IF NOT EXISTS queued_commands_tap AFTER INSERT ON main.outbox
      BEGIN INSERT INTO queued_commands (id, kind, payload) VALUES (NEW.id, NEW.kind, NEW.payload); END;
  `);
}

/** What `core` queued of this kind since tapQueuedCommands, oldest first, payloads whole. */
export function queuedCommands(core: KioskCore, kind: string): QueuedCommand[] {
  const rows = core.db.prepare('SELECT id, kind, payload FROM temp.queued_commands WHERE kind = ? ORDER BY seq').all(kind) as {
    id: string;
    kind: string;
    payload: string;
  }[];
  return rows.map((r) => ({ command: { id: r.id, kind: r.kind, payload: JSON.parse(r.payload) as unknown } }));
}
