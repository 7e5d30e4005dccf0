import type { ReactNode } from 'react';

/** A labelled form field (large touch target). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field walkin__field">
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}

/** A text input bound to a value. */
export function TextInput({
  value,
  onChange,
  testId,
  ...rest
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
  placeholder?: string;
  inputMode?: 'text' | 'tel';
}) {
  return <input className="field__input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />;
}

/** A choice from the site's list, or free text where `free` (a datalist offers the list). */
export function ListInput({
  value,
  onChange,
  testId,
  options,
  free,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
  options: readonly string[];
  free: boolean;
  placeholder: string;
}) {
  if (!free && options.length > 0) {
    return (
      <select className="field__input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  const listId = `${testId}-list`;
  return (
    <>
      <input className="field__input" data-testid={testId} list={listId} value={value} onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}
