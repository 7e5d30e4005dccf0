/** Adding a blacklist entry: name, phone, resident ID number (at least one), level, reason, an optional expiry day. */
import { useState } from 'react';
import type { BlacklistCreate } from '../../../shared/api';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { addToBlacklist } from './api';

export function BlacklistAddForm({ token, onAdded, onSignOut }: { token: string; onAdded: () => void; onSignOut: (notice?: string) => void }) {
  const { t } = useLanguage();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [level, setLevel] = useState<'warn' | 'refuse'>('refuse');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const fail = useAdminFailure(onSignOut);

  const submit = useSubmit(
    async () => {
      const body: BlacklistCreate = {
        reason,
        level,
        ...(name.trim() !== '' ? { name } : {}),
        ...(phone.trim() !== '' ? { phone } : {}),
        ...(idNumber.trim() !== '' ? { idNumber } : {}),
        // the end of the chosen day where the browser is
        ...(expires !== '' ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      };
      await addToBlacklist(token, body);
      setName('');
      setPhone('');
      setIdNumber('');
      setReason('');
      setExpires('');
      onAdded();
    },
    { describe: fail, focusId: 'bl-add-reason' },
  );

  return (
    <form className="admin-panel" noValidate onSubmit={submit.onSubmit} aria-labelledby="bl-add-title">
      <h2 id="bl-add-title">{t('blacklistAddTitle')}</h2>
      <p>{t('blacklistAddIntro')}</p>
      <Field id="bl-add-name" label={t('blName')}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="bl-add-phone" label={t('blPhone')}>
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="bl-add-idNumber" label={t('blIdNumber')}>
        <input value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      <Field id="bl-add-level" label={t('blLevel')}>
        <select value={level} onChange={(e) => setLevel(e.target.value === 'warn' ? 'warn' : 'refuse')}>
          <option value="refuse">{t('blLevelRefuse')}</option>
          <option value="warn">{t('blLevelWarn')}</option>
        </select>
      </Field>
      <Field id="bl-add-reason" label={t('blReason')} required error={submit.error}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="bl-add-expires" label={t('blExpires')}>
        <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </Field>
      <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="bl-add-submit">
        {t('blAdd')}
      </button>
    </form>
  );
}
