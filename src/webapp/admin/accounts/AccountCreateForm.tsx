/**
 * Creating a staff account: name, phone, roles as checkboxes, a reviewer's departments (free text, one a line), an
 * optional password (its 10-character rule shown as a hint). The cloud's problems are shown beside their fields.
 */
import { useState, type SyntheticEvent } from 'react';
import { AccountRole, type AccountCreate } from '../../../shared/accounts';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { createAccount } from './api';
import { accountProblems, type AccountField } from './accountProblems';

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
  const [departments, setDepartments] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Partial<Record<AccountField, string>>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const toggle = (role: AccountRole, on: boolean) => setRoles((rs) => (on ? [...rs, role] : rs.filter((r) => r !== role)));
  const reviewer = roles.includes('reviewer');

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblems({});
    setError(undefined);
    const body: AccountCreate = {
      ...(siteId !== undefined ? { siteId } : {}),
      name: name.trim(),
      phone: phone.replace(/[\s-]/g, ''),
      roles,
      departments: reviewer
        ? departments
            .split('\n')
            .map((d) => d.trim())
            .filter((d) => d !== '')
        : [],
      ...(password !== '' ? { password } : {}),
    };
    try {
      const created = await createAccount(token, body);
      setName('');
      setPhone('');
      setRoles([]);
      setDepartments('');
      setPassword('');
      onCreated(created.name);
    } catch (err) {
      const byField = accountProblems(err);
      if (byField) {
        setProblems(byField);
        if (byField.siteId !== undefined) setError(byField.siteId);
      } else setError(fail(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="ac-create-title" data-testid="ac-create-form">
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
        <Field id="ac-departments" label={t('acDepartments')} required hint={t('acDepartmentsHint')} error={problems.departments}>
          <textarea rows={3} value={departments} onChange={(e) => setDepartments(e.target.value)} />
        </Field>
      )}
      <Field id="ac-password" label={t('acPassword')} hint={t('acPasswordHint')} error={problems.password}>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="primary" aria-disabled={busy} data-testid="ac-create-submit">
        {t('acCreate')}
      </button>
    </form>
  );
}
