/**
 * The site an application goes to, and its lists: a signed-in visitor's session site (the cloud books them there),
 * else the site the page's link names (?site=…, remembered for the tab), else the cloud's only site. The cloud offers
 * no public list of sites: with several and none named, the form says to open the site's own link.
 */
import { useEffect, useState } from 'react';
import type { SiteLists } from '../../shared/siteLists';
import { fetchSiteLists } from '../api/client';
import { chosenSiteOfPage } from '../visitor/session';

export interface ApplySite {
  /** undefined while loading, or when no site is known (`unknown`) */
  siteId: string | undefined;
  lists: SiteLists | undefined;
  unknown: boolean;
}

export function useApplySite(sessionSiteId: string | undefined): ApplySite {
  const [site, setSite] = useState<ApplySite>({ siteId: undefined, lists: undefined, unknown: false });
  useEffect(() => {
    const chosen = sessionSiteId ?? chosenSiteOfPage();
    let live = true;
    fetchSiteLists(chosen).then(
      (lists) => live && setSite({ siteId: lists.siteId, lists, unknown: false }),
      // without the lists (offline, an old cloud) the form asks for free text; without a site, for its link
      () => live && setSite({ siteId: chosen, lists: undefined, unknown: chosen === undefined }),
    );
    return () => {
      live = false;
    };
  }, [sessionSiteId]);
  return site;
}
