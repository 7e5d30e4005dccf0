import type { ReactNode } from 'react';
import { useKeyboardField } from '../../components/keyboard/OnScreenKeyboard';
import type { FieldKind } from '../../components/keyboard/layouts';

/** A labelled form field (large touch target). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field walkin__field">
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}

/** A text input bound to a value; the on-screen keyboard of its `kind` types into it too. */
export function TextInput({
  value,
  onChange,
  testId,
  kind,
  inputMode,
  ...rest
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
  kind: FieldKind;
  placeholder?: string;
  'aria-label'?: string;
  inputMode?: 'text' | 'tel';
}) {
  const keyboard = useKeyboardField({ kind, value, onChange }, inputMode);
  return <input className="field__input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} {...keyboard} {...rest} />;
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
  return <FreeListInput value={value} onChange={onChange} testId={testId} options={options} />;
}

/** Free text with the site's list offered (a datalist); Chinese on the on-screen keyboard. */
function FreeListInput({ value, onChange, testId, options }: { value: string; onChange: (v: string) => void; testId: string; options: readonly string[] }) {
  const keyboard = useKeyboardField({ kind: 'chinese', value, onChange });
  const listId = `${testId}-list`;
  return (
    <>
      <input className="field__input" data-testid={testId} list={listId} value={value} onChange={(e) => onChange(e.target.value)} {...keyboard} />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}
