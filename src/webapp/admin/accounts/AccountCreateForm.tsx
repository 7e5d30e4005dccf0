/**
 * Creating a staff account: name, phone, roles as checkboxes, a reviewer's departments (checkboxes from the site's
 * list, sent by id), an optional password (its 10-character rule shown as a hint). The cloud's problems are shown
 * beside their fields.
 */
import { useEffect, useState } from 'react';
import { AccountRole, type AccountCreate } from '../../../shared/accounts';
import type { Department } from '../../../shared/peopleAdmin';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { createAccount, listSiteDepartments } from './api';
import { accountProblems, type AccountField } from './accountProblems';
import { DepartmentChecklist } from './DepartmentChecklist';

interface Props {
  token: string;
  /** the site the account is of (undefined: every site, which the cloud allows an administrator only) */
  siteId: string | undefined;
  onCreated: (name: string) => void;
  onSignOut: (notice?: string) => void;
}

export function AccountCreateForm({ token, siteId, onCreated, onSignOut }: Props) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [roles, setRoles] = useState<AccountRole[]>([]);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [siteDepartments, setSiteDepartments] = useState<Department[] | undefined>();
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Partial<Record<AccountField, string>>>({});

  const toggle = (role: AccountRole, on: boolean) => setRoles((rs) => (on ? [...rs, role] : rs.filter((r) => r !== role)));
  const reviewer = roles.includes('reviewer');

  // the site's departments, read when a reviewer is being made (again when the site changes)
  useEffect(() => {
    if (!reviewer) return;
    let live = true;
    setSiteDepartments(undefined);
    listSiteDepartments(token, siteId).then(
      ({ departments }) => live && setSiteDepartments(departments),
      () => live && setSiteDepartments([]),
    );
    return () => {
      live = false;
    };
  }, [reviewer, token, siteId]);

  const submit = useSubmit(
    async () => {
      setProblems({});
      const body: AccountCreate = {
        ...(siteId !== undefined ? { siteId } : {}),
        name: name.trim(),
        phone: phone.replace(/[\s-]/g, ''),
        roles,
        departmentIds: reviewer ? departmentIds : [],
        ...(password !== '' ? { password } : {}),
      };
      const created = await createAccount(token, body);
      setName('');
      setPhone('');
      setRoles([]);
      setDepartmentIds([]);
      setPassword('');
      onCreated(created.name);
    },
    {
      describe: (err) => {
        const byField = accountProblems(err);
        if (!byField) return fail(err);
        setProblems(byField);
        return byField.siteId ?? '';
      },
    },
  );
  const error = submit.error === '' ? undefined : submit.error;

  return (
    <form className="admin-panel" noValidate onSubmit={submit.onSubmit} aria-labelledby="ac-create-title" data-testid="ac-create-form">
      <h2 id="ac-create-title">{t('acCreateTitle')}</h2>
      {error && (
        <p className="field-error" role="alert" data-testid="ac-create-error">
          {error}
        </p>
      )}
      <Field id="ac-name" label={t('acName')} required error={problems.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="ac-phone" label={t('acPhone')} required error={problems.phone}>
        <input type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
      </Field>
      <fieldset className="field ac-roles" aria-describedby={problems.roles ? 'ac-roles-error' : undefined} aria-invalid={problems.roles ? true : undefined}>
        <legend>{t('acRoles')}</legend>
        {AccountRole.options.map((role) => (
          <label key={role}>
            <input type="checkbox" data-testid={`ac-role-${role}`} checked={roles.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />{' '}
            {t(`role_${role}`)}
          </label>
        ))}
        {problems.roles && (
          <p className="field-error" id="ac-roles-error" data-testid="ac-roles-error">
            {problems.roles}
          </p>
        )}
      </fieldset>
      {reviewer && (
        <DepartmentChecklist
          id="ac-departments"
          departments={siteDepartments}
          selected={departmentIds}
          onChange={setDepartmentIds}
          error={problems.departments}
        />
      )}
      <Field id="ac-password" label={t('acPassword')} hint={t('acPasswordHint')} error={problems.password}>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="ac-create-submit">
        {t('acCreate')}
      </button>
    </form>
  );
}
