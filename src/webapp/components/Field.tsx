/**
 * A labelled form field with its hint and its error beside it: the input names both (aria-describedby), is marked
 * invalid (aria-invalid), and the error is read as it appears.
 */
import type { ReactElement } from 'react';
import { cloneElement } from 'react';
import { useLanguage } from '../i18n/language';

export interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  /** the input, select or textarea (given its id here) */
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ id, label, required = false, hint, error, children }: FieldProps) {
  const { t } = useLanguage();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(' ');
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    'aria-required': required || undefined,
  });
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' *'}
          </span>
        )}
        {required && <span className="visually-hidden">{` (${t('required')})`}</span>}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {control}
      {error && (
        <p className="field-error" id={errorId} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
