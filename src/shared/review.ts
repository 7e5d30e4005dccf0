/**
 * The reviewers' queue (issue 14 item 1, seed 004 "只有后台设置的审核人员才可以审核"): the bookings of a reviewer's
 * departments (an administrator: of their site) in three boxes, each booking with its visitor masked, its host and the
 * host's department, its window and how many people. Decisions go through POST /bookings/{id}/decision. Runs
 * everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { BookingCode, BookingStatus, Id, Instant, PartySize } from './domain';

/** pending: waiting for a decision; returned: sent back to the applicant; decided: approved or rejected (and after). */
export const ReviewBox = z.enum(['pending', 'returned', 'decided']);
export type ReviewBox = z.infer<typeof ReviewBox>;

/** The statuses each box shows (pending and returned only while their window has not ended: then they are expired). */
export const REVIEW_BOX_STATUSES: Record<ReviewBox, readonly BookingStatus[]> = {
  pending: ['pending'],
  returned: ['returned'],
  decided: ['approved', 'rejected', 'arrived', 'left'],
};

export const ReviewQuery = z.object({
  box: ReviewBox.default('pending'),
  /** the admin token or an administrator of every site: which site (optional when there is one) */
  siteId: Id.optional(),
});

export const ReviewItem = z.object({
  id: Id,
  code: BookingCode,
  status: BookingStatus,
  visitorNameMasked: z.string(),
  visitorPhoneMasked: z.string(),
  hostName: z.string(),
  department: z.string(),
  windowStart: Instant,
  windowEnd: Instant,
  /** everyone who comes, the visitor included */
  people: PartySize,
  reason: z.string(),
  decisionReason: z.string().optional(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewList = z.object({ box: ReviewBox, items: z.array(ReviewItem) });
export type ReviewList = z.infer<typeof ReviewList>;

/** At most this many bookings a box shows (the nearest windows first; decided ones: the latest decided first). */
export const REVIEW_LIST_LIMIT = 200;
