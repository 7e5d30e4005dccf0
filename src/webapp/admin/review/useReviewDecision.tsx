/**
 * Deciding a booking from the review screen: approve at once; reject or return after the reason dialog (the host
 * inbox's). The decision is announced in words; a refusal (403 another department, 409 no longer pending) too.
 */
import { useState, type ReactNode } from 'react';
import { bookingStatusLabel } from '../../../shared/bookingStates';
import type { Booking } from '../../../shared/domain';
import type { ReviewItem } from '../../../shared/review';
import { decideBooking } from '../../api/client';
import { ReasonDialog } from '../../host/ReasonDialog';
import { useLanguage } from '../../i18n/language';
import type { ReviewAction } from './ReviewTable';

interface Options {
  token: string;
  /** the words for a failed call (a 401 also signs out) */
  describe: (err: unknown) => string;
  onDecided: (decided: Booking) => void;
}

export function useReviewDecision({ token, describe, onDecided }: Options): {
  busy: boolean;
  announcement: string;
  error: string | undefined;
  onAction: (item: ReviewItem, action: ReviewAction) => void;
  dialog: ReactNode;
} {
  const { t, language } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [asking, setAsking] = useState<{ item: ReviewItem; action: 'reject' | 'return' } | undefined>();

  const decide = async (item: ReviewItem, action: ReviewAction, reason?: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const decided = await decideBooking(token, item.id, { action, ...(reason !== undefined ? { reason } : {}) });
      setAnnouncement(t('decided', { name: item.visitorNameMasked, status: bookingStatusLabel(decided.status, 'staff', language) }));
      onDecided(decided);
      // the buttons are gone: keyboard focus goes to the booking's row
      setTimeout(() => document.getElementById(`review-item-${item.id}`)?.focus(), 0);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  const onAction = (item: ReviewItem, action: ReviewAction) => {
    if (busy) return;
    if (action === 'approve') void decide(item, action);
    else setAsking({ item, action });
  };
  const dialog = asking ? (
    <ReasonDialog
      request={{ action: asking.action, visitorName: asking.item.visitorNameMasked }}
      onCancel={() => setAsking(undefined)}
      onConfirm={(reason) => {
        setAsking(undefined);
        void decide(asking.item, asking.action, reason);
      }}
    />
  ) : null;
  return { busy, announcement, error, onAction, dialog };
}
