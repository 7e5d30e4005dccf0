/**
 * The admin sections' form fields, one set for all of them (devices, enrolment, logs, PIN, policy): a label bound to
 * its control, then the hint, the error and the "set by the management platform" note when there are, the control
 * described by each of them. The control's id is its test id too.
 */
import type { ReactNode } from 'react';
import { useT } from '../../state/KioskStoreContext';

/** What every field has: its id (also the test id), its label, and what may be said under it. */
interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** a field checked before saving: null while it is valid (aria-invalid false), the words when it is not */
  error?: string | null;
  /** the management platform sets it: read-only here, and it says so */
  locked?: boolean;
}

/** Under a key the management platform locks: the field is read-only and says so. */
export function LockedNote({ id }: { id: string }) {
  const t = useT();
  return (
    <p className="field__hint" id={`${id}-locked`} data-testid={`${id}-locked`}>
      {t('admin.policy.locked')}
    </p>
  );
}

/** The control's id, test id, and the ARIA that ties it to what is said under it. */
function controlProps({ id, hint, error, locked }: FieldProps) {
  const described = [hint !== undefined && `${id}-hint`, error && `${id}-error`, locked && `${id}-locked`].filter(Boolean).join(' ');
  return {
    id,
    'data-testid': id,
    ...(described !== '' ? { 'aria-describedby': described } : {}),
    ...(error !== undefined ? { 'aria-invalid': error !== null } : {}),
  };
}

/** A number's or a text's control: its value as typed, read-only (and said so) when the platform locks it. */
function editableProps(props: FieldProps & { value: string; onChange: (v: string) => void }) {
  const locked = props.locked ?? false;
  return {
    ...controlProps(props),
    value: props.value,
    readOnly: locked,
    'aria-readonly': locked,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
  };
}

function FieldShell({ id, label, hint, error, locked, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
      {locked && <LockedNote id={id} />}
    </div>
  );
}

/** A line of text (a URL, a code, a port with the listed ones offered, a folder); `children`: beside the input (a datalist). */
export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'password';
    inputMode?: 'text' | 'url' | 'numeric';
    maxLength?: number;
    placeholder?: string;
    list?: string;
    children?: ReactNode;
  },
) {
  const { value, onChange, type = 'text', inputMode, maxLength, placeholder, list, children } = props;
  return (
    <FieldShell {...props}>
      <input
        {...controlProps(props)}
        className="field__input"
        type={type}
        {...(inputMode ? { inputMode } : {})}
        {...(maxLength !== undefined ? { maxLength } : {})}
        {...(placeholder !== undefined ? { placeholder } : {})}
        {...(list !== undefined ? { list } : {})}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {children}
    </FieldShell>
  );
}

/** A PIN: digits only (anything else is dropped as typed), 12 at most, never shown. */
export function PinField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return <TextField id={id} label={label} type="password" inputMode="numeric" maxLength={12} value={value} onChange={(v) => onChange(v.replace(/\D/g, ''))} />;
}

export function NumberField(props: FieldProps & { value: string; onChange: (v: string) => void; step: string }) {
  return (
    <FieldShell {...props}>
      <input {...editableProps(props)} className="field__input" type="number" inputMode="decimal" step={props.step} />
    </FieldShell>
  );
}

/** A choice among `options` (disabled when locked); only a listed value is ever passed on. */
export function SelectField<V extends string>(
  props: FieldProps & { value: V; options: readonly { value: V; label: string }[]; onChange: (v: V) => void; inputClassName?: string },
) {
  const { value, options, onChange, locked = false, inputClassName } = props;
  return (
    <FieldShell {...props}>
      <select
        {...controlProps(props)}
        className={inputClassName ? `field__input ${inputClassName}` : 'field__input'}
        value={value}
        disabled={locked}
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
    </FieldShell>
  );
}

/** A text (or a list, one entry a line): a textarea, read-only when locked. */
export function TextAreaField(props: FieldProps & { hint: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <FieldShell {...props}>
      <textarea {...editableProps(props)} className="field__input admin-policy__textarea" rows={props.rows ?? 4} />
    </FieldShell>
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
    <div className="field" role="group" aria-labelledby={`${id}-label`} {...(locked ? { 'aria-describedby': `${id}-locked` } : {})}>
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

/** One group of the policy form (温度 / 到访 / 通行证 / 文本 / 列表). */
export function PolicyGroup({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <fieldset className="admin-policy__group" data-testid={`admin-policy-group-${id}`}>
      <legend className="admin__subtitle">{title}</legend>
      {children}
    </fieldset>
  );
}
