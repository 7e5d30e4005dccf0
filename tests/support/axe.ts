/**
 * axe-core (Deque's accessibility rules) run in a page of the kiosk under test. The script is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so the kiosk's policy stays as
 * shipped. WCAG 2.1 A and AA rules and axe's best practices.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { setOrientation, type Orientation } from './layout';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  /** where axe was run in a 访客机 orientation (axeViolationsInOrientations) */
  orientation?: Orientation;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** The violations axe finds in `page` as it is now (each with the elements it names). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: { run(ctx: unknown, opts: object): Promise<unknown> }; document: unknown };
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
  });
  return (result as AxeResult).violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/**
 * The violations axe finds in `page` as it is now in both 访客机 orientations (issue 11: a portrait 1080×1920 panel
 * and a landscape 1920×1080 one), each tagged with its orientation; the page's viewport is put back afterwards.
 */
export async function axeViolationsInOrientations(page: Page): Promise<AxeViolation[]> {
  const before = page.viewportSize();
  const found: AxeViolation[] = [];
  for (const orientation of ['portrait', 'landscape'] as const) {
    await setOrientation(page, orientation);
    for (const v of await axeViolations(page)) found.push({ orientation, ...v });
  }
  if (before) await page.setViewportSize(before);
  return found;
}
