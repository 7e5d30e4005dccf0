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
});
