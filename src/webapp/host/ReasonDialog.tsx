/**
 * The reason a rejection or a return needs, asked in a modal <dialog>: focus moves into it and stays there, Esc or
 * 取消 closes it with nothing done, an empty reason is refused beside its field.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Field } from '../components/Field';
import { useLanguage } from '../i18n/language';

export interface ReasonRequest {
  action: 'reject' | 'return';
  visitorName: string;
}

export function ReasonDialog({ request, onConfirm, onCancel }: { request: ReasonRequest; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const { t } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = reason.trim();
    if (text === '') {
      setError(t('hostReasonRequired'));
      document.getElementById('host-reason')?.focus();
      return;
    }
    if (text.length > 200) {
      setError(t('hostReasonTooLong'));
      return;
    }
    onConfirm(text);
  };
  const title = t(request.action === 'reject' ? 'hostRejectTitle' : 'hostReturnTitle', { name: request.visitorName });

  return (
    <dialog
      ref={dialog}
      className="host-dialog"
      aria-labelledby="host-reason-title"
      data-testid="host-reason-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form noValidate onSubmit={submit}>
        <h2 id="host-reason-title">{title}</h2>
        <Field id="host-reason" label={t(request.action === 'reject' ? 'hostRejectReason' : 'hostReturnReason')} required error={error}>
          <textarea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" data-testid="host-reason-confirm">
            {t(request.action === 'reject' ? 'reject' : 'hostReturn')}
          </button>
          <button type="button" data-testid="host-reason-cancel" onClick={onCancel}>
            {t('hostCancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
