/**
 * The apply form's parts for the seeds' booking model (bookingExtras.ts): the kind of visit and the site's lists, the
 * driver's plate, the companions (added and removed one by one, each change announced) and a group pass with its
 * vehicle list imported from the CSV template. Every control labelled, its error beside it (components/Field).
 */
import { useState, type ChangeEvent } from 'react';
import type { SiteListKind, SiteLists } from '../../shared/siteLists';
import { API_PREFIX } from '../../shared/sync';
import { Field } from '../components/Field';
import { useLanguage } from '../i18n/language';
import { extraInputId, importVehicles, itemsOf, type ExtraProblems, type ExtrasDraft } from './bookingExtras';

export interface ExtrasProps {
  extras: ExtrasDraft;
  setExtras: (update: (x: ExtrasDraft) => ExtrasDraft) => void;
  lists: SiteLists | undefined;
  problems: ExtraProblems;
}

function useProblem(problems: ExtraProblems) {
  const { t } = useLanguage();
  return (id: string) => {
    const key = problems[id];
    return key === undefined ? undefined : t(key);
  };
}

export function ListSelect({
  kind,
  field,
  label,
  required,
  ...p
}: ExtrasProps & { kind: SiteListKind; field: 'identityCategoryId' | 'reasonId'; label: string; required: boolean }) {
  const { t } = useLanguage();
  const errorOf = useProblem(p.problems);
  const items = itemsOf(p.lists, kind);
  return (
    <Field id={extraInputId[field]} label={label} required={required} error={errorOf(extraInputId[field])}>
      <select value={p.extras[field]} onChange={(e) => p.setExtras((x) => ({ ...x, [field]: e.target.value }))}>
        <option value="">{t('chooseOne')}</option>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The kind of visit (personal / official and its department) and the identity category, from the site's lists. */
export function VisitKindFields(p: ExtrasProps) {
  const { t } = useLanguage();
  const errorOf = useProblem(p.problems);
  const departments = p.lists?.departments ?? [];
  return (
    <>
      {departments.length > 0 && (
        <fieldset className="choice-group">
          <legend>{t('fieldVisitKind')}</legend>
          {(['personal', 'official'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="visitKind"
                value={kind}
                data-testid={`apply-kind-${kind}`}
                checked={p.extras.visitKind === kind}
                onChange={() => p.setExtras((x) => ({ ...x, visitKind: kind }))}
              />{' '}
              {t(kind === 'personal' ? 'visitKindPersonal' : 'visitKindOfficial')}
            </label>
          ))}
        </fieldset>
      )}
      {p.extras.visitKind === 'official' && (
        <Field id={extraInputId.departmentId} label={t('fieldDepartment')} required error={errorOf(extraInputId.departmentId)}>
          <select value={p.extras.departmentId} onChange={(e) => p.setExtras((x) => ({ ...x, departmentId: e.target.value }))}>
            <option value="">{t('chooseOne')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {itemsOf(p.lists, 'identity_category').length > 0 && (
        <ListSelect {...p} kind="identity_category" field="identityCategoryId" label={t('fieldIdentityCategory')} required />
      )}
    </>
  );
}

/** The reason from the site's list (shown only when the site keeps one; otherwise the form's free-text reason). */
export const ReasonSelect = (p: ExtrasProps) => {
  const { t } = useLanguage();
  return <ListSelect {...p} kind="visit_reason" field="reasonId" label={t('fieldReasonChoice')} required />;
};

/** Self-drive: the plate, asked only of a driver. */
export function DriveFields(p: ExtrasProps) {
  const { t } = useLanguage();
  const errorOf = useProblem(p.problems);
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          data-testid="apply-selfDrive"
          checked={p.extras.selfDrive}
          onChange={(e) => p.setExtras((x) => ({ ...x, selfDrive: e.target.checked }))}
        />{' '}
        {t('fieldSelfDrive')}
      </label>
      {p.extras.selfDrive && (
        <Field id={extraInputId.plate} label={t('fieldPlate')} required hint={t('fieldPlateHint')} error={errorOf(extraInputId.plate)}>
          <input
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            value={p.extras.plate}
            onChange={(e) => p.setExtras((x) => ({ ...x, plate: e.target.value }))}
          />
        </Field>
      )}
    </>
  );
}

/** The companions: each a name and an optional phone, added and removed one by one (the change is announced). */
export function CompanionsFieldset(p: ExtrasProps) {
  const { t } = useLanguage();
  const errorOf = useProblem(p.problems);
  const [announcement, setAnnouncement] = useState('');
  const add = () => {
    const key = Math.max(0, ...p.extras.companions.map((c) => c.key)) + 1;
    p.setExtras((x) => ({ ...x, companions: [...x.companions, { key, name: '', phone: '' }] }));
    setAnnouncement(t('companionAdded', { n: p.extras.companions.length + 1 }));
    setTimeout(() => document.getElementById(extraInputId.companionName(key))?.focus(), 0);
  };
  const remove = (key: number, n: number) => {
    p.setExtras((x) => ({ ...x, companions: x.companions.filter((c) => c.key !== key) }));
    setAnnouncement(t('companionRemoved', { n }));
    setTimeout(() => document.querySelector<HTMLElement>('[data-testid="apply-add-companion"]')?.focus(), 0);
  };
  const setField = (key: number, field: 'name' | 'phone') => (e: ChangeEvent<HTMLInputElement>) =>
    p.setExtras((x) => ({ ...x, companions: x.companions.map((c) => (c.key === key ? { ...c, [field]: e.target.value } : c)) }));
  return (
    <fieldset>
      <legend>{t('sectionCompanions')}</legend>
      {p.extras.companions.length === 0 && <p>{t('noCompanions')}</p>}
      {p.extras.companions.map((c, i) => (
        <div key={c.key} className="companion" role="group" aria-label={t('companionN', { n: i + 1 })}>
          <Field
            id={extraInputId.companionName(c.key)}
            label={t('fieldCompanionName', { n: i + 1 })}
            required
            error={errorOf(extraInputId.companionName(c.key))}
          >
            <input type="text" autoComplete="off" maxLength={40} value={c.name} onChange={setField(c.key, 'name')} />
          </Field>
          <Field id={extraInputId.companionPhone(c.key)} label={t('fieldCompanionPhone', { n: i + 1 })} error={errorOf(extraInputId.companionPhone(c.key))}>
            <input type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={c.phone} onChange={setField(c.key, 'phone')} />
          </Field>
          <button type="button" className="link-button" onClick={() => remove(c.key, i + 1)}>
            {t('removeCompanion', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" data-testid="apply-add-companion" onClick={add} disabled={p.extras.companions.length >= 50}>
        {t('addCompanion')}
      </button>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}

/** A group pass: the head count and the vehicle list, imported from the CSV template (checked here, line by line). */
export function GroupPassFields(p: ExtrasProps) {
  const { t } = useLanguage();
  const errorOf = useProblem(p.problems);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const imported = importVehicles(await file.text());
    p.setExtras((x) => ({ ...x, ...imported }));
  };
  const { vehicles, vehicleErrors } = p.extras;
  return (
    <fieldset>
      <legend>{t('fieldGroupPass')}</legend>
      <label className="check">
        <input
          type="checkbox"
          data-testid="apply-groupPass"
          checked={p.extras.groupPass}
          onChange={(e) => p.setExtras((x) => ({ ...x, groupPass: e.target.checked }))}
        />{' '}
        {t('fieldGroupPass')}
      </label>
      {p.extras.groupPass && (
        <>
          <Field id={extraInputId.groupSize} label={t('fieldGroupSize')} required error={errorOf(extraInputId.groupSize)}>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={500}
              value={p.extras.groupSize}
              onChange={(e) => p.setExtras((x) => ({ ...x, groupSize: e.target.value }))}
            />
          </Field>
          <p>
            <a href={`${API_PREFIX}/vehicle-lists/template`} download="vehicles.csv">
              {t('downloadTemplate')}
            </a>
          </p>
          <Field id={extraInputId.vehicles} label={t('fieldVehicles')} hint={t('fieldVehiclesHint')} error={errorOf(extraInputId.vehicles)}>
            <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />
          </Field>
          <div role="status" data-testid="apply-vehicles-status">
            {vehicles.length > 0 && <p>{t('vehiclesImported', { n: vehicles.length, plates: vehicles.map((v) => v.plate).join('、') })}</p>}
            {vehicleErrors.length > 0 && (
              <ul className="field-error">
                {vehicleErrors.map((e) => (
                  <li key={`${e.line}-${e.message}`}>{t('vehicleLineError', { line: e.line, message: e.message })}</li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
