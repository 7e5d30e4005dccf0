/**
 * /app/admin/hosts: find hosts (name prefix, department, phone or its visible digits), see them with phones masked,
 * edit one (visit permission on/off, office...), import more from CSV, and keep the site's departments. Desktop-first; at 360 px the table
 * scrolls inside its own box.
 */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { HostAdminView } from '../../../shared/peopleAdmin';
import { ApiFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { searchHosts, type HostQuery } from './api';
import { DepartmentsPanel } from './DepartmentsPanel';
import { HostEditForm } from './HostEditForm';
import { HostImport } from './HostImport';

const NO_QUERY: HostQuery = { name: '', department: '', phone: '' };

export function HostsScreen({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const [query, setQuery] = useState<HostQuery>(NO_QUERY);
  const [hosts, setHosts] = useState<HostAdminView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<HostAdminView | undefined>();
  const [notice, setNotice] = useState('');
  const [imports, setImports] = useState(0);

  const load = useCallback(
    async (q: HostQuery) => {
      try {
        setHosts((await searchHosts(session.token, q)).hosts);
        setError(undefined);
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) onSignOut(t('adminTokenRejected'));
        else setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
      }
    },
    [session.token, onSignOut, t],
  );
  useEffect(() => {
    void load(NO_QUERY);
  }, [load]);
  useEffect(() => {
    if (editing) document.getElementById('host-edit-title')?.focus();
  }, [editing]);

  const search = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    void load(query);
  };
  const set = (k: keyof HostQuery) => (e: { target: { value: string } }) => setQuery((q) => ({ ...q, [k]: e.target.value }));

  return (
    <Screen title={t('hostsTitle')} testId="admin-hosts-screen">
      <form className="admin-search" role="search" aria-label={t('hostsSearch')} noValidate onSubmit={search}>
        <Field id="hosts-q-name" label={t('hostsSearchName')}>
          <input value={query.name} onChange={set('name')} autoComplete="off" />
        </Field>
        <Field id="hosts-q-department" label={t('hostsSearchDepartment')}>
          <input value={query.department} onChange={set('department')} autoComplete="off" />
        </Field>
        <Field id="hosts-q-phone" label={t('hostsSearchPhone')}>
          <input value={query.phone} onChange={set('phone')} inputMode="tel" autoComplete="off" />
        </Field>
        <button type="submit" data-testid="hosts-search-submit">
          {t('hostsSearchSubmit')}
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
      {editing && (
        <HostEditForm
          key={editing.id}
          token={session.token}
          host={editing}
          onSignOut={onSignOut}
          onCancel={() => setEditing(undefined)}
          onSaved={(h) => {
            setEditing(undefined);
            setNotice(t('hostSaved', { name: h.name }));
            setHosts((list) => list?.map((x) => (x.id === h.id ? h : x)));
          }}
        />
      )}
      {hosts && (
        <div className="admin-table-wrap" role="region" aria-label={t('hostsCount', { n: hosts.length })} tabIndex={0}>
          <table className="admin-table" data-testid="hosts-table">
            <caption>{t('hostsCount', { n: hosts.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hostColName')}</th>
                <th scope="col">{t('hostColPhone')}</th>
                <th scope="col">{t('hostColDepartment')}</th>
                <th scope="col">{t('hostColOffice')}</th>
                <th scope="col">{t('hostColPermission')}</th>
                <th scope="col">{t('hostColActions')}</th>
              </tr>
            </thead>
            <tbody>
              {hosts.map((h) => (
                <tr key={h.id}>
                  <th scope="row">{h.name}</th>
                  <td>{h.phoneMasked}</td>
                  <td>{h.department}</td>
                  <td>{h.office ?? ''}</td>
                  <td>{h.canReceiveVisitors ? t('yes') : t('no')}</td>
                  <td>
                    <button type="button" aria-label={t('hostEditLabel', { name: h.name })} onClick={() => setEditing(h)}>
                      {t('hostEdit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hosts.length === 0 && <p>{t('hostsNone')}</p>}
        </div>
      )}
      <HostImport
        token={session.token}
        onSignOut={onSignOut}
        onImported={() => {
          // an import may bring new departments: the panel reads them again
          setImports((n) => n + 1);
          void load(query);
        }}
      />
      <DepartmentsPanel key={imports} token={session.token} onSignOut={onSignOut} onChanged={() => void load(query)} />
    </Screen>
  );
}
