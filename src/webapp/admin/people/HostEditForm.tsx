/** Editing one host: name, phone (empty keeps it; it is shown masked), department, office, visit permission. */
import { useState } from 'react';
import type { HostAdminView, HostUpdate } from '../../../shared/peopleAdmin';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { updateHost } from './api';

export function HostEditForm({
  token,
  host,
  onSaved,
  onCancel,
  onSignOut,
}: {
  token: string;
  host: HostAdminView;
  onSaved: (h: HostAdminView) => void;
  onCancel: () => void;
  onSignOut: (notice?: string) => void;
}) {
  const { t } = useLanguage();
  const [name, setName] = useState(host.name);
  const [phone, setPhone] = useState('');
  const [department, setDepartment] = useState(host.department);
  const [office, setOffice] = useState(host.office ?? '');
  const [permitted, setPermitted] = useState(host.canReceiveVisitors);
  const fail = useAdminFailure(onSignOut);

  const submit = useSubmit(
    async () => {
      const body: HostUpdate = {
        name,
        department,
        office: office.trim() === '' ? null : office,
        canReceiveVisitors: permitted,
        ...(phone.trim() !== '' ? { phone } : {}),
      };
      onSaved(await updateHost(token, host.id, body));
    },
    { describe: fail },
  );

  return (
    <form className="admin-panel" noValidate onSubmit={submit.onSubmit} aria-labelledby="host-edit-title" data-testid="host-edit-form">
      <h2 id="host-edit-title" tabIndex={-1}>
        {t('hostEditTitle', { name: host.name })}
      </h2>
      <Field id="host-edit-name" label={t('hostColName')} required>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="host-edit-phone" label={t('hostColPhone')} hint={t('hostEditPhoneHint', { masked: host.phoneMasked })}>
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="host-edit-department" label={t('hostColDepartment')}>
        <input value={department} onChange={(e) => setDepartment(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="host-edit-office" label={t('hostColOffice')}>
        <input value={office} onChange={(e) => setOffice(e.target.value)} autoComplete="off" />
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" checked={permitted} onChange={(e) => setPermitted(e.target.checked)} data-testid="host-edit-permission" />{' '}
          {t('hostColPermission')}
        </label>
      </div>
      {submit.error && (
        <p className="field-error" role="alert">
          {submit.error}
        </p>
      )}
      <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="host-edit-save">
        {t('hostEditSave')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('hostEditCancel')}
      </button>
    </form>
  );
}
