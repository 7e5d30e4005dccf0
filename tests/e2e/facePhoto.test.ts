/**
 * The walk-in's face photo end to end (issue 10, first slice): the real cloud with the demo data, the kiosk core, the
 * browser shell and Debian Chromium whose fake camera plays a clip made at test time from a photo in the repo
 * (tests/support/faces/fakeCamera.ts). With a face: consent → the photo is taken by itself (on-device detection in
 * the app's worker, wasm and model served by the app) → registered → the JPEG is in the kiosk's data folder (0600),
 * recorded with the visit, and the detector finds a face in it. With a cat: nothing is taken and the guide says why;
 * "不拍照，继续" completes the registration without a photo, the refusal recorded. A face that comes and goes stops the
 * countdown each time. The camera's state shows in the status bar.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePhotoDir } from '../../src/main/core/face/facePhotos';
import { cameraPages } from '../support/faces/cameraPage';
import { ASTRONAUT_FACE_CENTRED, faceFixture, writeY4m } from '../support/faces/fakeCamera';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

/** Fills the walk-in form with a typed visitor and the demo host 李明. */
async function fillWalkIn(page: Page, idNumber: string, phone: string): Promise<void> {
  await page.getByTestId('start-walkin').click();
  await page.getByTestId('walkin-screen').waitFor();
  await page.getByTestId('walkin-name').fill('王五');
  await page.getByTestId('walkin-id-number').fill(idNumber);
  await page.getByTestId('walkin-phone').fill(phone);
  await page.getByTestId('host-query').fill('李明');
  await page.getByTestId('host-search').click();
  await page.locator('[data-testid="host-chosen"][data-host-id="host_demo_liming"]').waitFor({ state: 'visible' });
  await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
  await page.getByTestId('walkin-reason').fill('洽谈合作');
}

/**
 * Runs the app's own detection worker (the built one the page loaded, found among its resources) on a JPEG: the
 * faces it finds. Browser code, given as text (this file is type-checked for Node, without the DOM).
 */
const DETECT_IN_PAGE = `async (dataUrl) => {
  const workerUrl = performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.includes('detector.worker'));
  if (!workerUrl) throw new Error('the detection worker was not loaded');
  const worker = new Worker(workerUrl);
  const answer = () => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
  let next = answer();
  worker.postMessage({ type: 'init', assetsBase: new URL('./', document.baseURI).href });
  const ready = await next;
  if (ready.type !== 'ready') throw new Error(ready.message);
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  const bitmap = await createImageBitmap(img);
  next = answer();
  worker.postMessage({ type: 'frame', bitmap, timestampMs: 1 }, [bitmap]);
  const result = await next;
  worker.terminate();
  if (result.type !== 'result') throw new Error(result.message);
  return result.detections;
}`;

async function facesIn(page: Page, jpeg: Buffer): Promise<{ score: number }[]> {
  const run = await page.evaluateHandle(`(${DETECT_IN_PAGE})`);
  const detections: unknown = await run.evaluate(
    (fn, url) => (fn as (u: string) => Promise<unknown>)(url),
    `data:image/jpeg;base64,${jpeg.toString('base64')}`,
  );
  return detections as { score: number }[];
}

