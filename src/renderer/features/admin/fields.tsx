import type { ReactNode } from 'react';
import { useT } from '../../state/KioskStoreContext';

/** Under a key the management platform locks: the field is read-only and says so. */
export function LockedNote({ id }: { id: string }) {
  const t = useT();
  return (
    <p className="field__hint" id={`${id}-locked`} data-testid={`${id}-locked`}>
      {t('admin.policy.locked')}
    </p>
  );
}

const lockedProps = (id: string, locked: boolean) => (locked ? { 'aria-describedby': `${id}-locked` } : {});

/** One group of the policy form (温度 / 到访 / 通行证 / 文本 / 列表). */
export function PolicyGroup({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <fieldset className="admin-policy__group" data-testid={`admin-policy-group-${id}`}>
      <legend className="admin__subtitle">{title}</legend>
      {children}
    </fieldset>
  );
}

export function NumberField(props: { id: string; label: string; value: string; onChange: (v: string) => void; step: string; locked: boolean }) {
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
        {...lockedProps(id, locked)}
        onChange={(e) => onChange(e.target.value)}
      />
      {locked && <LockedNote id={id} />}
    </div>
  );
}

export function SelectField<V extends string>(props: {
  id: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  locked: boolean;
}) {
  const { id, label, value, options, onChange, locked } = props;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        data-testid={id}
        className="field__input"
        value={value}
        disabled={locked}
        {...lockedProps(id, locked)}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {locked && <LockedNote id={id} />}
    </div>
  );
}

/** A text (or a list, one entry a line): a textarea, read-only when locked. */
export function TextAreaField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  locked: boolean;
  rows?: number;
}) {
  const { id, label, hint, value, onChange, locked, rows = 4 } = props;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        data-testid={id}
        className="field__input admin-policy__textarea"
        rows={rows}
        value={value}
        readOnly={locked}
        aria-readonly={locked}
        aria-describedby={locked ? `${id}-hint ${id}-locked` : `${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {locked && <LockedNote id={id} />}
    </div>
  );
}

/** On/off flags (what the printed pass shows): one checkbox each, all disabled when locked. */
export function FlagsField<K extends string>(props: {
  id: string;
  label: string;
  flags: Record<K, boolean>;
  labels: Record<K, string>;
  onChange: (next: Record<K, boolean>) => void;
  locked: boolean;
}) {
  const { id, label, flags, labels, onChange, locked } = props;
  const keys = Object.keys(labels) as K[];
  return (
    <div className="field" role="group" aria-labelledby={`${id}-label`} {...lockedProps(id, locked)}>
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="admin-policy__flags">
        {keys.map((k) => (
          <label key={k} className="admin-policy__flag">
            <input
              type="checkbox"
              data-testid={`${id}-${k}`}
              checked={flags[k]}
              disabled={locked}
              onChange={(e) => onChange({ ...flags, [k]: e.target.checked })}
            />
            {labels[k]}
          </label>
        ))}
      </div>
      {locked && <LockedNote id={id} />}
    </div>
  );
}
