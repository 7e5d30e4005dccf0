/**
 * /app/host with a session: the inbox in three tabs — 待处理 (pending or returned), 已处理 (decided by this host),
 * 抄送我 (copied to this host) — each newest first, 20 at a time with 加载更多 (the cloud's keyset cursor). A pending
 * booking is approved at once, or rejected or returned (退回) with a reason asked in a dialog; the decision is
 * announced in a live region and the booking shows its new status in place until the list is refreshed.
 */
import { useCallback, useEffect, useState } from 'react';
import { bookingStatusLabel } from '../../shared/bookingStates';
import { HostInboxBox, type HostInboxItem } from '../../shared/hostDesk';
import { ApiFailure, decideBooking } from '../api/client';
import { readInbox } from '../api/hostClient';
import { Screen } from '../components/Screen';
import { TabList } from '../components/TabList';
import { useLanguage } from '../i18n/language';
import { InboxItemCard, type InboxAction } from './InboxItemCard';
import { ReasonDialog, type ReasonRequest } from './ReasonDialog';
import type { HostSession } from './session';

const BOXES = HostInboxBox.options;
const TAB_LABEL = { pending: 'tabPending', handled: 'tabDone', cc: 'hostTabCc' } as const;
const EMPTY_LABEL = { pending: 'noPending', handled: 'noDone', cc: 'hostNoCc' } as const;

interface BoxPage {
  items: HostInboxItem[];
  nextCursor?: string | undefined;
}

export function HostInboxScreen({ session, onSessionEnded }: { session: HostSession; onSessionEnded: () => void }) {
  const { t, language } = useLanguage();
  const [box, setBox] = useState<HostInboxBox>('pending');
  const [pages, setPages] = useState<Partial<Record<HostInboxBox, BoxPage>>>({});
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<(ReasonRequest & { item: HostInboxItem }) | undefined>();

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) onSessionEnded();
      else setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
    },
    [onSessionEnded, t],
  );
  const load = useCallback(
    async (which: HostInboxBox, cursor?: string) => {
      try {
        const page = await readInbox(session.token, which, cursor);
        setPages((all) => ({
          ...all,
          [which]: { items: [...(cursor !== undefined ? (all[which]?.items ?? []) : []), ...page.items], nextCursor: page.nextCursor },
        }));
        setError(undefined);
      } catch (err) {
        failed(err);
      }
    },
    [session.token, failed],
  );
  useEffect(() => {
    if (pages[box] === undefined) void load(box);
  }, [box, pages, load]);

  const decide = async (item: HostInboxItem, action: InboxAction, reason?: string) => {
    if (busy) return;
    setBusy(true);
    try {
      const decided = await decideBooking(session.token, item.id, { action, ...(reason !== undefined ? { reason } : {}) });
      const update = (i: HostInboxItem): HostInboxItem =>
        i.id === decided.id ? { ...i, status: decided.status, ...(reason !== undefined ? { decisionReason: reason } : {}) } : i;
      setPages((all) => ({ ...all, pending: all.pending && { ...all.pending, items: all.pending.items.map(update) }, handled: undefined }));
      setAnnouncement(t('decided', { name: item.visitorName, status: bookingStatusLabel(decided.status, 'staff', language) }));
      // the buttons are gone: keyboard focus goes to the booking's name
      setTimeout(() => document.getElementById(`host-item-${item.id}`)?.focus(), 0);
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  const onAction = (item: HostInboxItem, action: InboxAction) => {
    if (busy) return;
    if (action === 'approve') void decide(item, action);
    else setAsking({ action, visitorName: item.visitorName, item });
  };
  const closeDialog = (item: HostInboxItem, action: InboxAction) => {
    setAsking(undefined);
    setTimeout(() => document.querySelector<HTMLElement>(`#host-item-${item.id} ~ .actions [data-testid="host-${action}"]`)?.focus(), 0);
  };

  const page = pages[box];
  return (
    <Screen title={t('hostInboxTitle')} testId="host-inbox-screen">
      <p className="visually-hidden" role="status" data-testid="host-announcement">
        {announcement}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <TabList
        tabs={BOXES}
        chosen={box}
        onChoose={setBox}
        label={t('hostInboxTabs')}
        labelOf={(b) => t(TAB_LABEL[b])}
        idPrefix="host-tab"
        panelId="host-tabpanel"
      />
      <div role="tabpanel" id="host-tabpanel" aria-labelledby={`host-tab-${box}`} data-testid="host-tabpanel" data-box={box}>
        <div className="toolbar">
          <button type="button" data-testid="host-refresh" onClick={() => void load(box)}>
            {t('refresh')}
          </button>
        </div>
        {page === undefined ? (
          <p role="status">{t('loading')}</p>
        ) : page.items.length === 0 ? (
          <p>{t(EMPTY_LABEL[box])}</p>
        ) : (
          <ul className="bookings">
            {page.items.map((item) => (
              <InboxItemCard
                key={item.id}
                item={item}
                actions={box === 'pending' && item.status === 'pending'}
                busy={busy}
                onAction={(a) => onAction(item, a)}
              />
            ))}
          </ul>
        )}
        {page?.nextCursor !== undefined && (
          <button type="button" data-testid="host-load-more" onClick={() => void load(box, page.nextCursor)}>
            {t('hostLoadMore')}
          </button>
        )}
      </div>
      {asking && (
        <ReasonDialog
          request={asking}
          onCancel={() => closeDialog(asking.item, asking.action)}
          onConfirm={(reason) => {
            const { item, action } = asking;
            setAsking(undefined);
            void decide(item, action, reason);
          }}
        />
      )}
    </Screen>
  );
}
