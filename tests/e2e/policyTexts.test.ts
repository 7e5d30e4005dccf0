/**
 * A site's texts from the cloud on a running kiosk, end to end (issue 11 items 2 and 3): the management platform sets
 * the face consent text and the notice in the site's policy; after one sync the walk-in form in Debian Chromium shows
 * them (as plain text: markup in them stays characters, its lines kept), the consent's recorded version names the
 * text shown, and a later change reaches the screen already open, without a reload.
 */
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

describe('the site’s texts from the cloud on the kiosk', () => {
  let started: KioskUnderTest | undefined;

  beforeAll(async () => {
    started = await startKioskUnderTest({ label: 'policy-texts', kioskName: 'E2E 文本', syncOnStart: true });
  });

  afterAll(async () => {
    await started?.close();
  });

  it('a face consent text edited in the cloud is on the face consent screen after one sync', async () => {
    if (!started) throw new Error('the kiosk under test did not start');
    const kiosk = started;
    const setSitePolicy = async (values: Record<string, unknown>) => {
      const res = await axios.post(
        `${kiosk.cloud.url}/api/v1/admin/sites/site_demo/policy`,
        { values },
        {
          headers: { authorization: `Bearer ${kiosk.cloud.adminToken}` },
          proxy: false,
        },
      );
      expect(res.status).toBe(200);
    };

    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('walkin-screen').waitFor();
    const consent = page.getByTestId('face-consent-text');
    expect(await consent.getAttribute('data-version')).toBe('face-consent-1');
    expect(await page.getByTestId('walkin-noticeText').count()).toBe(0);

    const consentText = `本人同意拍摄面部照片，仅供前台核对。\n${HOSTILE}`;
    await setSitePolicy({
      faceConsentText: { 'zh-CN': consentText, en: 'I agree to a face photo.' },
      noticeText: { 'zh-CN': '请全程佩戴访客证', en: 'Wear your pass at all times' },
    });
    await kiosk.core.sync.now();
    // the screen already open takes it: no reload
    await expect.poll(() => consent.innerText()).toBe(consentText);
    expect(await consent.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await consent.getAttribute('data-version')).toMatch(/^face-consent-p[0-9a-f]{8}$/);
    expect(await page.getByTestId('walkin-noticeText').innerText()).toContain('请全程佩戴访客证');

    // in English, the English text
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => consent.innerText()).toBe('I agree to a face photo.');
    await page.getByTestId('lang-switch').click();

    // edited again: one more sync
    await setSitePolicy({ faceConsentText: { 'zh-CN': '第二版同意书', en: '' } });
    await kiosk.core.sync.now();
    await expect.poll(() => consent.innerText()).toBe('第二版同意书');
    expect(await page.getByTestId('walkin-noticeText').count()).toBe(0);
  });
});
