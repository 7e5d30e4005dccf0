/**
 * A reviewer's departments picked from the site's list (GET /admin/departments), one checkbox each, in a fieldset
 * whose legend names the group and whose error (the cloud's, or none picked) is read with it.
 */
import type { Department } from '../../../shared/peopleAdmin';
import { useLanguage } from '../../i18n/language';

interface Props {
  /** prefix of the ids in the group */
  id: string;
  departments: readonly Department[] | undefined;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}

export function DepartmentChecklist({ id, departments, selected, onChange, error }: Props) {
  const { t } = useLanguage();
  const toggle = (deptId: string, on: boolean) => onChange(on ? [...selected, deptId] : selected.filter((d) => d !== deptId));
  return (
    <fieldset
      className="field ac-departments"
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
      data-testid={id}
    >
      <legend>
        {t('acDepartments')}
        <span className="required-mark" aria-hidden="true">
          {' *'}
        </span>
        <span className="visually-hidden">{` (${t('required')})`}</span>
      </legend>
      {departments === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : departments.length === 0 ? (
        <p>{t('acDepartmentsNone')}</p>
      ) : (
        departments.map((d) => (
          <label key={d.id}>
            <input type="checkbox" value={d.id} checked={selected.includes(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} /> {d.name}
          </label>
        ))
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
