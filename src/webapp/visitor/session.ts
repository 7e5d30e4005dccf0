/**
 * A visitor's session in the web app: the bearer POST /auth/sessions issued for their phone and the site, with the
 * masked phone to show. Kept in sessionStorage (gone when the tab closes) like the host's (host/session.ts). The site
 * a visitor signs in at comes from the page's address (?site=…, remembered in this tab), else the demo site.
 */
import { Id, Phone } from '../../shared/domain';

export interface VisitorSession {
  token: string;
  siteId: string;
  phoneMasked: string;
  expiresAt: string;
  /** the phone signed in with, as typed at sign-in (the apply form books with it); absent in an older tab's session */
  phone?: string;
}

const STORAGE_KEY = 'passdesk.webapp.visitorSession';
const SITE_KEY = 'passdesk.webapp.site';
/** the site when the address names none (the demo data's site, npm run cloud) */
export const DEFAULT_SITE_ID = 'site_demo';

export function loadVisitorSession(): VisitorSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const p = JSON.parse(raw) as Partial<VisitorSession>;
    if (typeof p.token !== 'string' || typeof p.siteId !== 'string' || typeof p.phoneMasked !== 'string' || typeof p.expiresAt !== 'string') return undefined;
    if (Date.parse(p.expiresAt) <= Date.now()) return undefined;
    const phone = Phone.safeParse(p.phone);
    return { token: p.token, siteId: p.siteId, phoneMasked: p.phoneMasked, expiresAt: p.expiresAt, ...(phone.success ? { phone: phone.data } : {}) };
  } catch {
    return undefined;
  }
}

export function saveVisitorSession(session: VisitorSession | undefined): void {
  try {
    if (session === undefined) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // storage refused: the session lasts while the page is open
  }
}

/** The site of this page: ?site= in its address (remembered for the tab), the one remembered, or the default. */
export const siteOfPage = (): string => chosenSiteOfPage() ?? DEFAULT_SITE_ID;

/** The site this page's address names (?site=, remembered for the tab) or the one remembered; undefined when neither. */
export function chosenSiteOfPage(): string | undefined {
  try {
    const asked = Id.safeParse(new URLSearchParams(location.search).get('site'));
    if (asked.success) {
      sessionStorage.setItem(SITE_KEY, asked.data);
      return asked.data;
    }
    const kept = Id.safeParse(sessionStorage.getItem(SITE_KEY));
    return kept.success ? kept.data : undefined;
  } catch {
    return undefined;
  }
}
