/**
 * /app/admin/kiosks: every kiosk with its site, state in words (online, offline after 2 minutes without a pull,
 * revoked), last seen (relative and absolute), version, commands waiting and conflicts; revocation after a
 * confirmation naming the kiosk; a new enrolment code; the site's and each kiosk's policy layer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskSummary } from '../../../shared/adminApi';
import type { Site } from '../../../shared/domain';
import { listKiosks, listSites, revokeKiosk, type PolicyScope } from '../../api/adminClient';
import { Screen } from '../../components/Screen';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';
import { EnrolmentCodePanel } from './EnrolmentCodePanel';
import { absoluteTime, kioskState, relativeTime } from './kioskState';
import { PolicyEditor } from './PolicyEditor';

const STATE_WORD = { online: 'kioskStateOnline', offline: 'kioskStateOffline', revoked: 'kioskStateRevoked' } as const;

export function KiosksScreen({ session, onSignOut }: AdminScreenProps) {
  const { t, language } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [kiosks, setKiosks] = useState<KioskSummary[] | undefined>();
  const [sites, setSites] = useState<Site[]>([]);
  const [now, setNow] = useState(() => new Date());
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [confirming, setConfirming] = useState<KioskSummary | undefined>();
  const [policyOf, setPolicyOf] = useState<{ scope: PolicyScope; id: string; title: string } | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);

  const load = useCallback(async () => {
    try {
      const [k, s] = await Promise.all([listKiosks(session.token), listSites(session.token)]);
      setKiosks(k.kiosks);
      setSites(s.sites);
      setNow(new Date());
      setError(undefined);
    } catch (err) {
      setError(fail(err));
    }
  }, [session.token, fail]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => {
    if (confirming && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [confirming]);
  const closeDialog = () => {
    dialog.current?.close();
    setConfirming(undefined);
  };
  // the confirmed revocation, once however often the button is pressed; the dialog closes either way
  const revocation = useSubmit(
    async () => {
      const k = confirming;
      if (!k) return;
      try {
        await revokeKiosk(session.token, k.id);
      } finally {
        closeDialog();
      }
      setAnnouncement(t('kioskRevoked', { name: k.name }));
      await load();
      document.getElementById('kiosks-caption')?.focus();
    },
    { describe: fail },
  );
  const shownError = revocation.error ?? error;

  return (
    <Screen title={t('kiosksTitle')} testId="admin-kiosks-screen">
      <div className="toolbar">
        <button type="button" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
      <p className="visually-hidden" role="status" data-testid="kiosks-announcement">
        {announcement}
      </p>
      {shownError && (
        <p className="form-error" role="alert">
          {shownError}
        </p>
      )}
      {kiosks === undefined ? (
        !shownError && <p role="status">{t('loading')}</p>
      ) : kiosks.length === 0 ? (
        <p>{t('kiosksNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <caption id="kiosks-caption" tabIndex={-1}>
              {t('kiosksCaption')}
            </caption>
            <thead>
              <tr>
                {(
                  [
                    'kioskColName',
                    'kioskColSite',
                    'kioskColState',
                    'kioskColLastSeen',
                    'kioskColVersion',
                    'kioskColPending',
                    'kioskColConflicts',
                    'kioskColActions',
                  ] as const
                ).map((c) => (
                  <th key={c} scope="col">
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {kiosks.map((k) => {
                const state = kioskState(k, now);
                return (
                  <tr key={k.id} data-testid="kiosk-row" data-kiosk-id={k.id} data-state={state}>
                    <th scope="row">{k.name}</th>
                    <td>{k.siteName}</td>
                    <td>
                      <span className={`state state-${state}`} data-testid="kiosk-state">
                        {t(STATE_WORD[state])}
                      </span>
                    </td>
                    <td>
                      {k.lastSeenAt === undefined ? (
                        t('kioskNeverSeen')
                      ) : (
                        <time dateTime={k.lastSeenAt} title={absoluteTime(k.lastSeenAt, language)}>
                          {relativeTime(k.lastSeenAt, now, language)}
                          <span className="muted"> ({absoluteTime(k.lastSeenAt, language)})</span>
                        </time>
                      )}
                    </td>
                    <td>{k.version ?? t('kioskUnknown')}</td>
                    <td>{k.pendingCommands ?? t('kioskUnknown')}</td>
                    <td>{k.conflicts}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        aria-label={t('kioskPolicyLabel', { name: k.name })}
                        onClick={() => setPolicyOf({ scope: 'kiosks', id: k.id, title: t('policyTitle', { name: k.name }) })}
                      >
                        {t('kioskPolicy')}
                      </button>
                      {state !== 'revoked' && (
                        <button
                          type="button"
                          className="danger"
                          data-testid="kiosk-revoke"
                          aria-label={t('kioskRevokeLabel', { name: k.name })}
                          onClick={() => setConfirming(k)}
                        >
                          {t('kioskRevoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {sites.length > 0 && <EnrolmentCodePanel token={session.token} sites={sites} fail={fail} />}
      {sites.length > 0 && (
        <section className="admin-panel" aria-labelledby="site-policy-title">
          <h2 id="site-policy-title">{t('policySiteTitle')}</h2>
          <ul className="plain-list">
            {sites.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => setPolicyOf({ scope: 'sites', id: s.id, title: t('policyTitle', { name: s.name }) })}>
                  {t('policyEditSite', { name: s.name })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {policyOf && (
        <PolicyEditor key={`${policyOf.scope}:${policyOf.id}`} token={session.token} {...policyOf} onClose={() => setPolicyOf(undefined)} fail={fail} />
      )}
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="revoke-title"
        aria-describedby="revoke-warning"
        onClose={() => setConfirming(undefined)}
        data-testid="revoke-dialog"
      >
        {confirming && (
          <>
            <h2 id="revoke-title">{t('revokeTitle', { name: confirming.name })}</h2>
            <p id="revoke-warning">{t('revokeWarning')}</p>
            <div className="toolbar">
              <button type="button" onClick={closeDialog}>
                {t('cancel')}
              </button>
              <button type="button" className="danger" data-testid="revoke-confirm" aria-disabled={revocation.busy} onClick={() => void revocation.run()}>
                {t('revokeConfirm', { name: confirming.name })}
              </button>
            </div>
          </>
        )}
      </dialog>
    </Screen>
  );
}
