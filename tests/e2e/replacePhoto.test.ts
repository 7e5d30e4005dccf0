/**
 * 替换注册照片 end to end (issue 10, item 6): the real cloud with the demo data, the kiosk core with an ID card reader
 * on a pty, the browser shell and Debian Chromium whose fake camera plays a face (tests/support/faces). Staff unlock
 * with the staff PIN; a visitor found by phone has their walk-in photo replaced (the new file in the data folder, the
 * old one gone, the replacement audited as staff's); refusing consent or cancelling changes nothing; a visitor found
 * by their ID card without any photo gets one. The staff's list of today's visitors shows the desk photo. The
 * session's idle lock returns to the PIN pad. The new screens pass axe in zh-CN and en.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../src/main/core/ipcHandlers';
import { facePhotoDir } from '../../src/main/core/face/facePhotos';
import type { SimulatedReader } from '../../src/main/devices/idcard/simPty';
import type { FaceConsentInput } from '../../src/shared/facePhoto';
import { openPinPad, setAdminAndStaffPins, unlockWithPin } from '../support/adminPad';
import { axeViolationsInOrientations } from '../support/axe';
import { MINORITY_ID_NUMBER, MINORITY_NAME, minorityNameCard } from '../support/devices/minorityNameCard';
import { cameraPages, writeCentredFaceClip } from '../support/faces/cameraPage';
import { output } from '../support/kiosk/helpers';
import { startKioskWithCardReader, type KioskUnderTest } from '../support/kioskUnderTest';

const ADMIN_PIN = '204817';
const STAFF_PIN = '583920';
const PHONE_A = '13700002222';
const PHONE_B = '13700004444';
const JPEG = readFileSync(new URL('../support/fixtures/faces/astronaut-head.jpg', import.meta.url));

describe('replacing a registered photo at the desk, end to end (fake camera, ID card reader)', () => {
  let kiosk: KioskUnderTest;
  let reader: SimulatedReader;
  let clip: string;
  const cameras = cameraPages();

  const photos = (): string[] => {
    try {
      return readdirSync(facePhotoDir(kiosk.core.dataDir)).sort();
    } catch {
      return [];
    }
  };
  const registered = () => kiosk.core.db.prepare('SELECT person_key, photo_file, replaced_by, text_version FROM registered_photos ORDER BY replaced_at').all();
  const audits = () =>
    (kiosk.core.db.prepare(`SELECT payload FROM outbox WHERE kind = 'adminAudit' ORDER BY seq`).all() as { payload: string }[])
      .map((c) => JSON.parse(c.payload) as { action: string; detail: Record<string, unknown> })
      .filter((p) => p.action === 'facePhoto.replaced');
  const unchanged = () => ({ photos: photos(), registered: registered(), audits: audits().length });

  const registerWalkIn = async (name: string, idNumber: string, phone: string, face: FaceConsentInput) =>
    output(
      'walkin.register',
      await dispatchIpcCall(kiosk.core, 'walkin.register', {
        lead: { identity: { source: 'typed', name, idType: 'resident_id', idNumber }, phone },
        hostId: 'host_demo_liming',
        visitType: '商务洽谈',
        reason: '洽谈合作',
        face,
      }),
    );

  /** staff unlocked, on 替换注册照片's find step */
  const staffOnReplacePhoto = async (): Promise<Page> => {
    const page = await cameras.open(kiosk.shell.url, clip);
    await unlockWithPin(page, STAFF_PIN, 'staff');
    await page.getByTestId('admin-section-photo').click();
    await expect.poll(() => page.getByTestId('staff-photo').getAttribute('data-step')).toBe('find');
    return page;
  };
  const step = (page: Page) => page.getByTestId('staff-photo').getAttribute('data-step');
  const findByPhone = async (page: Page, phone: string) => {
    await page.getByTestId('staff-photo-phone').fill(phone);
    await page.getByTestId('staff-photo-find').click();
    await expect.poll(() => step(page)).toBe('current');
  };
  /** 拍摄新照片 → consent → auto-capture → 使用这张照片: the preview */
  const takeNewPhoto = async (page: Page) => {
    await page.getByTestId('staff-photo-take').click();
    await page.getByTestId('face-consent').waitFor();
    await page.getByTestId('face-agree').click();
    await page.getByTestId('face-photo').waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByTestId('face-use').click();
    await expect.poll(() => step(page)).toBe('preview');
    await page.getByTestId('staff-photo-new').waitFor({ state: 'visible' });
  };
  const expectNoAxe = async (page: Page, where: string) => {
    await page.waitForTimeout(250); // a tab just chosen fades to its colours
    expect(await axeViolationsInOrientations(page), where).toEqual([]);
  };

  beforeAll(async () => {
    ({ kiosk, reader } = await startKioskWithCardReader({ label: 'replace-photo', kioskName: 'E2E 替换照片' }));
    clip = writeCentredFaceClip(join(kiosk.dir, 'face.y4m'));
    await setAdminAndStaffPins(kiosk.core, ADMIN_PIN, STAFF_PIN);
    const decidedAt = new Date().toISOString();
    await registerWalkIn('王五', '440306199003071232', PHONE_A, {
      decision: 'granted',
      textVersion: 'face-consent-1',
      decidedAt,
      photoJpegBase64: JPEG.toString('base64'),
    });
    await registerWalkIn(MINORITY_NAME, MINORITY_ID_NUMBER, PHONE_B, { decision: 'refused', textVersion: 'face-consent-1', decidedAt });
  });

  // one page at a time: another page left open would react to the card (a check-in search) and end the session
  afterEach(async () => {
    await cameras.closeAll();
  });

  afterAll(async () => {
    await cameras.closeAll();
    await kiosk.close();
  });

  it("staff see today's visitors with the photo taken at the desk (and none for a refusal)", async () => {
    const page = await cameras.open(kiosk.shell.url, clip);
    await unlockWithPin(page, STAFF_PIN, 'staff');
    await page.getByTestId('admin-section-visits').click();
    const rows = page.getByTestId('staff-visit');
    await expect.poll(() => rows.count()).toBe(2);
    // newest first: B (refused), then A (photo)
    await rows.nth(1).getByTestId('staff-visit-open').click();
    const photo = page.getByTestId('staff-visit-photo');
    await photo.waitFor({ state: 'visible' });
    expect(await photo.getAttribute('src')).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
    await page.getByTestId('staff-visit-close').click();
    await rows.nth(0).getByTestId('staff-visit-open').click();
    await expect.poll(() => page.getByTestId('staff-visit-no-photo').getAttribute('data-decision')).toBe('refused');
    // the visitor-facing home never shows a face photo
    await page.getByTestId('admin-lock').click();
    await page.getByTestId('home').waitFor();
    expect(await page.locator('img[src^="data:image/jpeg"]').count()).toBe(0);
  });

  it('refusing consent, or cancelling at the camera or the preview, changes nothing', async () => {
    const before = unchanged();
    expect(before.photos).toHaveLength(1);
    const page = await staffOnReplacePhoto();
    await findByPhone(page, PHONE_A);
    await page.getByTestId('staff-photo-take').click();
    await page.getByTestId('face-consent').waitFor();
    await page.getByTestId('face-decline').click();
    await expect.poll(() => step(page)).toBe('current');
    await page.getByTestId('staff-photo-refused').waitFor({ state: 'visible' });
    expect(unchanged()).toEqual(before);

    // agreed, then cancelled at the camera: back to the find step
    await page.getByTestId('staff-photo-take').click();
    await page.getByTestId('face-agree').click();
    await page.getByTestId('face-capture').waitFor();
    await page.getByTestId('staff-photo-cancel').click();
    await expect.poll(() => step(page)).toBe('find');
    // taken, then cancelled at the preview
    await findByPhone(page, PHONE_A);
    await takeNewPhoto(page);
    await page.getByTestId('staff-photo-cancel').click();
    await expect.poll(() => step(page)).toBe('find');
    expect(unchanged()).toEqual(before);
  });

  it('by phone: the walk-in photo is replaced (new file, old one gone, audited as staff)', async () => {
    const [oldFile] = photos();
    const page = await staffOnReplacePhoto();
    await findByPhone(page, PHONE_A);
    expect(await page.getByTestId('staff-photo-person').getAttribute('data-matched-by')).toBe('phone');
    expect(await page.getByTestId('staff-photo-name').textContent()).toBe('王*');
    expect(await page.getByTestId('staff-photo-current').getAttribute('data-source')).toBe('walkin');
    // the phone and ID shown masked only
    const shown = (await page.getByTestId('staff-photo-person').textContent()) ?? '';
    expect(shown).toContain('137****2222');
    expect(shown).not.toContain(PHONE_A);
    expect(shown).not.toContain('199003071');
    await takeNewPhoto(page);
    await page.getByTestId('staff-photo-old').waitFor({ state: 'visible' });
    await page.getByTestId('staff-photo-confirm').click();
    await expect.poll(() => page.getByTestId('staff-photo-done').getAttribute('data-replaced')).toBe('true');

    const now = photos();
    expect(now).toHaveLength(1);
    expect(now).not.toContain(oldFile);
    const stored = readFileSync(join(facePhotoDir(kiosk.core.dataDir), now[0]!));
    expect(stored.equals(JPEG)).toBe(false);
    expect([...stored.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(registered()).toEqual([expect.objectContaining({ photo_file: now[0], replaced_by: 'staff', text_version: 'face-consent-1' })]);
    expect(audits()).toEqual([
      { action: 'facePhoto.replaced', detail: expect.objectContaining({ role: 'staff', matchedBy: 'phone', person: '王*', hadPhoto: true }) },
    ]);
    // found again: the desk's photo is now the registered one
    await page.getByTestId('staff-photo-next').click();
    await findByPhone(page, PHONE_A);
    expect(await page.getByTestId('staff-photo-current').getAttribute('data-source')).toBe('replaced');
  });

  it('by ID card: a visitor without a registered photo gets one', async () => {
    const before = photos();
    const page = await staffOnReplacePhoto();
    reader.removeCard();
    reader.insertCard(minorityNameCard);
    await expect.poll(() => step(page), { timeout: 15_000 }).toBe('current');
    expect(await page.getByTestId('staff-photo-person').getAttribute('data-matched-by')).toBe('id');
    await page.getByTestId('staff-photo-none').waitFor({ state: 'visible' });
    await takeNewPhoto(page);
    await page.getByTestId('staff-photo-old-none').waitFor({ state: 'visible' });
    await page.getByTestId('staff-photo-confirm').click();
    await expect.poll(() => page.getByTestId('staff-photo-done').getAttribute('data-replaced')).toBe('false');
    reader.removeCard();

    const added = photos().filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    expect(photos()).toHaveLength(before.length + 1);
    expect(registered()).toHaveLength(2);
    expect(audits().at(-1)).toEqual({ action: 'facePhoto.replaced', detail: expect.objectContaining({ role: 'staff', matchedBy: 'id', hadPhoto: false }) });
  });

  it("the staff session's idle lock returns to the PIN pad", async () => {
    const page = await cameras.open(kiosk.shell.url, clip);
    await page.clock.install();
    await unlockWithPin(page, STAFF_PIN, 'staff');
    await page.getByTestId('admin-section-photo').click();
    await page.clock.fastForward(125_000);
    await expect.poll(() => page.getByTestId('admin-pin').getAttribute('data-mode')).toBe('unlock');
    expect(await page.getByTestId('staff-photo').count()).toBe(0);
  });

  it('upload: off, the cloud never receives a photo; the site turns it on, the next replacement reaches it exactly once', async () => {
    const cloudPhotos = () => kiosk.cloud.db.kysely.selectFrom('visitor_photos').select(['visitor_id', 'jpeg', 'source', 'consent_text_version']).execute();
    const uploads = () => kiosk.cloud.db.kysely.selectFrom('applied_commands').select('id').where('kind', '=', 'uploadVisitorPhoto').execute();
    const sync = async () => output('sync.now', await dispatchIpcCall(kiosk.core, 'sync.now', {}));
    // off (the default): the replacements above went nowhere: no command queued, none applied, no image stored
    await sync();
    expect(kiosk.core.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'uploadVisitorPhoto'`).get()).toEqual({ n: 0 });
    expect(await uploads()).toEqual([]);
    expect(await cloudPhotos()).toEqual([]);

    const res = await fetch(`${kiosk.cloud.url}/api/v1/admin/sites/site_demo/policy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kiosk.cloud.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: { faceUploadAllowed: true } }),
    });
    expect(res.status).toBe(200);
    await sync();
    expect(kiosk.core.settings().faceUploadAllowed).toBe(true);

    const page = await staffOnReplacePhoto();
    await findByPhone(page, PHONE_A);
    await page.getByTestId('staff-photo-take').click();
    // the consent text now says the photo goes to the site's visitor library; its version lets the kiosk upload it
    expect(await page.getByTestId('face-consent-text').getAttribute('data-version')).toMatch(/^face-consent-upload-/);
    await page.getByTestId('face-agree').click();
    await page.getByTestId('face-photo').waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByTestId('face-use').click();
    await page.getByTestId('staff-photo-new').waitFor();
    await page.getByTestId('staff-photo-confirm').click();
    await expect.poll(() => page.getByTestId('staff-photo-done').getAttribute('data-replaced')).toBe('true');

    await sync();
    await sync(); // a second push sends nothing again
    // the registered photos in order of replacement: the last is the one just taken
    const file = (registered().at(-1) as { photo_file: string } | undefined)?.photo_file;
    const stored = await cloudPhotos();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'replaced', consent_text_version: expect.stringMatching(/^face-consent-upload-/) });
    expect(Buffer.from(stored[0]!.jpeg).equals(readFileSync(join(facePhotoDir(kiosk.core.dataDir), file!)))).toBe(true);
    expect(await uploads()).toHaveLength(1);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`${language}: the new staff screens pass axe`, async () => {
      kiosk.core.setLanguage(language);
      const page = await cameras.open(kiosk.shell.url, clip);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await unlockWithPin(page, STAFF_PIN, 'staff');
      await page.getByTestId('admin-section-visits').click();
      await page.getByTestId('staff-visit').first().waitFor();
      await page.getByTestId('staff-visit-open').last().click();
      await page.getByTestId('staff-visit-details').waitFor();
      await expectNoAxe(page, `${language}: today's visitors`);
      await page.getByTestId('admin-section-photo').click();
      await expectNoAxe(page, `${language}: find`);
      await findByPhone(page, PHONE_A);
      await expectNoAxe(page, `${language}: current photo`);
      await page.getByTestId('staff-photo-take').click();
      await page.getByTestId('face-consent').waitFor();
      await expectNoAxe(page, `${language}: consent`);
      await page.getByTestId('face-agree').click();
      await page.getByTestId('face-photo').waitFor({ state: 'visible', timeout: 30_000 });
      await expectNoAxe(page, `${language}: photo taken`);
      await page.getByTestId('face-use').click();
      await page.getByTestId('staff-photo-new').waitFor();
      await expectNoAxe(page, `${language}: preview`);
      await page.getByTestId('staff-photo-cancel').click();
      await page.getByTestId('admin-lock').click();
      await openPinPad(page);
    });
  }
});
