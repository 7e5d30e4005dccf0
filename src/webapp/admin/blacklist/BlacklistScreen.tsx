/**
 * /app/admin/blacklist: add an entry, search the list (name, masked or whole number, level, status), see an entry's
 * hits, deactivate one. Only masked numbers are ever shown. Desktop-first; at 360 px the table scrolls in its box.
 */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { BlacklistAdminEntry } from '../../../shared/blacklistAdmin';
import { ApiFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { deactivateBlacklistEntry, searchBlacklist, type BlacklistQuery } from './api';
import { BlacklistAddForm } from './BlacklistAddForm';
import { BlacklistHits } from './BlacklistHits';

const NO_QUERY: BlacklistQuery = { q: '', level: '', status: '' };

export function BlacklistScreen({ session, onSignOut }: AdminScreenProps) {
  const { t, language } = useLanguage();
  const [query, setQuery] = useState<BlacklistQuery>(NO_QUERY);
  const [entries, setEntries] = useState<BlacklistAdminEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const [shown, setShown] = useState<BlacklistAdminEntry | undefined>();

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) onSignOut(t('adminTokenRejected'));
      else setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
    },
    [onSignOut, t],
  );
  const load = useCallback(
    async (q: BlacklistQuery) => {
      try {
        setEntries((await searchBlacklist(session.token, q)).entries);
        setError(undefined);
      } catch (err) {
        failed(err);
      }
    },
    [session.token, failed],
  );
  useEffect(() => {
    void load(NO_QUERY);
  }, [load]);

  const search = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    void load(query);
  };
  const deactivate = async (entry: BlacklistAdminEntry) => {
    try {
      await deactivateBlacklistEntry(session.token, entry.id);
      setNotice(t('blDeactivated'));
      await load(query);
    } catch (err) {
      failed(err);
    }
  };
  const label = (e: BlacklistAdminEntry) => e.name ?? e.phoneMasked ?? e.idNumberMasked ?? t('blNoName');

  return (
    <Screen title={t('blacklistTitle')} testId="admin-blacklist-screen">
      <BlacklistAddForm
        token={session.token}
        onSignOut={onSignOut}
        onAdded={() => {
          setNotice(t('blAdded'));
          void load(query);
        }}
      />
      <form className="admin-search" role="search" aria-label={t('blSearch')} noValidate onSubmit={search}>
        <Field id="bl-q" label={t('blSearchQ')}>
          <input value={query.q} onChange={(e) => setQuery((q) => ({ ...q, q: e.target.value }))} autoComplete="off" />
        </Field>
        <Field id="bl-q-level" label={t('blSearchLevel')}>
          <select
            value={query.level}
            onChange={(e) => setQuery((q) => ({ ...q, level: e.target.value === 'warn' || e.target.value === 'refuse' ? e.target.value : '' }))}
          >
            <option value="">{t('blAny')}</option>
            <option value="refuse">{t('blLevelRefuse')}</option>
            <option value="warn">{t('blLevelWarn')}</option>
          </select>
        </Field>
        <Field id="bl-q-status" label={t('blSearchStatus')}>
          <select
            value={query.status}
            onChange={(e) => {
              const v = e.target.value;
              setQuery((q) => ({ ...q, status: v === 'active' || v === 'expired' || v === 'inactive' ? v : '' }));
            }}
          >
            <option value="">{t('blAny')}</option>
            <option value="active">{t('blStatus_active')}</option>
            <option value="expired">{t('blStatus_expired')}</option>
            <option value="inactive">{t('blStatus_inactive')}</option>
          </select>
        </Field>
        <button type="submit" data-testid="bl-search-submit">
          {t('blSearchSubmit')}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" aria-live="polite">
        {notice}
      </p>
      {entries && (
        <div className="admin-table-wrap" role="region" aria-label={t('blCount', { n: entries.length })} tabIndex={0}>
          <table className="admin-table" data-testid="bl-table">
            <caption>{t('blCount', { n: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('blColName')}</th>
                <th scope="col">{t('blColNumbers')}</th>
                <th scope="col">{t('blColLevel')}</th>
                <th scope="col">{t('blColReason')}</th>
                <th scope="col">{t('blColStatus')}</th>
                <th scope="col">{t('blColExpires')}</th>
                <th scope="col">{t('blColAddedBy')}</th>
                <th scope="col">{t('blColHits')}</th>
                <th scope="col">{t('blColActions')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.name ?? t('blNoName')}</th>
                  <td>{[e.phoneMasked, e.idNumberMasked].filter(Boolean).join(' / ')}</td>
                  <td>{e.level === 'warn' ? t('blLevelWarn') : t('blLevelRefuse')}</td>
                  <td>{e.reason}</td>
                  <td>{t(`blStatus_${e.status}`)}</td>
                  <td>{e.expiresAt ? new Date(e.expiresAt).toLocaleDateString(language) : ''}</td>
                  <td>{e.addedBy ?? ''}</td>
                  <td data-testid={`bl-hits-count-${e.id}`}>{e.hits}</td>
                  <td>
                    <button type="button" aria-label={t('blShowHitsLabel', { name: label(e) })} onClick={() => setShown(e)}>
                      {t('blShowHits')}
                    </button>{' '}
                    {e.status === 'active' && (
                      <button type="button" aria-label={t('blDeactivateLabel', { name: label(e) })} onClick={() => void deactivate(e)}>
                        {t('blDeactivate')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.length === 0 && <p>{t('blNone')}</p>}
        </div>
      )}
      {shown && <BlacklistHits key={shown.id} token={session.token} entry={shown} onSignOut={onSignOut} />}
    </Screen>
  );
}
