/**
 * /app/host/invitations, 邀请: the host invites a visitor — a visit window, how many companions, how long the link
 * works, whether the booking needs approval — and gets the link and its QR code to copy or share (shown once: the
 * cloud keeps only the token's hash). Below, the host's invitations, 邀请中 / 已使用 / 已失效, an open one revocable.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Invitation, InvitationCreated } from '../../shared/hostDesk';
import { ApiFailure } from '../api/client';
import { listInvitations, revokeInvitation } from '../api/hostClient';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { InvitationForm } from './InvitationForm';
import { InvitationQr } from './InvitationQr';
import type { HostSession } from './session';

function CreatedInvitation({ created }: { created: InvitationCreated }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.qrPayload);
      setCopied(t('hostLinkCopied'));
    } catch {
      setCopied(t('hostLinkCopyFailed'));
    }
  };
  const canShare = typeof navigator.share === 'function';
  return (
    <section className="host-invitation-created" aria-labelledby="host-created-title" data-testid="host-invitation-created">
      <h2 id="host-created-title" tabIndex={-1}>
        {t('hostInvitationCreated')}
      </h2>
      <p>{t('hostInvitationShownOnce')}</p>
      <label htmlFor="host-invitation-link">{t('hostInvitationLink')}</label>
      <input id="host-invitation-link" data-testid="host-invitation-link" type="text" readOnly value={created.qrPayload} onFocus={(e) => e.target.select()} />
      <div className="actions">
        <button type="button" data-testid="host-copy-link" onClick={() => void copy()}>
          {t('hostCopyLink')}
        </button>
        {canShare && (
          <button type="button" onClick={() => void navigator.share({ title: t('hostInvitationShareTitle'), url: created.qrPayload }).catch(() => undefined)}>
            {t('hostShareLink')}
          </button>
        )}
      </div>
      <p role="status">{copied}</p>
      <InvitationQr link={created.qrPayload} />
    </section>
  );
}

export function InvitationsScreen({ session, onSessionEnded }: { session: HostSession; onSessionEnded: () => void }) {
  const { t, language } = useLanguage();
  const [list, setList] = useState<Invitation[] | undefined>();
  const [created, setCreated] = useState<InvitationCreated | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) onSessionEnded();
      else setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
    },
    [onSessionEnded, t],
  );
  const load = useCallback(async () => {
    try {
      setList((await listInvitations(session.token)).invitations);
    } catch (err) {
      failed(err);
    }
  }, [session.token, failed]);
  useEffect(() => {
    void load();
  }, [load]);

  const revoke = async (inv: Invitation) => {
    try {
      const revoked = await revokeInvitation(session.token, inv.id);
      setList((l) => l?.map((i) => (i.id === revoked.id ? revoked : i)));
      setAnnouncement(t('hostInvitationRevoked'));
      setTimeout(() => document.getElementById('host-invitations-title')?.focus(), 0);
    } catch (err) {
      failed(err);
    }
  };

  return (
    <Screen title={t('hostInvitationsTitle')} testId="host-invitations-screen">
      <p className="visually-hidden" role="status" data-testid="host-invitation-announcement">
        {announcement}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <InvitationForm
        session={session}
        onCreated={(c) => {
          setCreated(c);
          setAnnouncement(t('hostInvitationCreated'));
          void load();
          setTimeout(() => document.getElementById('host-created-title')?.focus(), 0);
        }}
        onFailed={failed}
      />
      {created && <CreatedInvitation created={created} />}
      <section aria-labelledby="host-invitations-title">
        <h2 id="host-invitations-title" tabIndex={-1}>
          {t('hostInvitationList')}
        </h2>
        {list === undefined ? (
          <p role="status">{t('loading')}</p>
        ) : list.length === 0 ? (
          <p>{t('hostNoInvitations')}</p>
        ) : (
          <ul className="bookings">
            {list.map((inv) => (
              <li key={inv.id} className="booking" data-testid="host-invitation" data-invitation-id={inv.id} data-status={inv.status}>
                <dl className="details">
                  <dt>{t('bookingStatus')}</dt>
                  <dd data-testid="host-invitation-status">{inv.statusLabel[language]}</dd>
                  {inv.window && (
                    <>
                      <dt>{t('bookingWindow')}</dt>
                      <dd>{formatWindow(inv.window.start, inv.window.end, language)}</dd>
                    </>
                  )}
                  <dt>{t('hostCompanionLimit')}</dt>
                  <dd>{inv.companionLimit}</dd>
                  <dt>{t('hostNeedsApproval')}</dt>
                  <dd>{t(inv.needsApproval ? 'hostYes' : 'hostNo')}</dd>
                  <dt>{t('hostExpiresAt')}</dt>
                  <dd>{new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(inv.expiresAt))}</dd>
                </dl>
                {inv.status === 'inviting' && (
                  <div className="actions">
                    <button type="button" data-testid="host-revoke" onClick={() => void revoke(inv)}>
                      {t('hostRevoke')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Screen>
  );
}
