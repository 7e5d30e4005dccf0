/**
 * The face photo in the real kiosk (issue 10): the browser shell on a kiosk core enrolled to a real cloud, Debian
 * Chromium whose fake camera plays astronaut.png's face in the middle (tests/support/faces/fakeCamera.ts). Per sample:
 * the walk-in form filled, 同意并拍照 pressed; from the camera's first frame on screen (the face is in it from its
 * first frame) to the photo shown. Two results from one setup:
 *  - face-to-photo: that time; goal ≤ 1.5 s plus the countdown's configured length (decision.ts's DEFAULT_TUNING,
 *    stated separately in the notes with the time before the countdown began);
 *  - face-ui-long-tasks: the page's long tasks (> 50 ms, PerformanceObserver 'longtask') in that window, while the
 *    worker detects: goal none.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_TUNING } from '../src/renderer/features/face/decision';
import { launchChromium } from '../scripts/chromium';
import { ASTRONAUT_FACE_CENTRED, faceFixture, fakeCameraArgs, writeY4m } from '../tests/support/faces/fakeCamera';
import { startKioskUnderTest } from '../tests/support/kioskUnderTest';
import { stats, type Bench, type BenchResult } from './types';

/** Browser code (text: no DOM types here): marks and long tasks, installed before the page's own scripts. */
const OBSERVE = `(() => {
  const face = { longTasks: [], marks: {} };
  window.__face = face;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) face.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('playing', (e) => {
    if (e.target && e.target.dataset && e.target.dataset.testid === 'face-video' && face.marks.visible === undefined) face.marks.visible = performance.now();
  }, true);
  new MutationObserver(() => {
    if (face.marks.countdown === undefined && document.querySelector('[data-testid="face-countdown"]')) face.marks.countdown = performance.now();
    if (face.marks.photo === undefined && document.querySelector('[data-testid="face-photo"]')) face.marks.photo = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
})()`;

interface Observed {
  longTasks: { start: number; duration: number }[];
  marks: { visible?: number; countdown?: number; photo?: number };
}

async function fillWalkIn(page: Page, n: number): Promise<void> {
  await page.getByTestId('start-walkin').click();
  await page.getByTestId('walkin-screen').waitFor();
  await page.getByTestId('walkin-name').fill('王五');
  await page.getByTestId('walkin-id-number').fill('440306199003071232');
  await page.getByTestId('walkin-phone').fill(`1370000${String(1000 + n).padStart(4, '0')}`);
  await page.getByTestId('host-query').fill('李明');
  await page.getByTestId('host-search').click();
  await page.locator('[data-testid="host-chosen"][data-host-id="host_demo_liming"]').waitFor({ state: 'visible' });
  await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
  await page.getByTestId('walkin-reason').fill('洽谈合作');
}

const bench: Bench = {
  name: 'face-to-photo',
  description: 'face visible to the camera → photo taken, in the kiosk (browser shell, Chromium fake camera), and the UI long tasks meanwhile',
  async run({ samples = 5, log }) {
    const kiosk = await startKioskUnderTest({ label: 'bench-face', kioskName: 'Bench 人脸拍照', syncOnStart: true });
    const clip = join(kiosk.dir, 'face.y4m');
    writeY4m(clip, [{ png: faceFixture('astronaut.png'), placement: ASTRONAUT_FACE_CENTRED, frames: 10 }]);
    const browser = await launchChromium(fakeCameraArgs(clip));
    const toPhoto: number[] = [];
    const beforeCountdown: number[] = [];
    const longTaskCounts: number[] = [];
    let longest = 0;
    try {
      for (let i = 0; i < samples; i++) {
        const page = await browser.context.newPage();
        await page.addInitScript(OBSERVE);
        await page.goto(kiosk.shell.url);
        await page.getByTestId('home').waitFor();
        await fillWalkIn(page, i);
        await page.getByTestId('face-consent').waitFor();
        await page.getByTestId('face-agree').click();
        await page.getByTestId('face-photo').waitFor({ state: 'visible', timeout: 30_000 });
        const seen = await page.evaluate<Observed>('window.__face');
        const { visible, countdown, photo } = seen.marks;
        if (visible === undefined || countdown === undefined || photo === undefined) throw new Error(`marks missing: ${JSON.stringify(seen.marks)}`);
        const during = seen.longTasks.filter((t) => t.start + t.duration >= visible && t.start <= photo);
        toPhoto.push(photo - visible);
        beforeCountdown.push(countdown - visible);
        longTaskCounts.push(during.length);
        longest = Math.max(longest, ...during.map((t) => t.duration));
        log(
          `face-to-photo #${i + 1}: ${Math.round(photo - visible)} ms (countdown began after ${Math.round(countdown - visible)} ms), ${during.length} long task(s)`,
        );
        await page.close();
      }
    } finally {
      await browser.close();
      await kiosk.close();
    }
    const countdownMs = DEFAULT_TUNING.countdownMs;
    const results: BenchResult[] = [
      {
        name: 'face-to-photo',
        metric: `camera's first frame with the face on screen → photo shown, including the ${countdownMs} ms countdown (fake camera, browser shell)`,
        unit: 'ms',
        samples: toPhoto,
        target: { stat: 'max', max: 1500 + countdownMs },
        notes: {
          countdownMs,
          withoutCountdownMsMedian: Math.round(stats(toPhoto).median - countdownMs),
          toCountdownMsMedian: Math.round(stats(beforeCountdown).median),
          steadyFrames: DEFAULT_TUNING.steadyFrames,
        },
      },
      {
        name: 'face-ui-long-tasks',
        metric: 'long tasks (> 50 ms) on the page while detecting, from the first camera frame to the photo',
        unit: 'count',
        samples: longTaskCounts,
        target: { stat: 'max', max: 1 },
        notes: { longestMs: Math.round(longest) },
      },
    ];
    return results;
  },
};
export default bench;
