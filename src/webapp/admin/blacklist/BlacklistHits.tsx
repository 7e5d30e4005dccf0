/** One entry's hits: when, where (application, approval, kiosk), the outcome and the person, masked. */
import { useEffect, useState } from 'react';
import type { BlacklistAdminEntry, BlacklistHit } from '../../../shared/blacklistAdmin';
import { ApiFailure } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { blacklistHits } from './api';

export function BlacklistHits({ token, entry, onSignOut }: { token: string; entry: BlacklistAdminEntry; onSignOut: (notice?: string) => void }) {
  const { t, language } = useLanguage();
  const [hits, setHits] = useState<BlacklistHit[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    blacklistHits(token, entry.id).then(
      (r) => live && setHits(r.hits),
      (err: unknown) => {
        if (err instanceof ApiFailure && err.status === 401) onSignOut(t('adminTokenRejected'));
        else if (live) setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
      },
    );
    return () => {
      live = false;
    };
  }, [token, entry.id, onSignOut, t]);
  useEffect(() => {
    document.getElementById('bl-hits-title')?.focus();
  }, [entry.id]);

  const title = t('blHitsTitle', { name: entry.name ?? entry.phoneMasked ?? entry.idNumberMasked ?? '' });
  return (
    <section className="admin-panel" aria-labelledby="bl-hits-title" data-testid="bl-hits">
      <h2 id="bl-hits-title" tabIndex={-1}>
        {title}
      </h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {hits?.length === 0 && <p>{t('blHitsNone')}</p>}
      {hits && hits.length > 0 && (
        <div className="admin-table-wrap" role="region" aria-label={`${t('blColHits')} · ${title}`} tabIndex={0}>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('blHitAt')}</th>
                <th scope="col">{t('blHitSource')}</th>
                <th scope="col">{t('blHitOutcome')}</th>
                <th scope="col">{t('blHitWho')}</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((h) => (
                <tr key={h.id}>
                  <td>{new Date(h.at).toLocaleString(language)}</td>
                  <td>{t(`blSource_${h.source}`)}</td>
                  <td>{t(`blOutcome_${h.outcome}`)}</td>
                  <td>{h.nameMasked}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
