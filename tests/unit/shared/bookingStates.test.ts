import { describe, expect, it } from 'vitest';
import {
  BOOKING_TRANSITIONS,
  bookingStatusLabel,
  isEditable,
  kioskStatus,
  nextStatus,
  statusAsOf,
  statusesFrom,
  SUB_BILL_FOLLOWS,
  type BookingMove,
} from '../../../src/shared/bookingStates';
import { BookingStatus, KioskBookingStatus } from '../../../src/shared/domain';

/** Issue 13 item 1, written out by hand: every status a move may start from, and where it goes. */
const EXPECTED: Record<BookingMove, Partial<Record<BookingStatus, BookingStatus>>> = {
  approve: { pending: 'approved' },
  reject: { pending: 'rejected' },
  return: { pending: 'returned' },
  resubmit: { pending: 'pending', returned: 'pending' },
  cancel: { pending: 'cancelled', approved: 'cancelled', returned: 'cancelled' },
  arrive: { approved: 'arrived', expired: 'arrived' },
  leave: { arrived: 'left' },
  close: { arrived: 'left' },
  expire: { pending: 'expired', approved: 'expired', returned: 'expired' },
};

const MOVES = Object.keys(EXPECTED) as BookingMove[];

describe('booking states: one table of transitions', () => {
  it('has one transition per move, and no other', () => {
    expect(BOOKING_TRANSITIONS.map((t) => t.move).sort()).toEqual([...MOVES].sort());
  });

  for (const move of MOVES) {
    for (const from of BookingStatus.options) {
      const to = EXPECTED[move][from];
      it(`${move} from ${from}: ${to === undefined ? 'refused' : `→ ${to}`}`, () => {
        expect(nextStatus(from, move)).toBe(to ?? null);
      });
    }
  }

  it('refuses a status it does not know', () => {
    for (const move of MOVES) expect(nextStatus('on_hold', move)).toBeNull();
  });

  it('gives the sweeps the statuses they start from', () => {
    expect([...statusesFrom('expire')].sort()).toEqual(['approved', 'pending', 'returned']);
    expect(statusesFrom('close')).toEqual(['arrived']);
  });

  it('lets the applicant edit only a pending or returned booking', () => {
    expect(BookingStatus.options.filter(isEditable).sort()).toEqual(['pending', 'returned']);
  });

  it('has sub-bills follow their main bill: approved with it, cancelled when it is rejected (seed 004)', () => {
    expect(SUB_BILL_FOLLOWS.approve).toBe('approve');
    expect(SUB_BILL_FOLLOWS.reject).toBe('cancel');
    expect(SUB_BILL_FOLLOWS.cancel).toBe('cancel');
    expect(SUB_BILL_FOLLOWS.arrive).toBeUndefined();
  });

  it('tells kiosks a returned booking is pending, every other status as it is', () => {
    for (const s of BookingStatus.options) {
      expect(KioskBookingStatus.safeParse(kioskStatus(s)).success).toBe(true);
      expect(kioskStatus(s)).toBe(s === 'returned' ? 'pending' : s);
    }
  });

  it('shows seed 004’s words, 已发起 to the applicant and 待确认 to staff, in both languages', () => {
    expect(bookingStatusLabel('pending', 'applicant', 'zh-CN')).toBe('已发起');
    expect(bookingStatusLabel('pending', 'staff', 'zh-CN')).toBe('待确认');
    const zh = Object.fromEntries(BookingStatus.options.map((s) => [s, bookingStatusLabel(s, 'staff', 'zh-CN')]));
    expect(zh).toEqual({
      pending: '待确认',
      approved: '已确认',
      cancelled: '已取消',
      arrived: '已到达',
      returned: '已退回',
      rejected: '已拒绝',
      left: '已离开',
      expired: '已过期',
    });
    for (const s of BookingStatus.options) {
      for (const audience of ['applicant', 'staff'] as const) expect(bookingStatusLabel(s, audience, 'en')).toMatch(/^[A-Z][a-z ]+$/);
    }
    expect(bookingStatusLabel('pending', 'applicant', 'en')).toBe('Submitted');
  });

  it('the expiry rule a read applies: pending, approved and returned are expired from the instant the window ends, no other status', () => {
    const end = '2026-11-22T09:00:00.000Z';
    for (const s of BookingStatus.options) {
      expect(statusAsOf(s, end, '2026-11-22T08:59:59.999Z')).toBe(s);
      expect(statusAsOf(s, end, end)).toBe(['pending', 'approved', 'returned'].includes(s) ? 'expired' : s);
    }
  });
});
