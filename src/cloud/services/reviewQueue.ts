/**
 * The reviewers' queue (issue 14 item 1): a reviewer sees the bookings of their departments at their site, an
 * administrator those of their site (the admin token or an administrator of every site: the site named, or the only
 * one). The visitor is masked; deciding is POST /bookings/{id}/decision, which checks the department again.
 */
import { BookingStatus, Companion, VisitorIdentity } from '../../shared/domain';
import { maskName, maskPhone } from '../../shared/mask';
import { REVIEW_BOX_STATUSES, REVIEW_LIST_LIMIT, type ReviewBox, type ReviewItem } from '../../shared/review';
import type { Principal } from '../auth';
import type { CloudContext } from '../context';
import { badRequest, forbidden } from '../errors';
import { findReviewRow, listReviewQueue, type ReviewRow } from '../repositories/reviewQueue';
import { assertMayManage } from './bookingLifecycle';
import { bookingUnknown, getBookingRow } from './bookingRecords';
import { assertReviews } from './reviewerScope';
import { soleSiteId } from './sites';

function toItem(row: ReviewRow): ReviewItem {
  const visitor = VisitorIdentity.parse(JSON.parse(row.visitor));
  const companions = Companion.array().parse(JSON.parse(row.companions));
  const item: ReviewItem = {
    id: row.id,
    code: row.code,
    status: BookingStatus.parse(row.status),
    visitorNameMasked: maskName(visitor.name),
    visitorPhoneMasked: maskPhone(visitor.phone),
    hostName: row.host_name,
    department: row.host_department,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    people: Math.max(row.group_size, 1 + companions.length),
    reason: row.reason,
  };
  if (row.decision_reason !== null) item.decisionReason = row.decision_reason;
  return item;
}

/** Which site and departments the caller reviews. */
async function scopeOf(ctx: CloudContext, p: Principal | undefined, siteId: string | undefined): Promise<{ siteId: string; departments?: string[] }> {
  if (p?.kind === 'staff') {
    if (!p.roles.includes('reviewer')) throw forbidden('reviewer or admin only');
    return { siteId: p.siteId, departments: p.departments };
  }
  if (p?.kind !== 'admin') throw forbidden('reviewer or admin only');
  const site = p.account?.siteId ?? siteId ?? (await soleSiteId(ctx.db));
  if (site === undefined) throw badRequest('site_required', 'siteId is required when there is not exactly one site');
  return { siteId: site };
}

export async function reviewQueue(ctx: CloudContext, p: Principal | undefined, box: ReviewBox, siteId: string | undefined): Promise<ReviewItem[]> {
  const scope = await scopeOf(ctx, p, siteId);
  const open = box !== 'decided';
  const rows = await listReviewQueue(ctx.db, {
    ...scope,
    statuses: REVIEW_BOX_STATUSES[box],
    ...(open ? { endsAfter: ctx.now().toISOString() } : {}),
    order: open ? 'window' : 'latest',
    limit: REVIEW_LIST_LIMIT,
  });
  return rows.map(toItem);
}

/**
 * One booking as the queue shows it: 404 when there is none (or, for an administrator of one site, it is another
 * site's); 403 for a reviewer when it is of a department they do not review.
 */
export async function reviewItem(ctx: CloudContext, p: Principal | undefined, id: string): Promise<ReviewItem> {
  if (p?.kind === 'staff') await assertReviews(ctx, p, id);
  else if (p?.kind === 'admin') assertMayManage(p, await getBookingRow(ctx.db, id));
  else throw forbidden('reviewer or admin only');
  const row = await findReviewRow(ctx.db, id);
  if (!row) throw bookingUnknown(id);
  return toItem(row);
}
