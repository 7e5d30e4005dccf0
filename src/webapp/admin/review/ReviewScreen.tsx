/**
 * /app/admin/review (审核 / Review, issue 14 item 1): a reviewer's queue, the bookings of their departments (an
 * administrator: the site's), in three tabs — 待审核 / 已退回 / 已处理 — each booking with its visitor masked, host,
 * department, window and people; a pending one is approved at once, or rejected or returned with a reason.
 * /app/admin/review/<id> shows one booking, or says in words why the cloud refused it (403: another department's;
 * 404: none). Desktop-first; at 360 px the table scrolls in its box.
 */
import { useCallback, useEffect, useState } from 'react';
import { ReviewBox, type ReviewItem } from '../../../shared/review';
import { Screen } from '../../components/Screen';
import { TabList } from '../../components/TabList';
import { useLanguage } from '../../i18n/language';
import { useRouter } from '../../router';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';
import { listReview } from './api';
import { ReviewBookingView } from './ReviewBookingView';
import { ReviewTable } from './ReviewTable';
import { useReviewDecision } from './useReviewDecision';

const BOXES = ReviewBox.options;

export function ReviewScreen(props: AdminScreenProps) {
  const { path } = useRouter();
  const id = path.startsWith('/admin/review/') ? decodeURIComponent(path.slice('/admin/review/'.length)) : '';
  return id !== '' ? <ReviewBookingView key={id} id={id} {...props} /> : <ReviewQueue {...props} />;
}

function ReviewQueue({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [box, setBox] = useState<ReviewBox>('pending');
  const [items, setItems] = useState<ReviewItem[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();

  const load = useCallback(
    async (which: ReviewBox) => {
      try {
        setItems((await listReview(session.token, which)).items);
        setLoadError(undefined);
      } catch (err) {
        setLoadError(fail(err));
      }
    },
    [session.token, fail],
  );
  useEffect(() => {
    setItems(undefined);
    void load(box);
  }, [box, load]);
  const decision = useReviewDecision({
    token: session.token,
    describe: fail,
    // the decided booking shows its new status in place until the list is read again
    onDecided: (b) => setItems((all) => all?.map((i) => (i.id === b.id ? { ...i, status: b.status } : i))),
  });

  const error = decision.error ?? loadError;

  return (
    <Screen title={t('reviewTitle')} testId="admin-review-screen">
      <p>{t('reviewIntro')}</p>
      <p className="visually-hidden" role="status" data-testid="review-announcement">
        {decision.announcement}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
      <TabList
        tabs={BOXES}
        chosen={box}
        onChoose={setBox}
        label={t('reviewTabs')}
        labelOf={(b) => t(`reviewBox_${b}`)}
        idPrefix="review-tab"
        panelId="review-tabpanel"
      />
      <div role="tabpanel" id="review-tabpanel" aria-labelledby={`review-tab-${box}`} data-testid="review-tabpanel" data-box={box}>
        <div className="toolbar">
          <button type="button" data-testid="review-refresh" onClick={() => void load(box)}>
            {t('refresh')}
          </button>
        </div>
        {items === undefined ? (
          <p role="status">{t('loading')}</p>
        ) : items.length === 0 ? (
          <p data-testid="review-empty">{t(`reviewEmpty_${box}`)}</p>
        ) : (
          <ReviewTable items={items} busy={decision.busy} onAction={decision.onAction} />
        )}
      </div>
      {decision.dialog}
    </Screen>
  );
}
