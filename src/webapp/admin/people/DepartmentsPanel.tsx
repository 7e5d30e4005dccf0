/** The hosts screen's departments: the site's list, a new one, a rename (its hosts are renamed with it). */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { Department } from '../../../shared/peopleAdmin';
import { ApiFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/language';
import { addDepartment, listDepartments, renameDepartment } from './api';

export function DepartmentsPanel({ token, onChanged, onSignOut }: { token: string; onChanged: () => void; onSignOut: (notice?: string) => void }) {
  const { t } = useLanguage();
  const [departments, setDepartments] = useState<Department[] | undefined>();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<Department | undefined>();
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) onSignOut(t('adminTokenRejected'));
      else setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
    },
    [onSignOut, t],
  );
  const load = useCallback(async () => {
    try {
      setDepartments((await listDepartments(token)).departments);
    } catch (err) {
      failed(err);
    }
  }, [token, failed]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (run: () => Promise<Department>) => {
    setError(undefined);
    try {
      const d = await run();
      setNotice(t('departmentDone', { name: d.name }));
      setName('');
      setRenaming(undefined);
      await load();
      onChanged();
    } catch (err) {
      failed(err);
    }
  };
  const add = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(() => addDepartment(token, name));
  };
  const rename = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (renaming) void save(() => renameDepartment(token, renaming.id, newName));
  };

  return (
    <section className="admin-panel" aria-labelledby="departments-title">
      <h2 id="departments-title">{t('departmentsTitle')}</h2>
      {departments?.length === 0 && <p>{t('departmentsNone')}</p>}
      <ul className="department-list">
        {departments?.map((d) => (
          <li key={d.id}>
            {d.name}{' '}
            <button
              type="button"
              aria-label={t('departmentRenameLabel', { name: d.name })}
              onClick={() => {
                setRenaming(d);
                setNewName(d.name);
              }}
            >
              {t('departmentRename')}
            </button>
          </li>
        ))}
      </ul>
      {renaming && (
        <form noValidate onSubmit={rename}>
          <Field id="department-rename" label={t('departmentNewName', { name: renaming.name })} required>
            <input value={newName} onChange={(e) => setNewName(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit">{t('departmentSave')}</button>
        </form>
      )}
      <form noValidate onSubmit={add}>
        <Field id="department-new" label={t('departmentNew')} required error={error}>
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <button type="submit" data-testid="department-add">
          {t('departmentAdd')}
        </button>
      </form>
      <p role="status" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}
