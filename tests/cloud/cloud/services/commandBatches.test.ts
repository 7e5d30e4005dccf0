/**
 * Group commit of kiosk pushes (src/cloud/services/commandBatches.ts, issue 12), on SQLite and PostgreSQL: pushes
 * that arrive together are applied in one transaction, each command once, answered in their order; a command that
 * fails (a fault injected by a trigger) is undone alone and fails its own push only, the push's earlier command
 * staying applied, every other push of the batch applied; pushes sent at once over HTTP all apply.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { KioskPrincipal } from '../../../../src/cloud/auth';
import { CommandBatches } from '../../../../src/cloud/services/commandBatches';
import { writePolicyLayer } from '../../../../src/cloud/services/policy';
import type { PushResponse, SignedCommand, UnsignedCommand } from '../../../../src/shared/sync';
import { checkin, DIALECTS, freshEnvPerTest, signCommand, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';

describe.each(DIALECTS)('kiosk pushes committed in batches (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const setUp = async (bookings: number) => {
    const host = await env.createHost();
    const ids: string[] = [];
    for (let i = 0; i < bookings; i++) ids.push((await env.approvedBooking(host)).id);
    const kiosk = await env.enrolKiosk();
    const principal: KioskPrincipal = { kind: 'kiosk', kioskId: kiosk.kioskId, siteId: env.siteId, publicKey: kiosk.keys.publicKey };
    return { ids, kiosk, principal, batches: new CommandBatches(env.kysely, () => new Date(env.clock)) };
  };
  const signed = (kiosk: Kiosk, cmd: UnsignedCommand): Promise<SignedCommand> => signCommand(kiosk, cmd);
  const passage = (kiosk: Kiosk, bookingId: string, passId: string): UnsignedCommand => ({
    id: randomUUID(),
    kioskId: kiosk.kioskId,
    at: '2026-11-22T02:10:00.000Z',
    kind: 'passage',
    payload: { bookingId, passId, direction: 'entry' },
  });
  const status = async (id: string) => (await env.kysely.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const applied = async () => (await env.kysely.selectFrom('applied_commands').select('id').execute()).map((r) => r.id).sort();

  it('applies the pushes of one moment in one transaction, each command once, each push answered with its own results', async () => {
    const { ids, kiosk, principal, batches } = await setUp(3);
    const [a, b, c] = [
      await signed(kiosk, checkin(kiosk, ids[0]!)),
      await signed(kiosk, checkin(kiosk, ids[1]!)),
      await signed(kiosk, checkin(kiosk, ids[2]!)),
    ];
    const again = { ...a }; // the same command twice in one batch: once applied, then a duplicate
    const replies = await Promise.all([batches.apply(principal, [a]), batches.apply(principal, [b, c]), batches.apply(principal, [again])]);
    expect(batches.batches).toBe(1);
    expect(batches.redone).toBe(0);
    expect(replies.map((r) => r.map((x) => [x.id, x.status]))).toEqual([
      [[a.id, 'applied']],
      [
        [b.id, 'applied'],
        [c.id, 'applied'],
      ],
      [[a.id, 'duplicate']],
    ]);
    for (const id of ids) expect(await status(id)).toBe('arrived');
    expect(await applied()).toEqual([a.id, b.id, c.id].sort());
  });

  it('a command that fails is undone alone and fails its push only; the other pushes of the batch are applied', async () => {
    const { ids, kiosk, principal, batches } = await setUp(3);
    // a fault inside the transaction: inserting the passage of pass 'boom' raises
    if (dialect === 'sqlite') {
      await sql`create trigger boom before insert on passages when new.pass_id = 'boom' begin select raise(abort, 'boom'); end`.execute(env.kysely);
    } else {
      await sql`create function boom() returns trigger language plpgsql as $$ begin if new.pass_id = 'boom' then raise exception 'boom'; end if; return new; end $$`.execute(
        env.kysely,
      );
      await sql`create trigger boom before insert on passages for each row execute function boom()`.execute(env.kysely);
    }
    const first = await signed(kiosk, checkin(kiosk, ids[0]!));
    const failing = await signed(kiosk, passage(kiosk, ids[0]!, 'boom'));
    const never = await signed(kiosk, checkin(kiosk, ids[1]!));
    const other = await signed(kiosk, checkin(kiosk, ids[2]!));
    const [bad, good] = await Promise.allSettled([batches.apply(principal, [first, failing, never]), batches.apply(principal, [other])]);
    expect(batches.batches).toBe(1);
    expect(batches.redone).toBe(1); // the attempt without savepoints undone, then command by command
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/boom/);
    expect(good).toMatchObject({ status: 'fulfilled', value: [{ id: other.id, status: 'applied' }] });
    // the failing push's first command stays applied (as when each command had its own transaction), its last was not tried
    expect(await applied()).toEqual([first.id, other.id].sort());
    expect([await status(ids[0]!), await status(ids[1]!), await status(ids[2]!)]).toEqual(['arrived', 'approved', 'arrived']);
    expect(await env.kysely.selectFrom('passages').selectAll().execute()).toEqual([]);
  });

  it('pushes sent at once over HTTP all apply, each once', async () => {
    const { ids, kiosk } = await setUp(6);
    const commands = await Promise.all(ids.map((id) => signed(kiosk, checkin(kiosk, id))));
    const replies = await Promise.all(commands.map((cmd) => env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [cmd] } })));
    expect(replies.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    expect(replies.map((r) => r.json<PushResponse>().results.map((x) => [x.id, x.status]))).toEqual(commands.map((c) => [[c.id, 'applied']]));
    expect(await applied()).toEqual(commands.map((c) => c.id).sort());
  });

  it('a batch takes its change numbers with one move of the counter and one write-back: in order, one after another, the counter at the last', async () => {
    const { ids, kiosk, principal, batches } = await setUp(3);
    // PostgreSQL answers a bigint as text: read as text on both
    const numberOf = async (query: ReturnType<typeof sql<{ n: string | number }>>) => Number((await query.execute(env.kysely)).rows[0]!.n);
    const counter = () => numberOf(sql`select value as n from counters where name = 'change_seq'`);
    const before = await counter();
    // every statement that writes the counter's row, counted by a trigger
    await sql`create table counter_writes (n integer)`.execute(env.kysely);
    if (dialect === 'sqlite') {
      await sql`create trigger counter_written after update on counters begin insert into counter_writes values (1); end`.execute(env.kysely);
    } else {
      await sql`create function counter_written() returns trigger language plpgsql as $$ begin insert into counter_writes values (1); return new; end $$`.execute(
        env.kysely,
      );
      await sql`create trigger counter_written after update on counters for each row execute function counter_written()`.execute(env.kysely);
    }
    const commands = await Promise.all(ids.map((id) => signed(kiosk, checkin(kiosk, id))));
    await Promise.all([batches.apply(principal, [commands[0]!]), batches.apply(principal, commands.slice(1))]);
    expect(batches.batches).toBe(1);
    // the first number taken from the row, the others counted in memory, the last written back: two writes, not three
    expect(await numberOf(sql`select count(*) as n from counter_writes`)).toBe(2);
    const seqs = [];
    for (const id of ids) seqs.push(await numberOf(sql`select change_seq as n from bookings where id = ${id}`));
    expect(seqs).toEqual([before + 1, before + 2, before + 3]);
    expect(await counter()).toBe(before + 3);
    // the next batch goes on from there
    const [again] = await batches.apply(principal, [await signed(kiosk, passage(kiosk, ids[0]!, 'pass-2'))]);
    expect(again).toMatchObject({ status: 'applied' });
    expect(await counter()).toBe(before + 4);
    // a batch taking one number: the move alone, nothing to write back
    expect(await numberOf(sql`select count(*) as n from counter_writes`)).toBe(3);
  });

  it('what a batch reads once (the policy) is read again by the next batch: a change committed between them counts', async () => {
    const host = await env.createHost();
    // the window opens at 10:00Z; the check-ins are at 09:30Z, inside an hour's allowance, outside the default
    const early = { windowStart: '2026-11-22T10:00:00.000Z', windowEnd: '2026-11-22T12:00:00.000Z' };
    const [first, second] = [await env.approvedBooking(host, early), await env.approvedBooking(host, early)];
    const kiosk = await env.enrolKiosk();
    const principal: KioskPrincipal = { kind: 'kiosk', kioskId: kiosk.kioskId, siteId: env.siteId, publicKey: kiosk.keys.publicKey };
    const batches = new CommandBatches(env.kysely, () => new Date(env.clock));
    const at = '2026-11-22T09:30:00.000Z';
    const [refused] = await batches.apply(principal, [await signed(kiosk, checkin(kiosk, first.id, { at }))]);
    expect(refused).toMatchObject({ status: 'conflict', code: 'checkin_outside_window' });
    await writePolicyLayer(env.kysely, 'site', env.siteId, { values: { earlyArrivalMinutes: 60 }, locked: [] }, new Date(env.clock));
    const [taken] = await batches.apply(principal, [await signed(kiosk, checkin(kiosk, second.id, { at }))]);
    expect(taken).toMatchObject({ status: 'applied' });
  });
});
