/** A reviewer's departments changed: checkboxes from the account's site's list, saved by id (the cloud checks each). */
import { useEffect, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { Department } from '../../../shared/peopleAdmin';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { accountProblems } from './accountProblems';
import { listSiteDepartments, setAccountDepartments } from './api';
import { DepartmentChecklist } from './DepartmentChecklist';

interface Props {
  token: string;
  account: Account;
  onDone: (account: Account) => void;
  onSignOut: (notice?: string) => void;
}

export function AccountDepartmentsForm({ token, account, onDone, onSignOut }: Props) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [selected, setSelected] = useState<string[]>(() => account.departments.map((d) => d.id));
  const [departments, setDepartments] = useState<Department[] | undefined>();
  useEffect(() => {
    let live = true;
    listSiteDepartments(token, account.siteId ?? undefined).then(
      (list) => live && setDepartments(list.departments),
      () => live && setDepartments([]),
    );
    return () => {
      live = false;
    };
  }, [token, account.siteId]);
  const submit = useSubmit(async () => onDone(await setAccountDepartments(token, account.id, selected)), {
    describe: (err) => accountProblems(err)?.departments ?? fail(err),
    focusId: 'ac-edit-departments',
  });

  return (
    <form className="admin-panel" noValidate onSubmit={submit.onSubmit} aria-labelledby="ac-edit-departments-title" data-testid="ac-departments-form">
      <h2 id="ac-edit-departments-title">{t('acDepartmentsTitle', { name: account.name })}</h2>
      <DepartmentChecklist id="ac-edit-departments" departments={departments} selected={selected} onChange={setSelected} error={submit.error} />
      <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="ac-departments-submit">
        {t('acDepartmentsSave')}
      </button>
    </form>
  );
}
