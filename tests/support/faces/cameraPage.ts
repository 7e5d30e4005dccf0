/**
 * The kiosk's page in a Chromium of its own whose fake camera plays `clip` (a Y4M made by writeY4m), on the home
 * screen; every browser opened is closed by `closeAll`. Shared by the face photo e2e suites and benches.
 */
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../chromium';
import { ASTRONAUT_FACE_CENTRED, faceFixture, fakeCameraArgs, writeY4m } from './fakeCamera';

export interface CameraPages {
  open(url: string, clip: string): Promise<Page>;
  closeAll(): Promise<void>;
}

export function cameraPages(): CameraPages {
  const browsers: LaunchedChromium[] = [];
  return {
    async open(url, clip) {
      const browser = await launchChromium(fakeCameraArgs(clip));
      browsers.push(browser);
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.getByTestId('home').waitFor();
      return page;
    },
    async closeAll() {
      for (const b of browsers.splice(0)) await b.close();
    },
  };
}

/** A clip of astronaut.png's face in the middle of the frame (auto-capture takes it): its path. */
export function writeCentredFaceClip(path: string): string {
  writeY4m(path, [{ png: faceFixture('astronaut.png'), placement: ASTRONAUT_FACE_CENTRED, frames: 10 }]);
  return path;
}