describe('face photo at walk-in registration, end to end (fake camera)', () => {
  let kiosk: KioskUnderTest | undefined;
  const browsers = cameraPages();
  const consents = () => kiosk!.core.db.prepare('SELECT * FROM face_consents ORDER BY recorded_at').all() as Record<string, string | null>[];

  const pageWithCamera = (clip: string): Promise<Page> => browsers.open(kiosk!.shell.url, clip);

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'face', kioskName: 'E2E 人脸拍照', syncOnStart: true });
  });

  afterAll(async () => {
    await browsers.closeAll();
    await kiosk?.close();
  });

  it('a face: consent → auto-captured (3-2-1) → registered; the JPEG is kept 0600 in the data folder and holds a face', async () => {
    const clip = join(kiosk!.dir, 'face.y4m');
    writeY4m(clip, [{ png: faceFixture('astronaut.png'), placement: ASTRONAUT_FACE_CENTRED, frames: 10 }]);
    // the app serves the detector's wasm itself, as application/wasm, and the model
    const origin = new URL(kiosk!.shell.url).origin;
    const wasm = await fetch(`${origin}/mediapipe/wasm/vision_wasm_internal.wasm`, { method: 'HEAD' });
    expect([wasm.status, wasm.headers.get('content-type')]).toEqual([200, 'application/wasm']);
    expect((await fetch(`${origin}/mediapipe/face_detection_short_range.tflite`, { method: 'HEAD' })).status).toBe(200);
    const page = await pageWithCamera(clip);
    const camera = page.locator('[data-testid="device-chip"][data-device="camera"]');
    await expect.poll(() => camera.getAttribute('data-status')).toBe('ready');

    await fillWalkIn(page, '440306199003071232', '13700001111');
    await page.getByTestId('face-consent').waitFor();
    expect(await page.getByTestId('face-decline').textContent()).toBe('不拍照，继续');
    await page.getByTestId('face-agree').click();
    await expect.poll(() => camera.getAttribute('data-status'), { timeout: 10_000 }).toBe('busy');
    await page.getByTestId('face-countdown').waitFor({ state: 'visible', timeout: 20_000 });
    const photo = page.getByTestId('face-photo');
    await photo.waitFor({ state: 'visible', timeout: 20_000 });
    // the camera is released once the photo is taken
    await expect.poll(() => camera.getAttribute('data-status')).toBe('ready');
    await page.getByTestId('face-use').click();
    await page.getByTestId('walkin-face-thumb').waitFor({ state: 'visible' });
    await page.getByTestId('walkin-submit').click();
    await page.getByTestId('pass-qr').waitFor({ state: 'visible' });

    const [row] = consents();
    expect(row).toMatchObject({ decision: 'granted', text_version: 'face-consent-1', kiosk_id: kiosk!.core.identity()!.kioskId });
    expect(row?.visit_id).toBeTruthy();
    const dir = facePhotoDir(kiosk!.core.dataDir);
    // the photo and its pass thumbnail (for printers with raster)
    expect(readdirSync(dir).sort()).toEqual([row!.photo_file!, row!.photo_file!.replace('.jpg', '.pgm')]);
    const file = join(dir, row!.photo_file!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const jpeg = readFileSync(file);
    expect(jpeg.length).toBeLessThanOrEqual(100 * 1024);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // 3:4, 360×480
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect([jpeg.readUInt16BE(sof + 7), jpeg.readUInt16BE(sof + 5)]).toEqual([360, 480]);
    const faces = await facesIn(page, jpeg);
    expect(faces.filter((f) => f.score >= 0.6)).toHaveLength(1);
    // the photo is not on the pass screen the visitor sees
    expect(await page.locator('img[src^="data:image/jpeg"]').count()).toBe(0);
  });

  it('a face that leaves the frame stops the countdown: nothing is taken while it comes and goes', async () => {
    // 2 s of face, 2 s of cat, looped: the countdown (3 s) starts with the face and never finishes
    const clip = join(kiosk!.dir, 'leaves.y4m');
    writeY4m(clip, [
      { png: faceFixture('astronaut.png'), placement: ASTRONAUT_FACE_CENTRED, frames: 60 },
      { png: faceFixture('chelsea.png'), frames: 60 },
    ]);
    const page = await pageWithCamera(clip);
    await fillWalkIn(page, '440306199003071232', '13700003333');
    await page.getByTestId('face-agree').click();
    const countdown = page.getByTestId('face-countdown');
    await countdown.waitFor({ state: 'visible', timeout: 20_000 });
    await countdown.waitFor({ state: 'detached', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('face-guide').getAttribute('data-reason')).toMatch(/^(no_face|low_score)$/);
    await page.waitForTimeout(5000);
    expect(await page.getByTestId('face-photo').count()).toBe(0);
    await page.getByTestId('face-decline').click();
  });

  it('no face (a cat): nothing is taken and the guide says why; 不拍照，继续 registers without a photo, the refusal recorded', async () => {
    const clip = join(kiosk!.dir, 'cat.y4m');
    writeY4m(clip, [{ png: faceFixture('chelsea.png'), frames: 10 }]);
    const page = await pageWithCamera(clip);
    const before = consents().length;
    const photosBefore = readdirSync(facePhotoDir(kiosk!.core.dataDir)).length;

    await fillWalkIn(page, '11010519491231002X', '13700002222');
    await page.getByTestId('face-agree').click();
    const guide = page.getByTestId('face-guide');
    // the detector is running (a reason given) and it stays without a face for 6 s: no countdown, no photo
    await expect.poll(() => guide.getAttribute('data-reason'), { timeout: 20_000 }).toMatch(/^(no_face|low_score)$/);
    await page.waitForTimeout(6000);
    expect(await page.getByTestId('face-photo').count()).toBe(0);
    expect(await page.getByTestId('face-countdown').count()).toBe(0);
    expect(await guide.textContent()).toBe('请正对摄像头');

    await page.getByTestId('face-decline').click();
    expect(await page.getByTestId('walkin-face-status').textContent()).toContain('不拍照');
    await page.getByTestId('walkin-submit').click();
    await page.getByTestId('pass-qr').waitFor({ state: 'visible' });
    const rows = consents();
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({ decision: 'refused', photo_file: null, text_version: 'face-consent-1' });
    expect(readdirSync(facePhotoDir(kiosk!.core.dataDir))).toHaveLength(photosBefore);
  });
});
