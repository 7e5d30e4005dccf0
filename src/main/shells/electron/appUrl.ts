/** The app's own origin in Electron (passdesk://app/), without Electron itself: pure, so its rules can be unit-tested. */
export const APP_SCHEME = 'passdesk';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL belongs to the app (its own origin, any path). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app';
  } catch {
    return false;
  }
}
