import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KioskList } from '../../../../src/shared/adminApi';
import type { ConflictList } from '../../../../src/shared/api';
import type { Booking } from '../../../../src/shared/domain';
import { generatePassKeyPair } from '../../../../src/shared/pass';
import { PullResponse, PushResponse } from '../../../../src/shared/sync';
import type { z } from 'zod';
import { runSweepJob } from '../../../../src/cloud/services/sweepJob';
import { ADMIN_TOKEN, checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand, T0, type Kiosk } from '../../../support/cloud/harness';

type Pull = z.infer<typeof PullResponse>;
type Pushed = z.infer<typeof PushResponse>;

describe.each(DIALECTS)('kiosk sync (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const pull = async (kiosk: Kiosk, cursor?: string, limit?: number): Promise<Pull> => {
    const qs = new URLSearchParams();
    if (cursor !== undefined) qs.set('cursor', cursor);
    if (limit !== undefined) qs.set('limit', String(limit));
    const res = await env.request('GET', `/sync/pull?${qs}`, { token: kiosk.credential });
    expect(res.statusCode, res.body).toBe(200);
    // the reply is written without the schema (builtReply): the schema would change nothing of it
    const body = res.json<Pull>();
    expect(PullResponse.parse(body)).toStrictEqual(body);
    return body;
  };
  const push = async (kiosk: Kiosk, commands: unknown[], token = kiosk.credential) => {
    const res = await env.request('POST', '/sync/push', { token, body: { commands } });
    if (res.statusCode === 200) expect(PushResponse.parse(res.json())).toStrictEqual(res.json());
    return res;
  };

  describe('pull', () => {
    it('needs a kiosk credential', async () => {
      expect((await env.request('GET', '/sync/pull')).statusCode).toBe(401);
      expect((await env.request('GET', '/sync/pull', { token: ADMIN_TOKEN })).statusCode).toBe(403);
    });

    it('returns everything first, then only what changed after the cursor', async () => {
      const host = await env.createHost();
      const b1 = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      const first = await pull(kiosk);
      expect(first.site).toEqual({ id: 'site_test', name: '测试园区', timezone: 'Asia/Shanghai' });
      expect(first.bookings.map((b) => b.id)).toEqual([b1.id]);
      expect(first.hosts).toEqual([host]); // full record including the phone
      expect((first.passKeys ?? []).map((k) => k.issuer).sort()).toEqual(['cloud', `kiosk:${kiosk.kioskId}`]);
      expect(first.hasMore).toBe(false);

      const again = await pull(kiosk, first.cursor);
      expect(again.bookings).toEqual([]);
      expect(again.hosts).toEqual([]);

      const b2 = await env.createBooking(host);
      await env.decide(b1.id, 'approve'); // 409, changes nothing
      const next = await pull(kiosk, first.cursor);
      expect(next.bookings.map((b) => b.id)).toEqual([b2.id]);
      expect(next.bookings[0]!.status).toBe('pending');
      const cancelled = await env.request('POST', `/bookings/${b1.id}/cancel`, { token: ADMIN_TOKEN });
      expect(cancelled.statusCode).toBe(200);
      const after = await pull(kiosk, next.cursor);
      expect(after.bookings.map((b) => [b.id, b.status])).toEqual([[b1.id, 'cancelled']]);
    });

    it('pages with hasMore when the limit is hit', async () => {
      const host = await env.createHost();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await env.createBooking(host)).id);
      const kiosk = await env.enrolKiosk();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await pull(kiosk, cursor, 2);
        pages++;
        seen.push(...page.bookings.map((b) => b.id), ...page.hosts.map((h) => h.id));
        expect(page.bookings.length + page.hosts.length + page.blacklist.length).toBeLessThanOrEqual(2);
        cursor = page.cursor;
        if (!page.hasMore) break;
        expect(pages).toBeLessThan(10);
      }
      expect(pages).toBe(3); // 1 host + 5 bookings, two per page
      expect(new Set(seen).size).toBe(seen.length); // nothing twice
      expect([...seen].sort()).toEqual([host.id, ...ids].sort());
      expect((await pull(kiosk, cursor)).bookings).toEqual([]);
    });

    it('a first pull pages the window once (by window end), and what changes meanwhile still arrives after it', async () => {
      const host = await env.createHost();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await env.createBooking(host)).id);
      const kiosk = await env.enrolKiosk();
      const last = new Map<string, string>();
      const seen: string[] = [];
      const take = (page: Pull) => {
        for (const b of page.bookings) {
          seen.push(b.id);
          last.set(b.id, b.status);
        }
      };
      let page = await pull(kiosk, undefined, 2);
      take(page);
      expect(page.hasMore).toBe(true);
      // mid-snapshot: one booking already sent is cancelled, one not yet sent is cancelled, one is booked anew
      const sent = page.bookings[0]!.id;
      const notYet = ids.find((id) => !last.has(id))!;
      for (const id of [sent, notYet]) expect((await env.request('POST', `/bookings/${id}/cancel`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
      const added = (await env.createBooking(host)).id;
      for (let pages = 1; page.hasMore; pages++) {
        expect(pages).toBeLessThan(12);
        page = await pull(kiosk, page.cursor, 2);
        take(page);
      }
      expect(new Set(seen)).toEqual(new Set([...ids, added]));
      expect(last.get(sent)).toBe('cancelled');
      expect(last.get(notYet)).toBe('cancelled');
      // sent at most twice: once by the snapshot, once more only if it changed after the snapshot began (three did)
      expect(seen.length).toBeLessThanOrEqual(ids.length + 1 + 3);
      expect(seen.filter((id) => id !== sent && id !== notYet && id !== added)).toHaveLength(ids.length - 2);
      expect((await pull(kiosk, page.cursor)).bookings).toEqual([]);
    });

    it('a cursor numbered past the counter (a database restored from an older backup) starts again from the window', async () => {
      const host = await env.createHost();
      const b1 = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      let page = await pull(kiosk);
      while (page.hasMore) page = await pull(kiosk, page.cursor);
      const { s, d } = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as { s: number; d: string };
      const ahead = Buffer.from(JSON.stringify({ s: s + 1000, d })).toString('base64url');
      const again = await pull(kiosk, ahead);
      expect(again.bookings.map((b) => b.id)).toEqual([b1.id]);
      expect(again.hosts.map((h) => h.id)).toEqual([host.id]);
    });

    it('a cursor naming a snapshot position without its counter is refused', async () => {
      const kiosk = await env.enrolKiosk();
      const forged = Buffer.from(JSON.stringify({ s: 0, d: '2026-01-01', w: ['2026-01-01T00:00:00.000Z', 'bk_x'] })).toString('base64url');
      const res = await env.request('GET', `/sync/pull?cursor=${forged}`, { token: kiosk.credential });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: string }>().error).toBe('cursor_invalid');
    });

    it('only sends bookings whose window touches yesterday..today+7 in the site zone', async () => {
      const host = await env.createHost();
      // each booked while its window was still ahead (a window may not have ended when it is booked)
      const at = async (start: string, end: string) => {
        env.clock = new Date(Date.parse(start) - 3600_000);
        const b = await env.createBooking(host, { windowStart: start, windowEnd: end });
        env.clock = new Date(T0);
        return b;
      };
      const yesterday = await at('2026-11-21T01:00:00.000Z', '2026-11-21T03:00:00.000Z'); // 11-21 local
      const tooOld = await at('2026-11-20T01:00:00.000Z', '2026-11-20T03:00:00.000Z'); // 11-20 local
      const day7 = await at('2026-11-29T02:00:00.000Z', '2026-11-29T03:00:00.000Z'); // 11-29 local
      const day8 = await at('2026-11-30T02:00:00.000Z', '2026-11-30T03:00:00.000Z'); // 11-30 local
      // 2026-11-20 23:30 local = 15:30Z (ends before the window); 11-21 00:30 local = 16:30Z on 11-20 (inside)
      const lateOld = await at('2026-11-20T15:00:00.000Z', '2026-11-20T15:30:00.000Z');
      const earlyIn = await at('2026-11-20T16:10:00.000Z', '2026-11-20T16:30:00.000Z');
      const kiosk = await env.enrolKiosk();
      const ids = (await pull(kiosk)).bookings.map((b) => b.id).sort();
      expect(ids).toEqual([yesterday.id, day7.id, earlyIn.id].sort());
      expect(ids).not.toContain(tooOld.id);
      expect(ids).not.toContain(day8.id);
      expect(ids).not.toContain(lateOld.id);
    });

    it('syncs blacklist entries as hashes only, and their deactivation', async () => {
      const kiosk = await env.enrolKiosk();
      const start = await pull(kiosk);
      const res = await env.request('POST', '/admin/blacklist', {
        token: ADMIN_TOKEN,
        body: { idNumber: '11010519491231002x', phone: '13912345678', reason: '冒用他人证件' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.body).not.toContain('13912345678');
      expect(res.body.toUpperCase()).not.toContain('11010519491231002X');
      const entry = res.json<{ id: string }>();
      const next = await pull(kiosk, start.cursor);
      expect(next.blacklist).toEqual([
        expect.objectContaining({
          id: entry.id,
          active: true,
          idNumberHash: createHash('sha256').update('11010519491231002X').digest('hex'),
          phoneHash: createHash('sha256').update('13912345678').digest('hex'),
        }),
      ]);
      const stored = await env.kysely.selectFrom('blacklist').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain('13912345678');
      expect((await env.request('POST', `/admin/blacklist/${entry.id}/deactivate`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
      const last = await pull(kiosk, next.cursor);
      expect(last.blacklist.map((b) => [b.id, b.active])).toEqual([[entry.id, false]]);
    });

    it('rejects a cursor it did not make', async () => {
      const kiosk = await env.enrolKiosk();
      const res = await env.request('GET', '/sync/pull?cursor=%27%3B%20drop%20table%20bookings', { token: kiosk.credential });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'cursor_invalid' });
    });
  });

  describe('push', () => {
    it('applies a check-in exactly once: the same id twice gives one arrival and a duplicate', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      const cmd = await signCommand(kiosk, checkin(kiosk, b.id));
      const first = await push(kiosk, [cmd]);
      expect(first.statusCode, first.body).toBe(200);
      const r1 = first.json<Pushed>().results[0]!;
      expect(r1).toMatchObject({ id: cmd.id, status: 'applied' });
      expect(r1.booking).toMatchObject({ status: 'arrived', arrivedAt: '2026-11-22T02:05:00.000Z' });
      const second = await push(kiosk, [cmd, cmd]);
      expect(second.json<Pushed>().results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(await env.count('applied_commands')).toBe(1);
      const row = await env.kysely.selectFrom('bookings').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'arrived', arrived_at: '2026-11-22T02:05:00.000Z', arrived_kiosk_id: kiosk.kioskId });
    });

    it('records a conflict when two kiosks check in the same booking, and lists it for staff', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const k1 = await env.enrolKiosk('东门');
      const k2 = await env.enrolKiosk('西门');
      const [c1, c2] = await Promise.all([signCommand(k1, checkin(k1, b.id)), signCommand(k2, checkin(k2, b.id, { at: '2026-11-22T02:06:00.000Z' }))]);
      const [p1, p2] = await Promise.all([push(k1, [c1]), push(k2, [c2])]);
      const statuses = [p1.json<Pushed>().results[0]!, p2.json<Pushed>().results[0]!];
      expect(statuses.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
      expect(statuses.find((r) => r.status === 'conflict')!.code).toBe('already_arrived');
      // sent again (its first answer lost on the way): answered as the conflict it was, not as a duplicate done
      const loser = statuses[0]!.status === 'conflict' ? ([k1, c1] as const) : ([k2, c2] as const);
      const again = (await push(loser[0], [loser[1]])).json<Pushed>().results[0]!;
      expect(again).toMatchObject({ status: 'conflict', code: 'already_arrived' });
      const conflicts = await env.request('GET', '/admin/conflicts', { token: ADMIN_TOKEN });
      const list = conflicts.json<z.infer<typeof ConflictList>>().conflicts;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ bookingId: b.id, status: 'conflict', code: 'already_arrived' });
      expect(['东门', '西门']).toContain(list[0]!.kioskName);
      const audit = await env.kysely.selectFrom('audit_log').select('action').where('action', '=', 'command.conflict').execute();
      expect(audit).toHaveLength(1);
      expect((await env.request('GET', '/admin/conflicts', { token: k1.credential })).statusCode).toBe(403);
    });

    it('answers conflicts for cancelled, pending and rejected bookings and rejects unknown ones', async () => {
      const host = await env.createHost();
      const cancelled = await env.approvedBooking(host);
      await env.request('POST', `/bookings/${cancelled.id}/cancel`, { token: ADMIN_TOKEN });
      const pending = await env.createBooking(host);
      const rejected = await env.createBooking(host);
      await env.decide(rejected.id, 'reject', 'no');
      const kiosk = await env.enrolKiosk();
      const cmds = await Promise.all([cancelled.id, pending.id, rejected.id, 'bk_nope'].map((id) => signCommand(kiosk, checkin(kiosk, id))));
      const res = await push(kiosk, cmds);
      expect(res.json<Pushed>().results.map((r) => [r.status, r.code])).toEqual([
        ['conflict', 'booking_cancelled'],
        ['conflict', 'booking_not_approved'],
        ['conflict', 'booking_rejected'],
        ['rejected', 'booking_unknown'],
      ]);
      const statuses = await env.kysely.selectFrom('bookings').select('status').orderBy('created_at').execute();
      expect(statuses.every((s) => s.status !== 'arrived')).toBe(true);
      expect(await env.count('applied_commands')).toBe(4);
      // the kiosk list counts them (one query with the kiosks)
      const listed = (await env.request('GET', '/admin/kiosks', { token: ADMIN_TOKEN })).json<KioskList>().kiosks;
      expect(listed.map((k) => [k.id, k.conflicts])).toEqual([[kiosk.kioskId, 4]]);
    });

    it('checks out an arrived booking', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      const visitId = randomUUID();
      await push(kiosk, [await signCommand(kiosk, checkin(kiosk, b.id, { visitId }))]);
      const out = await signCommand(kiosk, {
        id: randomUUID(),
        kioskId: kiosk.kioskId,
        at: '2026-11-22T03:00:00.000Z',
        kind: 'checkout',
        payload: { visitId },
      });
      const res = await push(kiosk, [out]);
      expect(res.json<Pushed>().results[0]).toMatchObject({ status: 'applied', booking: { status: 'left', leftAt: '2026-11-22T03:00:00.000Z' } });
      const row = await env.kysely.selectFrom('bookings').select(['status', 'left_at']).where('id', '=', b.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'left', left_at: '2026-11-22T03:00:00.000Z' });
    });

    it('accepts an offline check-in made inside the window even after the expiry sweep', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      const late = await env.createBooking(host, { windowStart: '2026-11-22T10:00:00.000Z', windowEnd: '2026-11-22T11:00:00.000Z' });
      env.clock = new Date('2026-11-22T12:00:00.000Z');
      await runSweepJob(env.kysely, env.db.dialect, env.clock); // the periodic job: b expired
      const ok = await push(kiosk, [await signCommand(kiosk, checkin(kiosk, b.id, { at: '2026-11-22T08:00:00.000Z' }))]);
      expect(ok.json<Pushed>().results[0]).toMatchObject({ status: 'applied', booking: { status: 'arrived' } });
      expect((await env.decide(late.id, 'approve')).statusCode).toBe(409); // cannot approve: its window has ended
    });

    it('rejects a malformed command with 400 and stores nothing', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      const good = await signCommand(kiosk, checkin(kiosk, b.id));
      const bad = { ...(await signCommand(kiosk, checkin(kiosk, b.id))), payload: { bookingId: b.id } };
      const res = await push(kiosk, [good, bad]);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'command_malformed' });
      expect(res.json<{ details: unknown }>().details).toBeDefined();
      expect(await env.count('applied_commands')).toBe(0);
      expect((await env.kysely.selectFrom('bookings').select('status').executeTakeFirstOrThrow()).status).toBe('approved');
      const unparseable = await env.request('POST', '/sync/push', { token: kiosk.credential, rawBody: '{"commands": [' });
      expect([unparseable.statusCode, unparseable.json<{ error: string }>().error]).toEqual([400, 'command_malformed']);
      expect((await push(kiosk, [])).statusCode).toBe(400);
    });

    it('refuses unsigned, wrongly signed and other kiosks’ commands whole (401/403), storing nothing', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const kiosk = await env.enrolKiosk();
      const other = await env.enrolKiosk('别的');
      const good = await signCommand(kiosk, checkin(kiosk, b.id));
      const { sig: _drop, ...unsigned } = await signCommand(kiosk, checkin(kiosk, b.id));
      const stranger = await generatePassKeyPair();
      const forged = await signCommand(kiosk, checkin(kiosk, b.id), stranger.privateKey);
      const tampered = { ...good, id: randomUUID(), payload: { ...good.payload, partySize: 9 } };
      const othersCmd = await signCommand(other, checkin(other, b.id));

      const r1 = await push(kiosk, [good, unsigned]);
      expect([r1.statusCode, r1.json<{ error: string }>().error]).toEqual([401, 'command_bad_signature']);
      const r2 = await push(kiosk, [good, forged]);
      expect([r2.statusCode, r2.json<{ error: string }>().error]).toEqual([401, 'command_bad_signature']);
      const r3 = await push(kiosk, [good, tampered]);
      expect(r3.statusCode).toBe(401);
      // a push of many: the first bad one named, nothing applied
      const many: unknown[] = Array.from({ length: 19 }, () => good);
      many[5] = forged;
      many[9] = tampered;
      const r6 = await push(kiosk, many);
      expect([r6.statusCode, r6.json<{ error: string; details: unknown }>()]).toEqual([
        401,
        expect.objectContaining({ error: 'command_bad_signature', details: { id: forged.id } }),
      ]);
      const r4 = await push(kiosk, [good, othersCmd]);
      expect([r4.statusCode, r4.json<{ error: string }>().error]).toEqual([403, 'command_wrong_kiosk']);
      // another kiosk's own credential cannot push this kiosk's (validly signed) command either
      const r5 = await push(other, [good], other.credential);
      expect(r5.statusCode).toBe(403);
      expect((await push(kiosk, [good], 'not-a-credential')).statusCode).toBe(401);

      expect(await env.count('applied_commands')).toBe(0);
      const row = await env.kysely.selectFrom('bookings').select('status').where('id', '=', b.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('approved');
      // and the good one still applies afterwards
      expect((await push(kiosk, [good])).json<Pushed>().results[0]!.status).toBe('applied');
    });

    it('shows the arrival to other kiosks on their next pull', async () => {
      const host = await env.createHost();
      const b = await env.approvedBooking(host);
      const k1 = await env.enrolKiosk();
      const k2 = await env.enrolKiosk();
      const start = await pull(k2);
      await push(k1, [await signCommand(k1, checkin(k1, b.id))]);
      const next = await pull(k2, start.cursor);
      expect(next.bookings.map((x: Booking) => [x.id, x.status])).toEqual([[b.id, 'arrived']]);
    });
  });
});
