/** One person's fields (name, phone, ID type and number) with their errors beside them; ids `<prefix>-<field>`. */
import { IdType } from '../../shared/domain';
import { Field } from '../components/Field';
import { useLanguage } from '../i18n/language';
import { PROBLEM_TEXT, type MessageKey } from '../i18n/messages';
import type { PersonDraft, PersonField, PersonProblems } from './personForm';

interface Props {
  prefix: string;
  draft: PersonDraft;
  problems: PersonProblems;
  phoneRequired: boolean;
  /** the ID number must be given (a companion filling in through their link) */
  idNumberRequired?: boolean;
  onChange: (field: PersonField, value: string) => void;
}

export function PersonFields({ prefix, draft, problems, phoneRequired, idNumberRequired = false, onChange }: Props) {
  const { t, language } = useLanguage();
  const error = (f: PersonField) => {
    const p = problems[f];
    return p === undefined ? undefined : PROBLEM_TEXT[p][language];
  };
  const set = (f: PersonField) => (e: { target: { value: string } }) => onChange(f, e.target.value);
  return (
    <>
      <Field id={`${prefix}-name`} label={t('fieldName')} required error={error('name')}>
        <input type="text" autoComplete={phoneRequired ? 'name' : 'off'} value={draft.name} onChange={set('name')} maxLength={40} />
      </Field>
      <Field id={`${prefix}-phone`} label={t('fieldPhone')} required={phoneRequired} error={error('phone')}>
        <input type="tel" inputMode="tel" autoComplete={phoneRequired ? 'tel' : 'off'} value={draft.phone} onChange={set('phone')} maxLength={20} />
      </Field>
      <Field id={`${prefix}-idType`} label={t('fieldIdType')} error={error('idType')}>
        <select value={draft.idType} onChange={set('idType')}>
          {IdType.options.map((type) => (
            <option key={type} value={type}>
              {t(`idType_${type}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${prefix}-idNumber`}
        label={t('fieldIdNumber')}
        required={idNumberRequired}
        hint={t(idNumberRequired ? 'companionIdNumberHint' : 'fieldIdNumberHintOptional')}
        error={error('idNumber')}
      >
        <input type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={draft.idNumber} onChange={set('idNumber')} maxLength={40} />
      </Field>
    </>
  );
}
