/**
 * The web app's end-to-end set-up, one definition for the e2e files that drive it (tests/e2e/webApp*.test.ts,
 * admin*.test.ts): the real cloud on a temp SQLite file serving the built web app (out/webapp: npm run build:webapp),
 * the demo site loaded unless a test seeds its own world, and Debian Chromium; an `api` helper that calls the cloud
 * as the bootstrap administrator, a page that records page errors and CSP refusals, and the axe and 360 px checks.
 *
 * `webAppOn` gives the same helpers over a cloud and a browser started elsewhere (the kiosk under test's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadDemoData } from '../../src/cloud/demo';
import { startCloudServer, type RunningCloudServer, type StartCloudServerOptions } from '../../src/cloud/server';
import { axeViolations } from './axe';
import { launchChromium, type LaunchedChromium } from './chromium';
import { ADMIN_TOKEN, TEST_KEY_ENCRYPTION } from './cloud/harness';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiAnswer {
  status: number;
  /** the answer's JSON body (undefined when it has none) */
  json: unknown;
}

export interface WebAppHelpers {
  /** the cloud now running */
  readonly cloud: RunningCloudServer;
  readonly browser: LaunchedChromium;
  /** the web app's address of `path` (`/apply` → `<cloud>/app/apply`) */
  app(path: string): string;
  /**
   * Calls the cloud's API (`/api/v1` + `path`), with `body` as JSON when given, as the bootstrap administrator unless
   * `token` names another bearer (null: none).
   */
  api(method: ApiMethod, path: string, body?: unknown, token?: string | null): Promise<ApiAnswer>;
  /**
   * A fresh page of the shared browser at `viewport` (default 1280×800), and the page's errors as they come: uncaught
   * errors and console errors (a CSP refusal is one) other than a refused answer's "Failed to load resource".
   */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; pageErrors: string[] }>;
}

export interface WebAppCloud extends WebAppHelpers {
  /** the demo site's id ('' when `seed` replaced the demo data) */
  siteId: string;
  /** closes the browser, then the cloud, and removes the temp folder */
  close(): Promise<void>;
}

export interface WebAppCloudOptions {
  /** names the temp folder: passdesk-webapp-<label>- */
  label: string;
  /** the cloud's other options (an SMS provider, a clock, …) */
  cloud?: Omit<StartCloudServerOptions, 'sqlitePath' | 'adminToken' | 'keyEncryption' | 'webAppDir'>;
  /** the world the test starts from instead of the demo data */
  seed?: (cloud: RunningCloudServer) => Promise<void>;
}

export const PHONE_VIEWPORT = { width: 360, height: 740 } as const;
export const DESK_VIEWPORT = { width: 1280, height: 800 } as const;

/** axe-core finds no violation in `page` as it is now (`screen` names it in the failure). */
export async function noViolations(page: Page, screen: string): Promise<void> {
  expect(await axeViolations(page), `${screen} passes axe-core`).toEqual([]);
}

/** Nothing in `page` scrolls sideways at a phone's 360 px. */
export async function fitsThePhone(page: Page): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'no sideways scrolling at 360 px').toBeLessThanOrEqual(PHONE_VIEWPORT.width);
}

/** The helpers over a cloud and a browser someone else started (read each time: a restarted cloud is the new one). */
export function webAppOn(target: { readonly cloud: RunningCloudServer; readonly browser: LaunchedChromium }): WebAppHelpers {
  return {
    get cloud() {
      return target.cloud;
    },
    get browser() {
      return target.browser;
    },
    app: (path) => `${target.cloud.url}/app${path}`,
    async api(method, path, body, token) {
      const bearer = token === undefined ? target.cloud.adminToken : token;
      const headers: Record<string, string> = {};
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${target.cloud.url}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
    async newPage(viewport = DESK_VIEWPORT) {
      const page = await target.browser.context.newPage();
      await page.setViewportSize(viewport);
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => {
        // a CSP refusal is reported here (refused answers, a wrong token's 401, are expected and not)
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
      });
      return { page, pageErrors };
    },
  };
}

/** Starts the cloud with the built web app on a temp SQLite file (the demo data, or `seed`'s world) and Chromium. */
export async function startWebAppCloud(opts: WebAppCloudOptions): Promise<WebAppCloud> {
  const dir = mkdtempSync(join(tmpdir(), `passdesk-webapp-${opts.label}-`));
  let cloud: RunningCloudServer | undefined;
  let browser: LaunchedChromium | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    cloud = await startCloudServer({
      sweepIntervalMs: 0,
      ...opts.cloud,
      sqlitePath: join(dir, 'cloud.sqlite'),
      adminToken: ADMIN_TOKEN,
      keyEncryption: TEST_KEY_ENCRYPTION,
      webAppDir: resolve('out/webapp'),
    });
    let siteId = '';
    if (opts.seed) await opts.seed(cloud);
    else siteId = (await loadDemoData(cloud.db)).siteId;
    browser = await launchChromium();
    const started = { cloud, browser };
    return { ...webAppOn(started), siteId, close };
  } catch (err) {
    await close();
    throw err;
  }
}
