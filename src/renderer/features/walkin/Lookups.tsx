import { formatDateTime } from '../../format/dateTime';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** 访客最后来访: this person's most recent visit here (masked), one tap to reuse it. */
export function LastVisitPanel() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const last = useKiosk((s) => s.walkin.lastVisit);
  const reused = useKiosk((s) => s.walkin.reusedPhone);
  const reuse = useKiosk((s) => s.reuseLastVisit);
  if (!last) return null;
  return (
    <div className="card walkin__last" data-testid="last-visit" data-visit-id={last.visitId} data-origin={last.origin}>
      <p className="field__label">
        {t('walkin.lastVisit')}
        {last.origin === 'cloud' && <span className="walkin__origin"> · {t('walkin.fromCloud')}</span>}
      </p>
      <p>
        {t('walkin.lastVisitLine', {
          time: formatDateTime(language, new Date(last.visitedAt)),
          host: last.host?.name ?? last.hostName,
          reason: last.reason ?? '',
        })}
      </p>
      <p className="field__hint">{[last.company, last.phoneMasked, last.plate].filter((x): x is string => x !== undefined && x !== '').join(' · ')}</p>
      <button type="button" className="button button--primary" data-testid="reuse-last-visit" disabled={reused !== null} onClick={reuse}>
        {t('walkin.reuse')}
      </button>
    </div>
  );
}

/** 当日访客来访: today's visitors at this site, masked; copy one's unit, host, reason, type and plate. */
export function TodayVisitorsPanel() {
  const t = useT();
  const today = useKiosk((s) => s.walkin.today);
  const copy = useKiosk((s) => s.copyTodayVisitor);
  if (today === null) return null;
  return (
    <div className="card walkin__today" data-testid="walkin-today">
      <p className="field__label">{t('walkin.today')}</p>
      {today.length === 0 && <p className="field__hint">{t('walkin.todayEmpty')}</p>}
      <ul className="walkin__today-list">
        {today.map((v) => (
          <li key={v.bookingId} className="walkin__today-row" data-testid="today-visitor" data-origin={v.origin}>
            <span>
              {v.nameMasked} · {v.company ?? ''} · {v.host?.name ?? v.hostName} · {v.reason}
              {v.plate ? ` · ${v.plate}` : ''}
              {v.origin === 'cloud' ? ` · ${t('walkin.fromCloud')}` : ''}
            </span>
            <button type="button" className="button button--secondary" data-testid="copy-today" onClick={() => copy(v)}>
              {t('walkin.copy')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
