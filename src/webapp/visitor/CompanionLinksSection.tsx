/**
 * On my booking's detail (pending, returned or approved): 转发同伴填写 — make a link for one companion, shown once with
 * copy, share and its QR code; below, the links sent with their state (待填写 / 已填写 / 已失效 / 已撤销), the companion
 * each made (name masked, their sub-bill's status), and an open one revocable.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompanionLink, CompanionLinkCreated, CompanionLinkList } from '../../shared/companionLinks';
import { listCompanionLinks, makeCompanionLink, revokeCompanionLink } from '../api/companionClient';
import { useSubmit } from '../components/useSubmit';
import { InvitationQr } from '../host/InvitationQr';
import { useLanguage } from '../i18n/language';
import { errorText, sessionEnded } from './errorText';
import type { VisitorSession } from './session';

function MadeLink({ made }: { made: CompanionLinkCreated }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [made.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(made.qrPayload);
      setCopied(t('companionLinkCopied'));
    } catch {
      setCopied(t('companionLinkCopyFailed'));
    }
  };
  const canShare = typeof navigator.share === 'function';
  return (
    <div className="companion-link-made" data-testid="companion-link-made">
      <h3 id="companion-link-made-title" ref={heading} tabIndex={-1}>
        {t('companionLinkMade')}
      </h3>
      <p>{t('companionLinkShownOnce')}</p>
      <label htmlFor="companion-link-url">{t('companionLinkLabel')}</label>
      <input id="companion-link-url" data-testid="companion-link-url" type="text" readOnly value={made.qrPayload} onFocus={(e) => e.target.select()} />
      <div className="actions">
        <button type="button" data-testid="companion-link-copy" onClick={() => void copy()}>
          {t('companionLinkCopy')}
        </button>
        {canShare && (
          <button type="button" onClick={() => void navigator.share({ title: t('companionLinkShareTitle'), url: made.qrPayload }).catch(() => undefined)}>
            {t('companionLinkShare')}
          </button>
        )}
      </div>
      <p role="status">{copied}</p>
      <InvitationQr link={made.qrPayload} alt={t('companionLinkQrAlt')} testId="companion-link-qr" />
    </div>
  );
}

function LinkRow({ link, onRevoke }: { link: CompanionLink; onRevoke: () => void }) {
  const { t, language } = useLanguage();
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(link.expiresAt));
  return (
    <li data-testid="companion-link" data-status={link.status}>
      <span className={`status companion-link-${link.status}`}>{link.statusLabel[language]}</span>{' '}
      {link.companion ? (
        <span data-testid="companion-link-companion">
          {t('companionFilledBy', { name: link.companion.nameMasked, status: link.companion.statusLabel[language] })}
        </span>
      ) : (
        link.status === 'open' && <span>{t('companionLinkExpires', { time })}</span>
      )}
      {link.status === 'open' && (
        <button type="button" className="danger" data-testid="companion-link-revoke" onClick={onRevoke}>
          {t('companionLinkRevoke')}
        </button>
      )}
    </li>
  );
}

export function CompanionLinksSection({ session, bookingId, onSessionEnded }: { session: VisitorSession; bookingId: string; onSessionEnded: () => void }) {
  const { t } = useLanguage();
  const [list, setList] = useState<CompanionLinkList | undefined>();
  const [made, setMade] = useState<CompanionLinkCreated | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const describe = useCallback(
    (err: unknown) => {
      if (sessionEnded(err)) onSessionEnded();
      return errorText(err, t);
    },
    [onSessionEnded, t],
  );
  const load = useCallback(async () => setList(await listCompanionLinks(session.token, bookingId)), [session.token, bookingId]);
  const loading = useSubmit(load, { describe });
  const make = useSubmit(
    async () => {
      setAnnouncement('');
      setMade(await makeCompanionLink(session.token, bookingId));
      await load();
    },
    { describe, focusId: 'companion-link-make' },
  );
  const { run: runLoad } = loading;
  useEffect(() => {
    void runLoad();
  }, [runLoad]);

  const revoke = async (link: CompanionLink) => {
    try {
      await revokeCompanionLink(session.token, bookingId, link.id);
      if (made?.id === link.id) setMade(undefined);
      setAnnouncement(t('companionLinkRevoked'));
      await load();
    } catch (err) {
      make.setError(describe(err));
    }
  };

  const error = make.error ?? loading.error;
  return (
    <section className="companion-links" aria-labelledby="companion-links-title" data-testid="companion-links">
      <h2 id="companion-links-title">{t('companionLinksTitle')}</h2>
      <p>{t('companionLinksIntro')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="companion-links-error">
          {error}
        </p>
      )}
      {list && <p>{list.remaining > 0 ? t('companionLinkRemaining', { n: list.remaining }) : t('companionLinkFull')}</p>}
      {list && list.remaining > 0 && (
        <button
          type="button"
          id="companion-link-make"
          className="primary"
          data-testid="companion-link-make"
          aria-disabled={make.busy}
          onClick={() => void make.run()}
        >
          {make.busy ? t('companionLinkMaking') : t('companionLinkMake')}
        </button>
      )}
      {made && <MadeLink made={made} />}
      <p role="status" data-testid="companion-links-announcement">
        {announcement}
      </p>
      <h3>{t('companionLinkList')}</h3>
      {list && list.links.length === 0 && <p>{t('companionLinkNone')}</p>}
      {list && list.links.length > 0 && (
        <ul className="companion-link-list">
          {list.links.map((l) => (
            <LinkRow key={l.id} link={l} onRevoke={() => void revoke(l)} />
          ))}
        </ul>
      )}
    </section>
  );
}
