import { useState } from 'react';
import { AdminPolicy, type AdminPolicyLayers } from '../../../shared/contract/admin';
import { Language } from '../../../shared/domain';
import type { PolicyKey } from '../../../shared/policy';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { Result } from './AdminSections';

/** Under a key the management platform locks: the field is read-only and says so. */
function LockedNote({ id }: { id: string }) {
  const t = useT();
  return (
    <p className="field__hint" id={`${id}-locked`} data-testid={`${id}-locked`}>
      {t('admin.policy.locked')}
    </p>
  );
}

function NumberField(props: { id: string; label: string; value: string; onChange: (v: string) => void; step: string; locked: boolean }) {
  const { id, label, value, onChange, step, locked } = props;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        data-testid={id}
        className="field__input"
        type="number"
        inputMode="decimal"
        step={step}
        value={value}
        readOnly={locked}
        aria-readonly={locked}
        {...(locked ? { 'aria-describedby': `${id}-locked` } : {})}
        onChange={(e) => onChange(e.target.value)}
      />
      {locked && <LockedNote id={id} />}
    </div>
  );
}

/**
 * Threshold, offset, idle time and language: checked by the shared schema, saved by the core as local overrides, in
 * effect at once. A key the management platform locks is shown read-only with 由管理平台设置 (the core refuses it too).
 */
export function PolicySection() {
  const t = useT();
  const overview = useKiosk((s) => s.admin.overview);
  if (!overview) return <Spinner label={t('admin.loading')} />;
  return <PolicyForm key={JSON.stringify([overview.policy, overview.policyLayers])} policy={overview.policy} layers={overview.policyLayers} />;
}

function PolicyForm({ policy, layers }: { policy: AdminPolicy; layers: AdminPolicyLayers }) {
  const t = useT();
  const { busy, result } = useKiosk((s) => s.admin);
  const save = useKiosk((s) => s.saveAdminPolicy);
  const [threshold, setThreshold] = useState(String(policy.temperatureThresholdC));
  const [offset, setOffset] = useState(String(policy.thermometerOffsetC));
  const [idle, setIdle] = useState(String(policy.idleTimeoutS));
  const [language, setLanguage] = useState<Language>(policy.language);
  const [invalid, setInvalid] = useState(false);
  const locked = (key: PolicyKey) => layers.locked.includes(key);
  return (
    <form
      className="admin__form"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = AdminPolicy.safeParse({
          temperatureThresholdC: Number(threshold),
          thermometerOffsetC: Number(offset),
          idleTimeoutS: Number(idle),
          language,
        });
        setInvalid(!parsed.success || threshold === '' || offset === '' || idle === '');
        if (parsed.success) void save(parsed.data);
      }}
    >
      <NumberField
        id="admin-policy-threshold"
        label={t('admin.policy.threshold')}
        value={threshold}
        onChange={setThreshold}
        step="0.1"
        locked={locked('temperatureThresholdC')}
      />
      <NumberField
        id="admin-policy-offset"
        label={t('admin.policy.offset')}
        value={offset}
        onChange={setOffset}
        step="0.1"
        locked={locked('thermometerOffsetC')}
      />
      <NumberField id="admin-policy-idle" label={t('admin.policy.idle')} value={idle} onChange={setIdle} step="1" locked={locked('idleTimeoutS')} />
      <div className="field">
        <label className="field__label" htmlFor="admin-policy-language">
          {t('admin.policy.language')}
        </label>
        <select
          id="admin-policy-language"
          data-testid="admin-policy-language"
          className="field__input"
          value={language}
          disabled={locked('language')}
          {...(locked('language') ? { 'aria-describedby': 'admin-policy-language-locked' } : {})}
          onChange={(e) => setLanguage(Language.parse(e.target.value))}
        >
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
        {locked('language') && <LockedNote id="admin-policy-language" />}
      </div>
      {invalid && (
        <p className="pin-pad__notice" role="alert" data-testid="admin-policy-invalid">
          {t('admin.policy.invalid')}
        </p>
      )}
      {result?.kind === 'policy' && <Result testId="admin-policy-saved">{t('admin.policy.saved')}</Result>}
      <button type="submit" className="button button--primary" data-testid="admin-policy-save" disabled={busy}>
        {t('admin.policy.save')}
      </button>
    </form>
  );
}
