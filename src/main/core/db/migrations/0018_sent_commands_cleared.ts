import { keptPayload, keptResult, payloadSha256 } from '../outboxKept';
import type { Migration } from './migration';

/**
 * A sent command keeps only its ids and the SHA-256 of its payload as sent (outboxKept.ts): the people's data in the
 * commands already sent are cleared here, as the sync engine clears them from now on when the cloud answers.
 */
export const migration: Migration = {
  version: 18,
  name: 'sent commands keep their ids and the hash of their payload, not the people in them',
  up(db) {
    db.exec(`ALTER TABLE outbox ADD COLUMN payload_sha256 TEXT`);
    // in pages of rows (a kiosk's year of sent commands, photos among them, is not read into memory at once)
    const page = db.prepare(`SELECT seq, kind, payload, result FROM outbox WHERE state = 'sent' AND seq > ? ORDER BY seq LIMIT 200`);
    const clear = db.prepare(`UPDATE outbox SET payload = ?, payload_sha256 = ?, result = ? WHERE seq = ?`);
    for (let after = -1; ;) {
      const rows = page.all(after) as { seq: number; kind: string; payload: string; result: string | null }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const result = r.result !== null ? keptResult(r.result) : null;
        clear.run(JSON.stringify(keptPayload(r.kind, JSON.parse(r.payload) as unknown)), payloadSha256(r.payload), result, r.seq);
      }
      after = rows[rows.length - 1]!.seq;
    }
  },
};
