import { useEffect, useRef, type ReactNode, type SyntheticEvent } from 'react';
import { useKeepFocus } from '../hooks/useKeepFocus';

export interface ScanFieldProps {
  /** the input's id and data-testid */
  id: string;
  /** the submit button's data-testid */
  submitTestId: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  busy: boolean;
  /** hint lines under the field */
  hints: readonly string[];
  /** extra input attributes for what is typed here */
  autoCapitalize?: 'characters' | 'off';
  enterKeyHint?: 'search' | 'done';
  children?: ReactNode;
}

/**
 * One big field that a person types into and a scanner (serial or keyboard wedge) "types" into: it keeps the
 * focus, submits on Enter, and its button is disabled while busy or empty.
 */
export function ScanField(props: ScanFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  useKeepFocus(inputRef);
  useEffect(() => inputRef.current?.focus(), []);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit();
  };

  return (
    <form className="search-form" onSubmit={submit}>
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <div className="search-form__row">
        <input
          ref={inputRef}
          id={props.id}
          className="field__input field__input--big"
          data-testid={props.id}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          placeholder={props.placeholder}
          autoComplete="off"
          autoCapitalize={props.autoCapitalize ?? 'off'}
          spellCheck={false}
          maxLength={4096}
          {...(props.enterKeyHint ? { enterKeyHint: props.enterKeyHint } : {})}
        />
        <button
          type="submit"
          className="button button--primary button--big"
          data-testid={props.submitTestId}
          disabled={props.busy || props.value.trim().length === 0}
        >
          {props.submitLabel}
        </button>
      </div>
      {props.hints.map((hint) => (
        <p key={hint} className="field__hint">
          {hint}
        </p>
      ))}
      {props.children}
    </form>
  );
}
