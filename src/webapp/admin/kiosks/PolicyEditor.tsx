/**
 * One policy layer (a site's or a kiosk's) as a table: per setting whether this layer sets it, its value, and its
 * lock (a locked one is marked in words). Saved whole with the policy route; a wrong value is named beside it.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { POLICY_KEYS, type PolicyKey } from '../../../shared/policy';
import { readPolicy, writePolicy, type PolicyScope } from '../../api/adminClient';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { POLICY_CHOICE_WORDS, POLICY_KEY_WORDS } from './messages';
import { draftOf, layerOf, valueKind, type DraftRow, type PolicyDraft } from './policyForm';

export interface PolicyEditorProps {
  token: string;
  scope: PolicyScope;
  id: string;
  /** the heading: the site's or kiosk's name */
  title: string;
  onClose: () => void;
  fail: (err: unknown) => string;
}

export function PolicyEditor({ token, scope, id, title, onClose, fail }: PolicyEditorProps) {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<PolicyDraft | undefined>();
  const [invalid, setInvalid] = useState<PolicyKey[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setDraft(undefined);
    readPolicy(token, scope, id).then(
      (layer) => {
        if (!live) return;
        setDraft(draftOf(layer));
        heading.current?.focus();
      },
      (err: unknown) => live && setMessage({ text: fail(err), error: true }),
    );
    return () => {
      live = false;
    };
  }, [token, scope, id, fail]);

  const change = (key: PolicyKey, row: Partial<DraftRow>) => setDraft((d) => (d ? { ...d, [key]: { ...d[key], ...row } } : d));

  const saving = useSubmit(
    async () => {
      const result = draft ? layerOf(draft) : undefined;
      if (!result || 'invalid' in result) return;
      setDraft(draftOf(await writePolicy(token, scope, id, result.layer)));
      setMessage({ text: t('policySaved'), error: false });
    },
    { describe: fail },
  );
  // wrong values are named beside them before anything is sent; the cloud's refusal replaces the message
  const shown = saving.error !== undefined ? { text: saving.error, error: true } : message;
  const save = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!draft || saving.busy) return;
    const result = layerOf(draft);
    if ('invalid' in result) {
      setInvalid(result.invalid);
      saving.setError(undefined);
      setMessage({ text: t('policyHasErrors', { n: result.invalid.length }), error: true });
      document.getElementById(`policy-${result.invalid[0]}`)?.focus();
      return;
    }
    setInvalid([]);
    void saving.run();
  };

  const valueInput = (key: PolicyKey, row: DraftRow) => {
    const kind = valueKind(key);
    const common = {
      id: `policy-${key}`,
      'aria-label': t('policyValueLabel', { key: POLICY_KEY_WORDS[key][language] }),
      'aria-invalid': invalid.includes(key) || undefined,
      'aria-describedby': invalid.includes(key) ? `policy-${key}-error` : undefined,
      disabled: !row.set,
      value: row.text,
    };
    if (kind.kind === 'boolean' || kind.kind === 'choice') {
      const options = kind.kind === 'boolean' ? (['true', 'false'] as const) : kind.options;
      return (
        <select {...common} onChange={(e) => change(key, { text: e.target.value })}>
          {options.map((o) => (
            <option key={o} value={o}>
              {kind.kind === 'boolean' ? t(o === 'true' ? 'on' : 'off') : (POLICY_CHOICE_WORDS[`${key}:${o}`]?.[language] ?? o)}
            </option>
          ))}
        </select>
      );
    }
    if (kind.kind === 'number') return <input {...common} inputMode="decimal" onChange={(e) => change(key, { text: e.target.value })} />;
    return <textarea {...common} rows={3} spellCheck={false} onChange={(e) => change(key, { text: e.target.value })} />;
  };

  return (
    <section className="admin-panel" aria-labelledby="policy-title" data-testid="policy-editor">
      <h2 id="policy-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>{t('policyIntro')}</p>
      {shown && (
        <p className={shown.error ? 'form-error' : 'form-ok'} role={shown.error ? 'alert' : 'status'}>
          {shown.text}
        </p>
      )}
      {draft && (
        <form noValidate onSubmit={save}>
          <div className="table-scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('policyColKey')}</th>
                  <th scope="col">{t('policyColSet')}</th>
                  <th scope="col">{t('policyColValue')}</th>
                  <th scope="col">{t('policyColLocked')}</th>
                </tr>
              </thead>
              <tbody>
                {POLICY_KEYS.map((key) => {
                  const row = draft[key];
                  const words = POLICY_KEY_WORDS[key][language];
                  return (
                    <tr key={key} data-policy-key={key}>
                      <th scope="row">
                        {words}
                        {row.locked && <span className="badge">{t('policyLockedBadge')}</span>}
                      </th>
                      <td>
                        <input
                          type="checkbox"
                          checked={row.set}
                          aria-label={t('policySetLabel', { key: words })}
                          onChange={(e) => change(key, { set: e.target.checked })}
                        />
                      </td>
                      <td>
                        {valueInput(key, row)}
                        {!row.set && <span className="field-hint">{t('policyInherited')}</span>}
                        {invalid.includes(key) && (
                          <span className="field-error" id={`policy-${key}-error`}>
                            {t('policyInvalid')}
                          </span>
                        )}
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          checked={row.locked}
                          aria-label={t('policyLockedLabel', { key: words })}
                          onChange={(e) => change(key, { locked: e.target.checked })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="toolbar">
            <button type="submit" className="primary" aria-disabled={saving.busy} data-testid="policy-save">
              {t('policySave')}
            </button>
            <button type="button" onClick={onClose}>
              {t('policyClose')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
