/**
 * A host's inbox (issue 13 item 3; seed 004's 审批中心): 待处理 (their own bookings pending a decision, or returned to
 * the applicant), 已处理 (those they decided: approved, rejected, returned) and 抄送我 (those copied to them), newest
 * first, a page at a time (keyset: a page never repeats or skips a booking that arrives meanwhile). Phone and ID
 * numbers masked. A companion's sub-bill is never an item: it follows its main bill.
 */
import { bookingStatusLabel, statusesFrom } from '../../shared/bookingStates';
import { BookingSource, BookingStatus, Companion, Instant, VisitorIdentity } from '../../shared/domain';
import type { HostInbox, HostInboxBox, HostInboxItem } from '../../shared/hostDesk';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { z } from 'zod';
import { actorOf, type Principal } from '../auth';
import type { CloudContext } from '../context';
import type { BookingsTable } from '../db/schema';
import { badRequest } from '../errors';
import { latestDecisionsBy, listCopiedToHost, listDecidedBy, listPendingOfHost, type InboxCursor } from '../repositories/hostInbox';
import { bookingAsOf } from './bookingRecords';

type HostPrincipal = Extract<Principal, { kind: 'host' }>;

/** 待处理: what the host decides (pending) and what is back with the applicant after the host returned it. */
const PENDING_STATUSES: readonly BookingStatus[] = [...statusesFrom('approve'), 'returned'];
const DECISIONS = ['approve', 'reject', 'return'] as const;

const Cursor = z.tuple([Instant, z.string().min(1).max(64)]);

export function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.id]), 'utf8').toString('base64url');
}

function decodeCursor(text: string | undefined): InboxCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const [key, id] = Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return { key, id };
  } catch {
    throw badRequest('cursor_invalid', 'cursor: pass nextCursor of the page before, unchanged');
  }
}

function toInboxItem(row: BookingsTable, decided?: { at: string; action: string | undefined }): HostInboxItem {
  const status = BookingStatus.parse(row.status);
  const visitor = VisitorIdentity.parse(JSON.parse(row.visitor));
  const companions = z.array(Companion).parse(JSON.parse(row.companions));
  const item: HostInboxItem = {
    id: row.id,
    code: row.code,
    hostId: row.host_id,
    source: BookingSource.parse(row.source),
    status,
    statusLabel: { 'zh-CN': bookingStatusLabel(status, 'staff', 'zh-CN'), en: bookingStatusLabel(status, 'staff', 'en') },
    visitorName: visitor.name,
    visitorPhoneMasked: maskPhone(visitor.phone),
    companions: companions.map((c) => ({
      name: c.name,
      ...(c.phone !== undefined ? { phoneMasked: maskPhone(c.phone) } : {}),
      ...(c.idNumber !== undefined ? { idMasked: maskIdNumber(c.idNumber) } : {}),
    })),
    groupSize: row.group_size,
    reason: row.reason,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    createdAt: row.created_at,
  };
  if (visitor.idNumber !== undefined) item.visitorIdMasked = maskIdNumber(visitor.idNumber);
  if (visitor.company !== undefined) item.company = visitor.company;
  if (row.area !== null) item.area = row.area;
  if (row.decision_reason !== null) item.decisionReason = row.decision_reason;
  if (decided) {
    item.decidedAt = decided.at;
    const action = DECISIONS.find((d) => d === decided.action);
    if (action) item.decision = action;
  }
  return item;
}

export async function readHostInbox(
  ctx: CloudContext,
  host: HostPrincipal,
  query: { box: HostInboxBox; limit: number; cursor?: string | undefined },
): Promise<HostInbox> {
  const after = decodeCursor(query.cursor);
  const now = ctx.now(); // a window that has ended reads as expired, before the sweep job records it
  const take = query.limit + 1; // one more tells whether there is a next page
  let items: HostInboxItem[];
  let keys: InboxCursor[];
  if (query.box === 'handled') {
    const actor = actorOf(host);
    const rows = await listDecidedBy(ctx.db, actor, DECISIONS, take, after);
    const actions = await latestDecisionsBy(
      ctx.db,
      actor,
      rows.map((r) => r.id),
      DECISIONS,
    );
    items = rows.map((r) => toInboxItem(bookingAsOf(r, now), { at: r.decided_at, action: actions.get(r.id) }));
    keys = rows.map((r) => ({ key: r.decided_at, id: r.id }));
  } else {
    const rows =
      query.box === 'pending'
        ? await listPendingOfHost(ctx.db, host.hostId, PENDING_STATUSES, now.toISOString(), take, after)
        : await listCopiedToHost(ctx.db, host.hostId, take, after);
    items = rows.map((r) => toInboxItem(bookingAsOf(r, now)));
    keys = rows.map((r) => ({ key: r.created_at, id: r.id }));
  }
  const more = items.length > query.limit;
  const page = items.slice(0, query.limit);
  const last = keys[query.limit - 1];
  return { box: query.box, items: page, ...(more && last ? { nextCursor: encodeCursor(last) } : {}) };
}
