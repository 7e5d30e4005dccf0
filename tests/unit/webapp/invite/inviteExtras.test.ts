/** The invitation form's list fields (src/webapp/invite/inviteExtras.ts): required and checked as on the apply form. */
import { describe, expect, it } from 'vitest';
import type { SiteListItem, SiteLists } from '../../../../src/shared/siteLists';
import { emptyExtras } from '../../../../src/webapp/apply/bookingExtras';
import { checkInviteLists } from '../../../../src/webapp/invite/inviteExtras';

const item = (id: string, kind: SiteListItem['kind'], retired = false): SiteListItem => ({
  id,
  siteId: 'site_a',
  kind,
  name: id,
  retired,
  updatedAt: '2026-11-22T02:00:00.000Z',
});
const lists: SiteLists = {
  siteId: 'site_a',
  items: [item('cat', 'identity_category'), item('why', 'visit_reason'), item('lab', 'area'), item('pc', 'belonging'), item('old', 'area', true)],
  departments: [],
};

describe('the invitation form’s list fields', () => {
  it('where the site keeps them, the identity category and the reason are required; a driver’s plate is checked', () => {
    const none = checkInviteLists({ extras: emptyExtras(), areaIds: [], belongingIds: [] }, lists);
    expect(none).toEqual({ ok: false, problems: { 'apply-identityCategoryId': 'problemChoose', 'apply-reasonId': 'problemChoose' } });
    const badPlate = checkInviteLists(
      { extras: { ...emptyExtras(), identityCategoryId: 'cat', reasonId: 'why', selfDrive: true, plate: 'AB1' }, areaIds: [], belongingIds: [] },
      lists,
    );
    expect(badPlate).toEqual({ ok: false, problems: { 'apply-plate': 'problemPlate' } });
  });

  it('a right choice becomes only the fields an invitation’s booking takes (no companions, kind or group), the plate normalised', () => {
    const extras = { ...emptyExtras(), identityCategoryId: 'cat', reasonId: 'why', selfDrive: true, plate: '京a 12345' };
    expect(checkInviteLists({ extras, areaIds: ['lab', 'old'], belongingIds: ['pc'] }, lists)).toEqual({
      ok: true,
      plate: '京A12345',
      body: { identityCategoryId: 'cat', reasonId: 'why', areaIds: ['lab'], belongingIds: ['pc'], selfDrive: true },
    });
    // a site without lists: nothing required, nothing sent
    expect(checkInviteLists({ extras: emptyExtras(), areaIds: [], belongingIds: [] }, undefined)).toEqual({ ok: true, plate: undefined, body: {} });
  });
});
