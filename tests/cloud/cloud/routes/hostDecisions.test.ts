/**
 * Issue 13 item 3: a host decides their visitors' bookings with a reason (approve, reject, return 退回), cancels and
 * amends them: each move a host can make, from every status, as the one table (src/shared/bookingStates.ts) allows it;
 * every other is a clear 409 that changes nothing. The reason is required to reject or return, stored (the booking
 * and its approval record) and shown (the booking, the host's inbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_TRANSITIONS, nextStatus, type BookingMove } from '../../../../src/shared/bookingStates';
import { BookingStatus, type Booking, type Host } from '../../../../src/shared/domain';
import type { HostInbox } from '../../../../src/shared/hostDesk';
import { insertBookingRow } from '../../../../src/cloud/repositories/bookings';
import { NOT_A_WALK_IN, NOT_YET_DECIDED_OR_VISITED } from '../../../../src/cloud/services/bookingRecords';
import { CloudTestEnv, DIALECTS, T0 } from '../../../support/cloud/harness';

/** The moves a host makes on their own booking, and how (the decision route, the cancel route, the edit route). */
const HOST_MOVES = ['approve', 'reject', 'return', 'cancel', 'resubmit'] as const satisfies readonly BookingMove[];
type HostMove = (typeof HOST_MOVES)[number];
const REFUSAL: Record<HostMove, string> = {
  approve: 'booking_not_pending',
  reject: 'booking_not_pending',
  return: 'booking_not_pending',
  cancel: 'booking_state',
  resubmit: 'booking_not_editable',
};

const CASES = HOST_MOVES.flatMap((move) => BookingStatus.options.map((from) => ({ move, from, to: nextStatus(from, move) })));

describe.each(DIALECTS)('a host’s moves on their own bookings (%s)', (dialect) => {
  let env: CloudTestEnv;
  let host: Host;
  let token: string;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    host = await env.createHost();
    token = await env.hostToken(host.id);
  });
  afterAll(async () => env.dispose());

  /**
   * A booking of the host in `status`, stored as it stands (the moves under test are the host's, not those that lead
   * there): one insert, no request, so the whole table stays cheap to walk.
   */
  let made = 0;
  async function bookingIn(status: BookingStatus): Promise<{ id: string }> {
    const input = env.bookingInput(host);
    const row = {
      id: `bk_decisions_${++made}`,
      code: `D${String(made).padStart(7, '0')}`,
      site_id: host.siteId,
      host_id: host.id,
      source: 'self',
      status,
      visitor: JSON.stringify(input.visitor),
      companions: '[]',
      group_size: 1,
      reason: input.reason,
      area: null,
      window_start: input.windowStart,
      window_end: input.windowEnd,
      ...NOT_YET_DECIDED_OR_VISITED,
      ...NOT_A_WALK_IN,
      created_at: T0.toISOString(),
      updated_at: T0.toISOString(),
      change_seq: made,
    };
    await insertBookingRow(env.kysely, row);
    return row;
  }

  function act(move: HostMove, id: string) {
    if (move === 'cancel') return env.request('POST', `/bookings/${id}/cancel`, { token });
    if (move === 'resubmit') {
      const { source: _s, hostPhone: _h, ...edit } = env.bookingInput(host, { reason: '补充材料后重新提交' });
      return env.request('PUT', `/bookings/${id}`, { token, body: edit });
    }
    return env.decide(id, move, `理由：${move}`, token);
  }

  it('the table the host moves by is the shared one', () => {
    for (const move of HOST_MOVES) expect(BOOKING_TRANSITIONS.some((t) => t.move === move)).toBe(true);
  });

  it.each(CASES.map((c) => [`${c.move} from ${c.from} → ${c.to ?? 'refused'}`, c] as const))('%s', async (_name, { move, from, to }) => {
    const b = await bookingIn(from);
    const res = await act(move, b.id);
    const row = await env.kysely.selectFrom('bookings').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
    if (to === null) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<{ error: string; message: string }>().error).toBe(REFUSAL[move]);
      expect(row.status).toBe(from);
      expect(await env.kysely.selectFrom('approvals').select('id').where('booking_id', '=', b.id).execute()).toEqual([]);
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Booking>().status).toBe(to);
    expect(row.status).toBe(to);
    const approval = await env.kysely.selectFrom('approvals').selectAll().where('booking_id', '=', b.id).orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(approval).toMatchObject({ action: move, from_status: from, to_status: to, actor: `host:${host.id}` });
    if (move === 'approve' || move === 'reject' || move === 'return') {
      expect(approval.reason).toBe(`理由：${move}`);
      expect(res.json<Booking>().decisionReason).toBe(`理由：${move}`);
    }
  });

  it('approving a cancelled booking: 409 in words the host reads, nothing changes', async () => {
    const b = await bookingIn('cancelled');
    const res = await env.decide(b.id, 'approve', undefined, token);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toContain('预约已取消，不能通过');
    expect(res.json<{ message: string }>().message).toContain('the booking is cancelled, not pending');
  });

  it.each(['reject', 'return'] as const)('%s needs a reason (400 reason_required, nothing changes); the reason shows in the inbox', async (action) => {
    const b = await bookingIn('pending');
    for (const body of [{ action }, { action, reason: '   ' }]) {
      const res = await env.request('POST', `/bookings/${b.id}/decision`, { token, body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ error: string }>().error).toBe('reason_required');
    }
    expect((await env.kysely.selectFrom('bookings').select('status').where('id', '=', b.id).executeTakeFirstOrThrow()).status).toBe('pending');
    expect((await env.decide(b.id, action, '请补充来访单位', token)).statusCode).toBe(200);
    const handled = (await env.request('GET', '/host/bookings?box=handled', { token })).json<HostInbox>();
    expect(handled.items.find((i) => i.id === b.id)).toMatchObject({ decision: action, decisionReason: '请补充来访单位' });
  });
});
