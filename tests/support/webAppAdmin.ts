/** The web app's admin sign-in as the end-to-end tests go through it (src/webapp/admin/AdminSignInScreen.tsx). */
import type { Page } from 'playwright-core';

/** On the sign-in screen: opens the folded token form, signs in with the bootstrap token, waits for the screen to go. */
export async function signInWithAdminToken(page: Page, token: string): Promise<void> {
  const screen = page.getByTestId('admin-signin-screen');
  await screen.waitFor();
  await page.getByTestId('admin-token-signin').locator('summary').click();
  await page.locator('#admin-token').fill(token);
  await page.getByTestId('admin-signin-submit').click();
  await screen.waitFor({ state: 'detached' });
}

/** On the sign-in screen: signs in with an account's site, phone and password (the first form). */
export async function fillAdminPasswordForm(page: Page, account: { siteId: string; phone: string; password: string }): Promise<void> {
  await page.getByTestId('admin-signin-screen').waitFor();
  await page.locator('#admin-site').fill(account.siteId);
  await page.locator('#admin-phone').fill(account.phone);
  await page.locator('#admin-password').fill(account.password);
  await page.getByTestId('admin-password-submit').click();
}
