/**
 * The kiosk's administration as the e2e suites reach it: the PINs set through the core (the admin's, then a staff
 * PIN), and the PIN pad on screen (five taps on the logo, the PIN typed, the admin home open).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { dispatchIpcCall } from '../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../src/main/core/kioskCore';
import { output } from './kiosk/helpers';

/** Sets the admin PIN (first use) and a staff PIN, through the core; the admin's session is locked again. */
export async function setAdminAndStaffPins(core: KioskCore, adminPin: string, staffPin: string): Promise<void> {
  const { token } = output('admin.setupPin', await dispatchIpcCall(core, 'admin.setupPin', { pin: adminPin }));
  output('admin.setStaffPin', await dispatchIpcCall(core, 'admin.setStaffPin', { session: token, pin: staffPin }));
  output('admin.lock', await dispatchIpcCall(core, 'admin.lock', { session: token }));
}

/** Five taps on the logo: the PIN pad, asking for a PIN (unlock). */
export async function openPinPad(page: Page): Promise<void> {
  const brand = page.getByTestId('top-bar-brand');
  for (let i = 0; i < 5; i++) await brand.click();
  await expect.poll(() => page.getByTestId('admin-pin').getAttribute('data-mode')).toBe('unlock');
}

/** The PIN pad → the admin home with `role`'s session. */
export async function unlockWithPin(page: Page, pin: string, role: 'admin' | 'staff'): Promise<void> {
  await openPinPad(page);
  await page.getByTestId('admin-pin-input').fill(pin);
  await page.getByTestId('admin-pin-submit').click();
  await expect.poll(() => page.getByTestId('admin-home').getAttribute('data-role')).toBe(role);
}
