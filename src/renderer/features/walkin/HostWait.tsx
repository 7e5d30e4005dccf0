import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { conflictReasonKey, hasReasonFor } from '../sync/conflictReasons';

/** The seconds since `since`, ticking once a second while shown. */
function useElapsedSeconds(since: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return Math.max(0, Math.floor((now - since) / 1000));
}

const ENDED: Partial<Record<string, MessageKey>> = {
  rejected: 'walkin.waiting.rejected',
  cancelled: 'walkin.waiting.cancelled',
  expired: 'walkin.waiting.expired',
  refused: 'walkin.waiting.refused',
  failed: 'walkin.waiting.failed',
};

/**
 * 等待受访人确认: the walk-in waits for its host (masked name, the time waited, a way to stop waiting); the cloud lost:
 * said so, with the site's offline rule; the host's no, a cancellation or the cloud's refusal: in words, then home.
 * 取消等待 withdraws the walk-in (in the cloud too); leaving the screen otherwise does not.
 */
export function HostWaitScreen() {
  const t = useT();
  const wait = useKiosk((s) => s.walkin.hostWait);
  const error = useKiosk((s) => s.walkin.error);
  const cancel = useKiosk((s) => s.cancelHostWait);
  const applyRule = useKiosk((s) => s.applyWalkInOfflineRule);
  const goHome = useKiosk((s) => s.goHome);
  const open = wait !== null && (wait.state === 'waiting' || wait.state === 'connection_lost');
  // left while still waiting (home, idle reset): the core keeps waiting; the desk picks it up again from 等待中的访客
  const seconds = useElapsedSeconds(wait?.since ?? 0, open);
  if (!wait) return null;
  const ended = ENDED[wait.state];

  return (
    <section className="screen walkin walkin__wait" data-testid="walkin-host-wait" data-state={wait.state}>
      <ScreenHeader title={t('walkin.waiting.title')} />
      <ErrorBanner error={error} />
      {ended === undefined ? (
        <>
          <p className="walkin__wait-host" data-testid="walkin-wait-host">
            {t('walkin.waiting.host', { host: wait.hostNameMasked })}
          </p>
          {wait.state === 'waiting' ? (
            <progress className="walkin__wait-progress" aria-label={t('walkin.waiting.title')} data-testid="walkin-wait-progress" />
          ) : (
            <div className="card walkin__wait-lost" role="alert" data-testid="walkin-wait-lost">
              <p>{t('walkin.waiting.lost')}</p>
              <p>{t(wait.offlineFallback === 'desk' ? 'walkin.waiting.fallbackDesk' : 'walkin.waiting.fallbackRefuse')}</p>
              {wait.offlineFallback === 'desk' && (
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="walkin-apply-fallback"
                  disabled={wait.busy}
                  onClick={() => void applyRule()}
                >
                  {t('walkin.waiting.applyFallback')}
                </button>
              )}
            </div>
          )}
          <p className="field__hint" role="timer" aria-live="off" data-testid="walkin-wait-elapsed">
            {t('walkin.waiting.elapsed', { seconds: String(seconds) })}
          </p>
          <button
            type="button"
            className="button button--secondary button--huge"
            data-testid="walkin-wait-cancel"
            disabled={wait.busy}
            onClick={() => void cancel()}
          >
            {t('walkin.waiting.cancel')}
          </button>
        </>
      ) : (
        <div className="card walkin__wait-ended" role="status" data-testid="walkin-wait-ended">
          <p>{t(ended)}</p>
          {wait.state === 'rejected' && wait.reason !== undefined && (
            <p data-testid="walkin-wait-reason">{t('walkin.waiting.rejectedReason', { reason: wait.reason })}</p>
          )}
          {wait.state === 'refused' && wait.code !== undefined && hasReasonFor(wait.code) && (
            <p data-testid="walkin-wait-reason">{t(conflictReasonKey({ code: wait.code, status: 'conflict' }))}</p>
          )}
          <button type="button" className="button button--primary button--huge" data-testid="walkin-wait-done" onClick={goHome}>
            {t('walkin.waiting.done')}
          </button>
        </div>
      )}
    </section>
  );
}
