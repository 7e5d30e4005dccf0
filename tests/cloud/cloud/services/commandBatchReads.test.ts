/**
 * What a batch of kiosk pushes reads and writes together (src/cloud/services/commandReads.ts, issue 12), on SQLite
 * and PostgreSQL: the answers and the tables are what the commands applied one by one would leave — two check-ins of
 * one person in one batch make one library row, a refusal by the blacklist is a conflict with its hit recorded, a
 * check-in, a passage (a kind the batch does not hold) and a check-out of one booking in one batch all apply in order,
 * every command has its applied row, its audit entry and (an arrival) its host's message; a command id another kiosk
 * used in the batch is refused, a companion on the blacklist refuses, a second exit after the sweep is already_left; a
 * row held that cannot be written fails its own command only (the batch redone); a booking written other than
 * by a move is read again; a move from a row changed since it was read writes nothing; a batch's moves are held until
 * its flush, which fails when a row changed in between; a check-out naming only its visit finds the batch's own
 * arrival — and a check-in costs no statement of its own: its library row and its booking's move are written with the
 * batch's others, the rest read once a batch.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { KioskPrincipal } from '../../../../src/cloud/auth';
import type { CloudSchema } from '../../../../src/cloud/db/schema';
import { moveBookingRow } from '../../../../src/cloud/repositories/bookings';
import { CommandBatches } from '../../../../src/cloud/services/commandBatches';
import { CommandReads } from '../../../../src/cloud/services/commandReads';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { Host } from '../../../../src/shared/domain';
import type { UnsignedCommand } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, checkin, DIALECTS, freshEnvPerTest, signCommand, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';
import { COMPANION_ID } from '../../../support/cloud/walkInFixtures';

describe.each(DIALECTS)('a batch of kiosk commands read and written together (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  let host: Host;
  let kiosk: Kiosk;
  let principal: KioskPrincipal;
  const setUp = async () => {
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
    principal = { kind: 'kiosk', kioskId: kiosk.kioskId, siteId: env.siteId, publicKey: kiosk.keys.publicKey };
  };
  /** the statements run through `db` (begin and commit are the driver's, not counted) */
  const counted = (): { db: Kysely<CloudSchema>; statements: () => number } => {
    let n = 0;
    const db = env.kysely.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        n += 1;
        return Promise.resolve(args.result);
      },
    });
    return { db, statements: () => n };
  };
  const status = async (id: string) => await env.kysely.selectFrom('bookings').select(['status', 'visitor_id']).where('id', '=', id).executeTakeFirstOrThrow();

  it('leaves what the commands applied one by one would: one library row a person, refusals, a booking moved twice, every row written', async () => {
    await setUp();
    const [a, b] = [await env.approvedBooking(host), await env.approvedBooking(host)]; // one person, two bookings
    const refused = await env.approvedBooking(host, { visitor: { name: '李四', phone: '13700001111', idType: 'resident_id', idNumber: COMPANION_ID } });
    const d = await env.approvedBooking(host, { visitor: { name: '王五', phone: '13600002222' } });
    const res = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { idNumber: COMPANION_ID, reason: '曾冒用他人证件' } });
    expect(res.statusCode, res.body).toBe(201);
    const auditBefore = Number(
      (
        await env.kysely
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const visitId = randomUUID();
    const at = (minute: number) => `2026-11-22T02:${String(minute).padStart(2, '0')}:00.000Z`;
    const dCommands: UnsignedCommand[] = [
      checkin(kiosk, d.id, { visitId, at: at(5) }),
      { id: randomUUID(), kioskId: kiosk.kioskId, at: at(6), kind: 'passage', payload: { bookingId: d.id, passId: visitId, direction: 'entry' } },
      { id: randomUUID(), kioskId: kiosk.kioskId, at: at(7), kind: 'checkout', payload: { bookingId: d.id, visitId } },
    ];
    const sign = (cmds: UnsignedCommand[]) => Promise.all(cmds.map((c) => signCommand(kiosk, c)));
    const [first, second, third] = [await sign([checkin(kiosk, a.id), checkin(kiosk, b.id)]), await sign([checkin(kiosk, refused.id)]), await sign(dCommands)];
    const batches = new CommandBatches(env.kysely, () => new Date(env.clock));
    const replies = await Promise.all([batches.apply(principal, first), batches.apply(principal, second), batches.apply(principal, third)]);
    expect(batches.batches).toBe(1);
    expect(batches.redone).toBe(0);
    expect(replies.map((r) => r.map((x) => [x.status, x.code ?? null]))).toEqual([
      [
        ['applied', null],
        ['applied', null],
      ],
      [['conflict', 'blacklisted']],
      [
        ['applied', null],
        ['applied', null],
        ['applied', null],
      ],
    ]);
    expect(replies[2][2]?.booking).toMatchObject({ id: d.id, status: 'left' });

    // one library row for the person of a and b (the second check-in found the first one's row), one for d's
    const [sa, sb, sr, sd] = [await status(a.id), await status(b.id), await status(refused.id), await status(d.id)];
    expect([sa.status, sb.status, sr.status, sd.status]).toEqual(['arrived', 'arrived', 'approved', 'left']);
    const library = await env.kysely.selectFrom('visitors').select(['id', 'person_key']).where('site_id', '=', env.siteId).orderBy('person_key').execute();
    expect(library).toEqual([
      { id: sa.visitor_id, person_key: `id:${blacklistIdNumberKey('11010519491231002X')}` },
      { id: sd.visitor_id, person_key: `phone:${blacklistPhoneKey('13600002222')}` },
    ]);
    expect(sb.visitor_id).toBe(sa.visitor_id);
    // every command once, in its applied row and the audit; the refusal's hit; a message to the host per arrival
    const ids = replies.flat().map((r) => r.id);
    expect((await env.kysely.selectFrom('applied_commands').select('id').execute()).map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(await env.count('audit_log')).toBe(auditBefore + ids.length);
    const hits = await env.kysely.selectFrom('blacklist_hits').select(['source', 'outcome']).execute();
    expect(hits).toEqual([{ source: 'kiosk', outcome: 'refused' }]);
    const messages = await env.kysely.selectFrom('notification_outbox').select('booking_id').where('kind', '=', 'arrival').execute();
    expect(messages.map((m) => m.booking_id).sort()).toEqual([a.id, b.id, d.id].sort());
    expect(await env.kysely.selectFrom('passages').select('booking_id').execute()).toEqual([{ booking_id: d.id }]);
  });

  it('a command id another kiosk used in the same batch, a companion on the blacklist, two exits after the sweep: as alone', async () => {
    await setUp();
    const other = await env.enrolKiosk('前台二号');
    const otherPrincipal: KioskPrincipal = { kind: 'kiosk', kioskId: other.kioskId, siteId: env.siteId, publicKey: other.keys.publicKey };
    const swept = await env.approvedBooking(host);
    const withCompanion = await env.approvedBooking(host, { companions: [{ name: '钱七', phone: '13600003333' }], groupSize: 2 });
    const reused = await env.approvedBooking(host);
    const res = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { phone: '13600003333', reason: '需前台陪同', level: 'refuse' } });
    expect(res.statusCode, res.body).toBe(201);
    // checked in, then closed by the end-of-window sweep; two exits made inside the window reach the cloud together
    const visitId = randomUUID();
    const batches = new CommandBatches(env.kysely, () => new Date(env.clock));
    expect(await batches.apply(principal, [await signCommand(kiosk, checkin(kiosk, swept.id, { visitId }))])).toMatchObject([{ status: 'applied' }]);
    await env.kysely.updateTable('bookings').set({ status: 'left', expired_from: 'arrived', left_at: swept.windowEnd }).where('id', '=', swept.id).execute();
    const exit = (minute: number): UnsignedCommand => ({
      id: randomUUID(),
      kioskId: kiosk.kioskId,
      at: `2026-11-22T03:${minute}:00.000Z`,
      kind: 'checkout',
      payload: { bookingId: swept.id, visitId },
    });
    const id = randomUUID();
    const [mine, theirs] = [await signCommand(kiosk, checkin(kiosk, reused.id, { id })), await signCommand(other, checkin(other, reused.id, { id }))];
    const replies = await Promise.all([
      batches.apply(principal, [mine, await signCommand(kiosk, exit(10)), await signCommand(kiosk, exit(20))]),
      batches.apply(otherPrincipal, [theirs, await signCommand(other, checkin(other, withCompanion.id))]),
    ]);
    expect(batches.redone).toBe(0);
    expect(replies.map((r) => r.map((x) => [x.status, x.code ?? null]))).toEqual([
      [
        ['applied', null],
        ['applied', 'exit_after_sweep'],
        ['conflict', 'already_left'],
      ],
      [
        ['rejected', 'command_id_reused'],
        ['conflict', 'blacklisted'],
      ],
    ]);
    expect(await env.kysely.selectFrom('bookings').select('left_at').where('id', '=', swept.id).executeTakeFirstOrThrow()).toEqual({
      left_at: '2026-11-22T03:10:00.000Z',
    });
  });

  it('a row held that cannot be written fails its own command only: the batch applied again command by command', async () => {
    await setUp();
    const [good, bad] = [await env.approvedBooking(host), await env.approvedBooking(host)];
    // the arrival message of `bad` is refused when written (at the batch's end; in the second attempt, at once)
    if (dialect === 'sqlite') {
      await sql`create trigger boom before insert on notification_outbox when new.booking_id = ${sql.lit(bad.id)} begin select raise(abort, 'boom'); end`.execute(
        env.kysely,
      );
    } else {
      await sql`create function boom() returns trigger language plpgsql as $$ begin if new.booking_id = ${sql.lit(bad.id)} then raise exception 'boom'; end if; return new; end $$`.execute(
        env.kysely,
      );
      await sql`create trigger boom before insert on notification_outbox for each row execute function boom()`.execute(env.kysely);
    }
    const batches = new CommandBatches(env.kysely, () => new Date(env.clock));
    const [ok, failed] = await Promise.allSettled([
      batches.apply(principal, [await signCommand(kiosk, checkin(kiosk, good.id))]),
      batches.apply(principal, [await signCommand(kiosk, checkin(kiosk, bad.id))]),
    ]);
    expect(batches.redone).toBe(1);
    expect(ok).toMatchObject({ status: 'fulfilled', value: [{ status: 'applied' }] });
    expect(failed.status).toBe('rejected');
    expect(String((failed as PromiseRejectedResult).reason)).toMatch(/boom/);
    expect([(await status(good.id)).status, (await status(bad.id)).status]).toEqual(['arrived', 'approved']);
  });

  it('a booking written other than by a move is read again, as it now is', async () => {
    await setUp();
    const booking = await env.approvedBooking(host);
    const command = await signCommand(kiosk, checkin(kiosk, booking.id));
    const seen = await env.kysely.transaction().execute(async (trx) => {
      const reads = new CommandReads(trx, [command]);
      const before = (await reads.bookingOfSite(booking.id, env.siteId))?.status;
      const elsewhere = await reads.bookingOfSite(booking.id, 'another site');
      await trx.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', booking.id).execute();
      const held = (await reads.bookingOfSite(booking.id, env.siteId))?.status;
      reads.bookingWritten(booking.id);
      const after = (await reads.bookingOfSite(booking.id, env.siteId))?.status;
      return { before, elsewhere, held, after };
    });
    expect(seen).toEqual({ before: 'approved', elsewhere: undefined, held: 'approved', after: 'cancelled' });
  });

  it('a booking moved from the row read: the row as moved, or nothing when it changed since (its change_seq)', async () => {
    await setUp();
    const booking = await env.approvedBooking(host);
    const read = await env.kysely.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
    const set = { arrived_at: '2026-11-22T02:05:00.000Z', updated_at: '2026-11-22T02:05:01.000Z', change_seq: read.change_seq + 100 };
    // an edit that keeps the status commits first: the move refuses the stale row and writes nothing
    await env.kysely
      .updateTable('bookings')
      .set({ reason: '改期洽谈', change_seq: read.change_seq + 1 })
      .where('id', '=', booking.id)
      .execute();
    expect(await moveBookingRow(env.kysely, read, 'arrive', set)).toBeUndefined();
    const fresh = await env.kysely.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
    expect(fresh).toMatchObject({ status: 'approved', arrived_at: null, reason: '改期洽谈' });
    const moved = await moveBookingRow(env.kysely, fresh, 'arrive', set);
    expect(moved).toEqual(await env.kysely.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow());
    expect(moved).toMatchObject({ status: 'arrived', ...set, reason: '改期洽谈' });
  });

  it('holds its moves until the flush, the row kept as moved; a row changed since it was read fails the flush', async () => {
    await setUp();
    const [a, b, c] = [await env.approvedBooking(host), await env.approvedBooking(host), await env.approvedBooking(host)];
    const set = (seq: number) => ({ arrived_at: '2026-11-22T02:05:00.000Z', updated_at: '2026-11-22T02:05:01.000Z', change_seq: seq });
    const commands = await Promise.all([a, b].map((bk) => signCommand(kiosk, checkin(kiosk, bk.id))));
    await env.kysely.transaction().execute(async (trx) => {
      const reads = new CommandReads(trx, commands);
      for (const id of [a.id, b.id]) {
        const row = (await reads.bookingOfSite(id, env.siteId))!;
        const moved = await reads.moveBooking(row, 'arrive', set(row.change_seq + 50));
        expect(moved).toMatchObject({ status: 'arrived', arrived_at: '2026-11-22T02:05:00.000Z' });
        expect(await reads.bookingOfSite(id, env.siteId)).toEqual(moved);
        expect(await reads.bookingOfSite(id, 'another site')).toBeUndefined();
      }
      // not written yet
      expect((await trx.selectFrom('bookings').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()).status).toBe('approved');
      await reads.flush();
    });
    for (const bk of [a, b]) {
      const row = await env.kysely.selectFrom('bookings').select(['status', 'arrived_at', 'change_seq']).where('id', '=', bk.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'arrived', arrived_at: '2026-11-22T02:05:00.000Z', change_seq: expect.any(Number) as number });
    }
    const command = await signCommand(kiosk, checkin(kiosk, c.id));
    await expect(
      env.kysely.transaction().execute(async (trx) => {
        const reads = new CommandReads(trx, [command]);
        const row = (await reads.bookingOfSite(c.id, env.siteId))!;
        await reads.moveBooking(row, 'arrive', set(row.change_seq + 50));
        // an edit that keeps the status, in between
        await trx
          .updateTable('bookings')
          .set({ reason: '改期洽谈', change_seq: row.change_seq + 1 })
          .where('id', '=', c.id)
          .execute();
        await reads.flush();
      }),
    ).rejects.toThrow(/a booking changed while its batch was applied/);
    expect(await env.kysely.selectFrom('bookings').select(['status', 'reason']).where('id', '=', c.id).executeTakeFirstOrThrow()).toMatchObject({
      status: 'approved',
    });
  });

  it('a check-out that names only its visit finds the arrival of the same batch, not yet written', async () => {
    await setUp();
    const booking = await env.approvedBooking(host);
    const visitId = randomUUID();
    const out: UnsignedCommand = { id: randomUUID(), kioskId: kiosk.kioskId, at: '2026-11-22T02:07:00.000Z', kind: 'checkout', payload: { visitId } };
    const commands = await Promise.all([checkin(kiosk, booking.id, { visitId, at: '2026-11-22T02:05:00.000Z' }), out].map((c) => signCommand(kiosk, c)));
    const batches = new CommandBatches(env.kysely, () => new Date(env.clock));
    const replies = await batches.apply(principal, commands);
    expect(batches.redone).toBe(0);
    expect(replies.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    expect(replies[1]?.booking).toMatchObject({ id: booking.id, status: 'left', leftAt: '2026-11-22T02:07:00.000Z' });
    const row = await env.kysely
      .selectFrom('bookings')
      .select(['status', 'arrived_visit_id', 'left_at'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'left', arrived_visit_id: visitId, left_at: '2026-11-22T02:07:00.000Z' });
  });

  it('a phone-keyed library row that gains an ID frees its phone for a new row of the same batch: written in that order', async () => {
    await setUp();
    const phone = '13600002222';
    const first = await env.approvedBooking(host, { visitor: { name: '王五', phone } });
    const batches = new CommandBatches(env.kysely, () => new Date(env.clock));
    expect((await batches.apply(principal, [await signCommand(kiosk, checkin(kiosk, first.id))]))[0]?.status).toBe('applied');
    const withId = await env.approvedBooking(host, { visitor: { name: '王五', phone, idType: 'resident_id', idNumber: COMPANION_ID } });
    const phoneOnly = await env.approvedBooking(host, { visitor: { name: '王五', phone } });
    const replies = await batches.apply(principal, await Promise.all([withId, phoneOnly].map((bk) => signCommand(kiosk, checkin(kiosk, bk.id)))));
    expect(replies.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(batches.redone).toBe(0);
    const library = await env.kysely.selectFrom('visitors').select(['id', 'person_key']).where('site_id', '=', env.siteId).orderBy('person_key').execute();
    expect(library.map((r) => r.person_key)).toEqual([`id:${blacklistIdNumberKey(COMPANION_ID)}`, `phone:${blacklistPhoneKey(phone)}`]);
    // the first row became the ID's; the phone's is new
    expect(library[0]!.id).toBe((await status(first.id)).visitor_id);
    expect((await status(withId.id)).visitor_id).toBe(library[0]!.id);
    expect((await status(phoneOnly.id)).visitor_id).toBe(library[1]!.id);
  });

  it('a check-in costs no statement of its own: its library row and its booking are written with the batch’s others', async () => {
    await setUp();
    const statementsOf = async (checkIns: number): Promise<number> => {
      const bookings = [];
      for (let i = 0; i < checkIns; i++) bookings.push(await env.approvedBooking(host));
      const { db, statements } = counted();
      const batches = new CommandBatches(db, () => new Date(env.clock));
      const results = await batches.apply(principal, await Promise.all(bookings.map((bk) => signCommand(kiosk, checkin(kiosk, bk.id)))));
      expect(results.map((r) => r.status)).toEqual(bookings.map(() => 'applied'));
      return statements();
    };
    await statementsOf(1); // the person's library row made: every later batch finds it
    const [three, nine] = [await statementsOf(3), await statementsOf(9)];
    expect(nine).toBe(three);
    // the batch's own: the change counter (moved, written back), the applied rows, the bookings, the site and its
    // policy, the blacklist, the library rows, the host, the kiosk's name; the library rows', bookings', applied,
    // audit and message rows written
    expect(three).toBeLessThanOrEqual(16);
  });
});
