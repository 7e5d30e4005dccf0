/** /app/admin/review/<id>: one booking as the queue shows it, with its decisions; a refusal (403 / 404) in words. */
import { useCallback, useEffect, useState } from 'react';
import { bookingStatusLabel } from '../../../shared/bookingStates';
import type { ReviewItem } from '../../../shared/review';
import { ApiFailure } from '../../api/client';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import { Link } from '../../router';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';
import { readReviewItem } from './api';
import { formatWindow, ReviewActions } from './ReviewTable';
import { useReviewDecision } from './useReviewDecision';

export function ReviewBookingView({ id, session, onSignOut }: AdminScreenProps & { id: string }) {
  const { t, language } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [item, setItem] = useState<ReviewItem | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const describe = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 403) return t('reviewRefused');
      if (err instanceof ApiFailure && err.status === 404) return t('reviewNotFound');
      return fail(err);
    },
    [fail, t],
  );
  const load = useCallback(async () => {
    try {
      setItem(await readReviewItem(session.token, id));
      setRefusal(undefined);
    } catch (err) {
      setRefusal(describe(err));
    }
  }, [session.token, id, describe]);
  useEffect(() => {
    void load();
  }, [load]);
  const decision = useReviewDecision({ token: session.token, describe, onDecided: () => void load() });

  const rows: [string, string][] = item
    ? [
        [t('reviewColVisitor'), `${item.visitorNameMasked} ${item.visitorPhoneMasked}`],
        [t('reviewColHost'), item.hostName],
        [t('reviewColDepartment'), item.department],
        [t('reviewColWindow'), formatWindow(item, language)],
        [t('reviewColPeople'), String(item.people)],
        [t('reviewColReason'), item.reason],
        [t('reviewColStatus'), bookingStatusLabel(item.status, 'staff', language)],
        ...(item.decisionReason ? ([[t('reviewColDecisionReason'), item.decisionReason]] as [string, string][]) : []),
      ]
    : [];
  const error = decision.error ?? refusal;

  return (
    <Screen title={item ? t('reviewBookingTitle', { code: item.code }) : t('reviewTitle')} testId="admin-review-booking">
      <p>
        <Link to="/admin/review">{t('reviewBack')}</Link>
      </p>
      <p className="visually-hidden" role="status" data-testid="review-announcement">
        {decision.announcement}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
      {item === undefined && refusal === undefined && <p role="status">{t('loading')}</p>}
      {item && (
        <>
          <dl className="review-booking" id={`review-item-${item.id}`} tabIndex={-1} data-testid="review-booking">
            {rows.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <ReviewActions item={item} busy={decision.busy} onAction={decision.onAction} />
        </>
      )}
      {decision.dialog}
    </Screen>
  );
}
