/**
 * The kiosk's screen forms as the e2e suites measure them: the two 访客机 orientations (a portrait 1080×1920 panel and
 * a landscape 1920×1080 one) and what the DOM says of a screen laid out in them (getBoundingClientRect, scroll sizes).
 */
import type { Page } from 'playwright-core';

export const ORIENTATIONS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
export type Orientation = keyof typeof ORIENTATIONS;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}
interface El {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  getBoundingClientRect(): Box;
}
interface Doc {
  documentElement: El;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

/** Puts `page` in `orientation` and waits a frame for the layout to follow. */
export async function setOrientation(page: Page, orientation: Orientation): Promise<void> {
  await page.setViewportSize(ORIENTATIONS[orientation]);
  await page.evaluate(
    () => new Promise((done) => (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(() => done(null))),
  );
}

/** How many pixels the page, or its main area, is wider than the viewport (0: no horizontal scroll). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document;
    const root = d.documentElement;
    const main = d.querySelector('.app__main');
    return Math.max(root.scrollWidth - root.clientWidth, main ? main.scrollWidth - main.clientWidth : 0);
  });
}

export interface HomeLayout {
  viewportHeight: number;
  /** from the top of the greeting to the bottom of the lowest tile */
  contentHeight: number;
  /** the tiles other than 预约签到: their tops (rounded), in order */
  otherTileTops: number[];
  /** the main area scrolls vertically */
  mainScrolls: boolean;
}

/** The home screen's layout as the DOM has it. */
export async function homeLayout(page: Page): Promise<HomeLayout> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document;
    const greeting = d.querySelector('.home__greeting')!.getBoundingClientRect();
    const tiles = Array.from(d.querySelectorAll('.home__actions > .tile'), (t) => t.getBoundingClientRect());
    const main = d.querySelector('.app__main')!;
    return {
      viewportHeight: d.documentElement.clientHeight,
      contentHeight: Math.round(Math.max(...tiles.map((t) => t.bottom)) - greeting.top),
      otherTileTops: tiles.slice(1).map((t) => Math.round(t.top)),
      mainScrolls: main.scrollHeight > main.clientHeight,
    };
  });
}

/** The width and height of the element `selector` finds, as laid out. */
export async function boxOf(page: Page, selector: string): Promise<Box> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = (el as unknown as El).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    });
}
