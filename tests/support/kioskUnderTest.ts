/**
 * The whole kiosk as the e2e suites drive it: the real cloud (temp SQLite) with the demo data, kiosk cores
 * enrolled to it, the browser shell on the kiosk under test and Debian Chromium; plus the check-in steps a
 * receptionist takes on screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_SITE, loadDemoData } from '../../src/cloud/demo';
import { startCloudServer, type RunningCloudServer, type StartCloudServerOptions } from '../../src/cloud/server';
import { createKioskCore, type KioskCore } from '../../src/main/core/kioskCore';
import type { DevicesPort } from '../../src/main/core/devices';
import { startSimulatedReader, type SimulatedReader } from '../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../src/main/devices/idcard/simulator';
import { createDeviceManager } from '../../src/main/devices/manager/deviceManager';
import { servePrinterOnPty, type PrinterOnPty } from '../../src/main/devices/printer/simulator';
import { KioskDeviceSettings } from '../../src/shared/domain';
import { startBrowserShell, type BrowserShell } from '../../src/main/shells/browser/browserShell';
import { launchChromium, type LaunchedChromium } from './chromium';
import { TestCloudClient } from './cloudClient';
import { tapQueuedCommands } from './kiosk/queuedCommands';
import { decodeQrFromPng } from './qr';

export interface KioskUnderTestOptions {
  /** names the temp dir: passdesk-e2e-<label>- */
  label: string;
  /** the name the kiosk under test enrols with */
  kioskName: string;
  /** kiosks enrolled to the same cloud before the one under test, without a browser (their names, in order) */
  otherKiosks?: string[];
  /** sync once after enrolment and expect the cloud reached */
  syncOnStart?: boolean;
  /** false: the kiosk under test starts fresh, not enrolled (its cloud URL the running cloud's); default true */
  enrol?: boolean;
  /**
   * The kiosk's devices, handed to its core at creation. What it starts is closed through `onClose` (after the core,
   * last registered first).
   */
  devices?: (onClose: (close: () => Promise<unknown>) => void) => Promise<DevicesPort>;
  /** the cloud's SMS provider (a test reads the sign-in codes it is given) and the web app it serves */
  cloud?: Pick<StartCloudServerOptions, 'notifications' | 'webAppDir'>;
}

export interface KioskUnderTest {
  dir: string;
  /** the cloud now running (a new one after restartCloud) */
  readonly cloud: RunningCloudServer;
  client: TestCloudClient;
  /** the kiosk the browser shows */
  core: KioskCore;
  /** the `otherKiosks`, in the same order */
  others: KioskCore[];
  shell: BrowserShell;
  browser: LaunchedChromium;
  /** starts the cloud again on its data, port and admin token (after `cloud.close()`) */
  restartCloud(): Promise<RunningCloudServer>;
  /** the kiosk's home screen in `page` */
  openHome(page: Page): Promise<void>;
  /** closes everything this started, the browser first, and removes the temp dir */
  close(): Promise<void>;
}

