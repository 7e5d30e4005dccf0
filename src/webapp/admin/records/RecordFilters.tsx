/** The records' filters: the route's every filter as a form; applied on submit (Enter or the button). */
import { useState, type ReactElement, type SyntheticEvent } from 'react';
import type { KioskSummary } from '../../../shared/adminApi';
import { bookingStatusLabel } from '../../../shared/bookingStates';
import { BookingSource, BookingStatus, type Host, type Site } from '../../../shared/domain';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { SOURCE_WORDS } from './messages';
import { EMPTY_FILTER, rangeReversed, type RecordsFilterForm } from './recordsFilter';

export interface RecordFiltersProps {
  applied: RecordsFilterForm;
  onApply: (filter: RecordsFilterForm) => void;
  sites: Site[];
  hosts: Host[];
  kiosks: KioskSummary[];
}

export function RecordFilters({ applied, onApply, sites, hosts, kiosks }: RecordFiltersProps) {
  const { t, language } = useLanguage();
  const [form, setForm] = useState<RecordsFilterForm>(applied);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const set = (key: keyof RecordsFilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (rangeReversed(form)) {
      setRangeError(t('filterRangeOrder'));
      document.getElementById('filter-from')?.focus();
      return;
    }
    setRangeError(undefined);
    onApply(form);
  };
  const reset = () => {
    setForm(EMPTY_FILTER);
    setRangeError(undefined);
    onApply(EMPTY_FILTER);
  };

  const choice = (key: keyof RecordsFilterForm, label: MessageKey, options: { value: string; label: string }[]): ReactElement => (
    <Field id={`filter-${key}`} label={t(label)}>
      <select value={form[key]} onChange={set(key)}>
        <option value="">{t('filterAny')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const text = (key: keyof RecordsFilterForm, label: MessageKey, type: 'text' | 'date' = 'text', hint?: string, error?: string): ReactElement => (
    <Field id={`filter-${key}`} label={t(label)} {...(hint ? { hint } : {})} error={error}>
      <input type={type} value={form[key]} onChange={set(key)} />
    </Field>
  );

  return (
    <form noValidate className="filters" aria-labelledby="filters-title" onSubmit={submit}>
      <h2 id="filters-title">{t('filtersTitle')}</h2>
      <div className="filter-grid">
        {sites.length > 1 &&
          choice(
            'siteId',
            'filterSite',
            sites.map((s) => ({ value: s.id, label: s.name })),
          )}
        {text('from', 'filterFrom', 'date', undefined, rangeError)}
        {text('to', 'filterTo', 'date')}
        {choice(
          'hostId',
          'filterHost',
          hosts.map((h) => ({ value: h.id, label: `${h.name} · ${h.department}` })),
        )}
        {text('department', 'filterDepartment')}
        {choice(
          'source',
          'filterSource',
          BookingSource.options.map((s) => ({ value: s, label: SOURCE_WORDS[s][language] })),
        )}
        {choice(
          'status',
          'filterStatus',
          BookingStatus.options.map((s) => ({ value: s, label: bookingStatusLabel(s, 'staff', language) })),
        )}
        {text('area', 'filterArea')}
        {choice(
          'kioskId',
          'filterKiosk',
          kiosks.map((k) => ({ value: k.id, label: k.name })),
        )}
        {text('keyword', 'filterKeyword', 'text', t('filterKeywordHint'))}
      </div>
      <div className="toolbar">
        <button type="submit" className="primary" data-testid="filter-apply">
          {t('filterApply')}
        </button>
        <button type="button" onClick={reset}>
          {t('filterReset')}
        </button>
      </div>
    </form>
  );
}
