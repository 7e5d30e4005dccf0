/**
 * A booking's states and the one table of the moves between them (issue 13 item 1; seeds 000, 001, 004), shared by
 * the cloud (every status change goes through it), the kiosk and the web app (their labels).
 *
 * pending (the applicant sees 已发起, staff 待确认) → approved | rejected | returned | cancelled;
 * returned (已退回): back to the applicant, who amends and resubmits it (pending again) or cancels it;
 * an edit of a pending booking is a resubmission too (its host decides afresh); approved → arrived → left;
 * pending / approved / returned → expired when the window closes.
 *
 * Kiosks never see `returned`: to them (and to every kiosk older than this state) it is `pending`, which they do not
 * check in (kioskStatus, KioskBookingStatus in ./domain).
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import type { BookingStatus, Language } from './domain';

/** Every way a booking's status changes. */
export type BookingMove =
  /** the host (or an admin) decides a pending booking */
  | 'approve'
  | 'reject'
  | 'return'
  /** the applicant's edit of a pending or returned booking: pending again, for the host to decide afresh */
  | 'resubmit'
  /** by the applicant, staff or the kiosk that registered a walk-in */
  | 'cancel'
  /** a kiosk's check-in; from expired only when it expired approved (a check-in made inside the window, synced late) */
  | 'arrive'
  /** a kiosk's check-out */
  | 'leave'
  /** the end-of-window sweep: an arrived visit with no exit recorded (未登记离开) */
  | 'close'
  /** the expiry sweep: the window ended before anyone arrived */
  | 'expire';

export interface BookingTransition {
  readonly move: BookingMove;
  readonly from: readonly BookingStatus[];
  readonly to: BookingStatus;
}

/** The only status changes a booking may make. */
export const BOOKING_TRANSITIONS: readonly BookingTransition[] = [
  { move: 'approve', from: ['pending'], to: 'approved' },
  { move: 'reject', from: ['pending'], to: 'rejected' },
  { move: 'return', from: ['pending'], to: 'returned' },
  { move: 'resubmit', from: ['pending', 'returned'], to: 'pending' },
  { move: 'cancel', from: ['pending', 'approved', 'returned'], to: 'cancelled' },
  { move: 'arrive', from: ['approved', 'expired'], to: 'arrived' },
  { move: 'leave', from: ['arrived'], to: 'left' },
  { move: 'close', from: ['arrived'], to: 'left' },
  { move: 'expire', from: ['pending', 'approved', 'returned'], to: 'expired' },
];

/** How a booking comes to be: an application (any source but a walk-in), a walk-in waiting for its host, or one the desk approved. */
export const INITIAL_STATUS = { apply: 'pending', walkInForHost: 'pending', walkInAtDesk: 'arrived' } as const satisfies Record<string, BookingStatus>;

const BY_MOVE = new Map(BOOKING_TRANSITIONS.map((t) => [t.move, t]));

/** The transition of a move (every move has exactly one). */
export function transitionOf(move: BookingMove): BookingTransition {
  const t = BY_MOVE.get(move);
  if (t === undefined) throw new Error(`no transition for ${move}`);
  return t;
}

/** Where `move` takes a booking that is `from`, or null when the table does not allow it. */
export function nextStatus(from: string, move: BookingMove): BookingStatus | null {
  const t = transitionOf(move);
  return (t.from as readonly string[]).includes(from) ? t.to : null;
}

/** The statuses `move` starts from (the sweeps' SQL reads them from here). */
export const statusesFrom = (move: BookingMove): readonly BookingStatus[] => transitionOf(move).from;

/**
 * The expiry rule as a read applies it (issue 12): a booking the expiry sweep would expire (pending, approved or
 * returned) whose window has ended by `nowIso` is expired already, whether or not the periodic sweep has run since.
 * Instants are ISO-8601 UTC strings, compared as the sweep's SQL compares them (`window_end <= now`).
 */
export function statusAsOf<S extends string>(status: S, windowEnd: string, nowIso: string): S | 'expired' {
  return windowEnd <= nowIso && nextStatus(status, 'expire') !== null ? 'expired' : status;
}

/** A sub-bill (a companion's own booking, seed 004) follows its main bill: approved with it, cancelled when it is rejected. */
export const SUB_BILL_FOLLOWS: Readonly<Partial<Record<BookingMove, BookingMove>>> = {
  approve: 'approve',
  reject: 'cancel',
  return: 'return',
  resubmit: 'resubmit',
  cancel: 'cancel',
};

/** May the booking's applicant (or staff on their behalf) still change it? While pending or returned (seeds 000, 001). */
export const isEditable = (status: string): boolean => nextStatus(status, 'resubmit') !== null;

/**
 * The status a kiosk is told: `returned` is `pending` to it (waiting for the applicant, then the host; never checked
 * in), so every kiosk, this one and older ones, reads the pull as before.
 */
export function kioskStatus<S extends BookingStatus>(status: S): Exclude<S, 'returned'> | 'pending' {
  return status === 'returned' ? 'pending' : (status as Exclude<S, 'returned'>);
}

/** Who looks at a booking: its applicant (the visitor, or staff booking for them) or staff (the host, the desk). */
export type BookingAudience = 'applicant' | 'staff';

type Label = Record<Language, string>;

/** The words of seed 004 (已发起 / 待确认 / 已确认 / 已取消 / 已到达), and the other states'. */
const LABELS: Record<BookingStatus, Label | Record<BookingAudience, Label>> = {
  pending: { applicant: { 'zh-CN': '已发起', en: 'Submitted' }, staff: { 'zh-CN': '待确认', en: 'To confirm' } },
  approved: { 'zh-CN': '已确认', en: 'Confirmed' },
  returned: { applicant: { 'zh-CN': '已退回', en: 'Returned for changes' }, staff: { 'zh-CN': '已退回', en: 'Returned' } },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  arrived: { 'zh-CN': '已到达', en: 'Arrived' },
  left: { 'zh-CN': '已离开', en: 'Left' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
};

/** A status in the words `audience` sees, in `language`. */
export function bookingStatusLabel(status: BookingStatus, audience: BookingAudience, language: Language): string {
  const label = LABELS[status];
  return ('applicant' in label ? label[audience] : label)[language];
}