export async function startKioskUnderTest(opts: KioskUnderTestOptions): Promise<KioskUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), `passdesk-e2e-${opts.label}-`));
  const sqlitePath = join(dir, 'cloud.sqlite');
  let cloud: RunningCloudServer | undefined;
  const cores: KioskCore[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let shell: BrowserShell | undefined;
  let browser: LaunchedChromium | undefined;

  async function close(): Promise<void> {
    await browser?.close();
    await shell?.close();
    for (const core of cores.splice(0).reverse()) await core.close();
    for (const c of closers.splice(0).reverse()) await c();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    cloud = await startCloudServer({ ...opts.cloud, sqlitePath, port: 0 });
    const { port } = new URL(cloud.url);
    const { adminToken } = cloud;
    await loadDemoData(cloud.db);
    const client = new TestCloudClient(cloud.url, adminToken);
    const enrolled = async (dataDir: string, name: string, devices?: DevicesPort, enrol = true): Promise<KioskCore> => {
      const core = await createKioskCore({ dataDir: join(dir, dataDir), cloudUrl: cloud!.url, autoSync: false, ...(devices ? { devices } : {}) });
      cores.push(core);
      tapQueuedCommands(core); // what it queues, as queued (a sent command keeps only its ids)
      if (enrol) await core.enrol({ code: await client.enrolmentCode(DEMO_SITE.id), name });
      return core;
    };

    const others: KioskCore[] = [];
    for (const [i, name] of (opts.otherKiosks ?? []).entries()) others.push(await enrolled(`kiosk-other-${i + 1}`, name));
    const devices = await opts.devices?.((c) => closers.push(c));
    const core = await enrolled('kiosk', opts.kioskName, devices, opts.enrol !== false);
    if (opts.syncOnStart) expect((await core.sync.now()).online).toBe(true);

    shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer'), port: 0 });
    browser = await launchChromium();
    const url = shell.url;
    return {
      dir,
      get cloud() {
        return cloud!;
      },
      client,
      core,
      others,
      shell,
      browser,
      async restartCloud() {
        cloud = await startCloudServer({ ...opts.cloud, sqlitePath, port: Number(port), adminToken });
        return cloud;
      },
      async openHome(page) {
        await page.goto(url);
        await page.getByTestId('home').waitFor();
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * On the booking screen: 确认到访, then the pass QR on screen decoded. Returns the pass token.
 */
export async function confirmArrivalAndReadPass(page: Page): Promise<string> {
  await page.getByTestId('confirm-arrival').click();
  const qr = page.getByTestId('pass-qr');
  await qr.waitFor({ state: 'visible' });
  const token = decodeQrFromPng(await qr.screenshot());
  expect(token, 'the QR on screen decodes').toBeTruthy();
  return token!;
}

/**
 * From the home screen: 签到 → search `query` → the first booking found, whose details name `visitorName` →
 * confirm arrival. Returns the token of the pass QR on screen.
 */
export async function checkInThroughUi(page: Page, query: string, visitorName: string): Promise<string> {
  await page.getByTestId('start-checkin').click();
  await page.getByTestId('checkin-query').fill(query);
  await page.getByTestId('checkin-search').click();
  await page.getByTestId('booking-result').first().click();
  const details = page.getByTestId('booking-details');
  await expect.poll(() => details.textContent()).toContain(visitorName);
  return confirmArrivalAndReadPass(page);
}

/**
 * A kiosk under test whose devices are a real device manager with one ID card reader: the SAM_V simulator on a socat
 * pty (fast latency, polled every 50 ms). The reader is for the test to place and remove cards.
 */
export async function startKioskWithCardReader(
  opts: Pick<KioskUnderTestOptions, 'label' | 'kioskName'>,
): Promise<{ kiosk: KioskUnderTest; reader: SimulatedReader }> {
  const { kiosk, reader } = await startWithReader(opts, false);
  return { kiosk, reader };
}

/**
 * As `startKioskWithCardReader`, and the same device manager drives an ESC/POS printer (80 mm): the printer
 * simulator on a socat pty, which decodes each job for the test (`printer.sim.nextJob()`).
 */
export async function startKioskWithCardReaderAndPrinter(
  opts: Pick<KioskUnderTestOptions, 'label' | 'kioskName'>,
): Promise<{ kiosk: KioskUnderTest; reader: SimulatedReader; printer: PrinterOnPty }> {
  const { kiosk, reader, printer } = await startWithReader(opts, true);
  return { kiosk, reader, printer: printer! };
}

async function startWithReader(
  opts: Pick<KioskUnderTestOptions, 'label' | 'kioskName'>,
  withPrinter: boolean,
): Promise<{ kiosk: KioskUnderTest; reader: SimulatedReader; printer?: PrinterOnPty }> {
  let reader: SimulatedReader | undefined;
  let printer: PrinterOnPty | undefined;
  const kiosk = await startKioskUnderTest({
    ...opts,
    syncOnStart: true,
    async devices(onClose) {
      const started = await startSimulatedReader({ latency: FAST_LATENCY });
      reader = started;
      onClose(() => started.close());
      if (withPrinter) {
        const served = await servePrinterOnPty();
        printer = served;
        onClose(() => served.close());
      }
      const manager = createDeviceManager({
        settings: KioskDeviceSettings.parse({
          idReader: { enabled: true, port: started.path },
          ...(printer ? { printer: { kind: 'escpos-serial', port: printer.path, paperWidthMm: 80 } } : {}),
        }),
        autoDetect: false,
        idReader: { pollIntervalMs: 50 },
      });
      await manager.start();
      return manager;
    },
  });
  return { kiosk, reader: reader!, printer };
}
