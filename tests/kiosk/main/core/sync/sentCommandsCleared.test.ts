/**
 * A sent command keeps no person's data (src/main/core/db/outboxKept.ts): once the cloud took a check-in or a walk-in,
 * its row holds its id, kind, state, signature, the ids it was about and the SHA-256 of what was sent — no name, phone,
 * ID number, temperature — nor the booking the cloud sent back with its answer. Cleared as the answer is recorded; a
 * retried registration is still answered from it; a database of version 17 is cleared as it is migrated.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { migrate } from '../../../../../src/main/core/db/migrations';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { newResidentId } from '../../../../support/kiosk/hostWalkIns';
import { output, tempDir } from '../../../../support/kiosk/helpers';
import { oneDayBooking } from '../../../../support/kiosk/oneDayBooking';

/** every stored text of the outbox's rows in this state */
const rowsText = (core: KioskCore, state: string): string => JSON.stringify(core.db.prepare('SELECT * FROM outbox WHERE state = ?').all(state));

describe('sent commands keep no person’s data (real cloud)', () => {
  const kiosks = useCloudKiosks('Privacy desk');

  it('a sent check-in and walk-in hold their ids and hash, no name, phone, ID number or temperature; a retry still answers', async () => {
    const booking = await oneDayBooking(kiosks.cloud);
    const core = await kiosks.enrolledCore();
    await core.checkIn.confirmCheckIn({ bookingId: booking.id, temperatureC: 36.7 });
    const idNumber = newResidentId();
    const request = {
      registrationId: randomUUID(),
      lead: { identity: { source: 'typed' as const, name: '钟十一', idType: 'resident_id' as const, idNumber }, phone: '13700003333' },
      companions: [],
      hostId: 'host_demo_liming',
      reason: '商务洽谈',
    };
    const registered = output('walkin.register', await dispatchIpcCall(core, 'walkin.register', request));
    const pending = rowsText(core, 'pending');
    for (const secret of ['钟十一', idNumber, '13700003333', '36.7']) expect(pending).toContain(secret);
    const sentPayloads = core.db.prepare(`SELECT id, payload FROM outbox`).all() as { id: string; payload: string }[];

    expect(await core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    const sent = rowsText(core, 'sent');
    for (const secret of [booking.visitorName, booking.visitorPhone, '钟十一', idNumber, '13700003333', '36.7', 'temperature']) {
      expect(sent).not.toContain(secret);
    }
    const entries = allCommands(core.db, core.identity()!.kioskId);
    expect(entries.map((e) => [e.command.kind, e.state])).toEqual([
      ['checkin', 'sent'],
      ['registerWalkIn', 'sent'],
    ]);
    expect(entries[0]!.command.payload).toEqual({ bookingId: booking.id, visitId: expect.any(String), passId: expect.any(String), partySize: 1 });
    expect(entries[1]!.command.payload).toMatchObject({ bookingId: registered.bookingId, code: registered.code, approval: 'desk', companions: [] });
    for (const e of entries) {
      const before = sentPayloads.find((p) => p.id === e.command.id)!.payload;
      expect(e.command).toMatchObject({ payloadSha256: createHash('sha256').update(before).digest('hex') });
      expect(e.result).toMatchObject({ status: 'applied' });
      expect(e.result?.booking).toBeUndefined();
    }

    // the same registration sent again (a retry at the desk) is answered from what was kept, not registered twice
    const again = output('walkin.register', await dispatchIpcCall(core, 'walkin.register', request));
    expect(again).toMatchObject({ registrationId: registered.registrationId, bookingId: registered.bookingId, code: registered.code });
    expect(again.passes.map((p) => p.visit.id)).toEqual(registered.passes.map((p) => p.visit.id));
  });

  it('a database of version 17 has its sent commands cleared as it is migrated; pending and conflicts keep theirs', () => {
    const t = tempDir();
    try {
      const raw = new Database(join(t.dir, 'kiosk.sqlite'));
      migrate(raw, 17);
      const insert = raw.prepare(`INSERT INTO outbox (id, kind, payload, at, signature, state, result) VALUES (?, 'checkin', ?, ?, ?, ?, ?)`);
      const payload = (name: string) => JSON.stringify({ bookingId: 'bk_1', visitId: randomUUID(), passId: 'p1', partySize: 1, temperatureC: 36.6, name });
      const sentPayload = payload('孔十二');
      insert.run(
        randomUUID(),
        sentPayload,
        '2026-11-22T02:00:00.000Z',
        'A'.repeat(86),
        'sent',
        JSON.stringify({ id: 'x', status: 'applied', booking: { visitor: { name: '孔十二' } } }),
      );
      insert.run(randomUUID(), payload('孔十三'), '2026-11-22T02:01:00.000Z', 'A'.repeat(86), 'conflict', JSON.stringify({ id: 'y', status: 'conflict' }));
      insert.run(randomUUID(), payload('孔十四'), '2026-11-22T02:02:00.000Z', 'A'.repeat(86), 'pending', null);
      migrate(raw);
      const rows = raw.prepare('SELECT state, payload, payload_sha256, result FROM outbox ORDER BY seq').all() as Record<string, string | null>[];
      raw.close();
      expect(JSON.stringify(rows[0])).not.toMatch(/孔十二|36\.6/);
      expect(rows[0]).toMatchObject({ state: 'sent', payload_sha256: createHash('sha256').update(sentPayload).digest('hex') });
      expect(JSON.parse(rows[0]!.payload!)).toEqual({ bookingId: 'bk_1', visitId: expect.any(String), passId: 'p1', partySize: 1 });
      expect(rows[1]).toMatchObject({ state: 'conflict', payload_sha256: null, payload: expect.stringContaining('孔十三') });
      expect(rows[2]).toMatchObject({ state: 'pending', payload_sha256: null, payload: expect.stringContaining('孔十四') });
    } finally {
      t.cleanup();
    }
  });
});
