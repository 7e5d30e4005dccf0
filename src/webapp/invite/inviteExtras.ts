/**
 * What an invited visitor's booking carries of the site's lists (task V, issue 13 items 1 and 3), as a self-booking
 * does: the identity category and the reason from the site's lists (required where the site keeps them), areas and
 * belongings (chosen from theirs), self-drive with the plate. Checked with the apply form's own checks
 * (apply/bookingExtras.ts), then only the fields an invitation's booking takes. Pure: no DOM, no fetch.
 */
import type { InvitationBookingCreate } from '../../shared/hostDesk';
import type { SiteLists } from '../../shared/siteLists';
import { checkExtras, extraInputId, itemsOf, plateOf, type ExtraProblems, type ExtrasDraft } from '../apply/bookingExtras';

export interface InviteListChoice {
  extras: ExtrasDraft;
  areaIds: string[];
  belongingIds: string[];
}

type ListBody = Pick<InvitationBookingCreate, 'identityCategoryId' | 'reasonId' | 'areaIds' | 'belongingIds' | 'selfDrive'>;

export type CheckedInviteLists = { ok: true; body: ListBody; plate: string | undefined } | { ok: false; problems: ExtraProblems };

export function checkInviteLists(choice: InviteListChoice, lists: SiteLists | undefined): CheckedInviteLists {
  // an invitation's companions are its own form's (PersonFields): none are checked here
  const checked = checkExtras({ ...choice.extras, visitKind: 'personal', companions: [], groupPass: false }, lists);
  const problems: ExtraProblems = checked.ok ? {} : { ...checked.problems };
  if (itemsOf(lists, 'visit_reason').length > 0 && choice.extras.reasonId === '') problems[extraInputId.reasonId] = 'problemChoose';
  if (!checked.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  // only items the site's lists hold now (a list reloaded meanwhile drops a retired one)
  const known = (kind: 'area' | 'belonging', ids: string[]) => ids.filter((id) => itemsOf(lists, kind).some((i) => i.id === id));
  const areaIds = known('area', choice.areaIds);
  const belongingIds = known('belonging', choice.belongingIds);
  const b = checked.body;
  return {
    ok: true,
    plate: plateOf(choice.extras),
    body: {
      ...(b.identityCategoryId !== undefined ? { identityCategoryId: b.identityCategoryId } : {}),
      ...(b.reasonId !== undefined ? { reasonId: b.reasonId } : {}),
      ...(areaIds.length > 0 ? { areaIds } : {}),
      ...(belongingIds.length > 0 ? { belongingIds } : {}),
      ...(b.selfDrive === true ? { selfDrive: true } : {}),
    },
  };
}
