/**
 * The site's list fields on the invitation form (task V): identity category and reason (selects, as on the apply
 * form), areas and belongings (a group of checkboxes each), self-drive with the plate. Shown only for the lists the
 * site keeps; each error beside its field (components/Field).
 */
import { DriveFields, ListSelect, ReasonSelect, type ExtrasProps } from '../apply/ApplyExtras';
import { itemsOf } from '../apply/bookingExtras';
import { useLanguage } from '../i18n/language';

export interface InviteListFieldsProps extends ExtrasProps {
  areaIds: string[];
  belongingIds: string[];
  setChosen: (kind: 'area' | 'belonging', ids: string[]) => void;
}

function CheckList({ kind, legend, chosen, setChosen, lists }: { kind: 'area' | 'belonging'; legend: string; chosen: string[] } & InviteListFieldsProps) {
  const items = itemsOf(lists, kind);
  if (items.length === 0) return null;
  return (
    <fieldset className="choice-group" data-testid={`invite-${kind}s`}>
      <legend>{legend}</legend>
      {items.map((i) => (
        <label key={i.id} className="check">
          <input
            type="checkbox"
            value={i.id}
            checked={chosen.includes(i.id)}
            onChange={(e) => setChosen(kind, e.target.checked ? [...chosen, i.id] : chosen.filter((id) => id !== i.id))}
          />{' '}
          {i.name}
        </label>
      ))}
    </fieldset>
  );
}

export function InviteListFields(p: InviteListFieldsProps) {
  const { t } = useLanguage();
  return (
    <>
      {itemsOf(p.lists, 'identity_category').length > 0 && (
        <ListSelect {...p} kind="identity_category" field="identityCategoryId" label={t('fieldIdentityCategory')} required />
      )}
      {itemsOf(p.lists, 'visit_reason').length > 0 && <ReasonSelect {...p} />}
      <CheckList {...p} kind="area" legend={t('fieldAreas')} chosen={p.areaIds} />
      <CheckList {...p} kind="belonging" legend={t('fieldBelongings')} chosen={p.belongingIds} />
      <DriveFields {...p} />
    </>
  );
}
