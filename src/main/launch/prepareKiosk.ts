/**
 * What every kiosk launch does before a window opens, in the browser shell and in Electron alike:
 * - with no cloud configured, start an embedded cloud API (SQLite in the data folder) with demo data;
 * - open the kiosk core;
 * - enrol the kiosk on first start (with PASSDESK_ENROL_CODE, or a code the embedded cloud makes);
 * - sync once, without failing when the cloud is unreachable (the kiosk works offline);
 * - build the device manager from the kiosk's device settings (simulators with PASSDESK_SIMULATE_DEVICES=1), hand
 *   it to the core at its creation, and start it once the kiosk is enrolled and synced.
 * Plain Node: no electron import.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// the embedded cloud and its demo data load only when no cloud is configured (dynamic import below)
import type { RunningCloudServer } from '../../cloud/server';
import { randomSecret } from '../../platform/secrets';
import { ensurePrivateDir, tightenFile } from '../../platform/privateFiles';
import { API_PREFIX, EnrolmentCodeCreated } from '../../shared/sync';
import { maskPhone } from '../../shared/mask';
import type { AppInfo } from '../../shared/ipc';
import { createKioskCore, type KioskCore } from '../core/kioskCore';
import { createLogger } from '../core/log';
import type { KioskShellControl } from '../core/admin/shellCalls';
import { openKioskDevices, type KioskDevices } from './kioskDevices';

const log = createLogger('launch');

export interface LaunchEnv {
  PASSDESK_DATA_DIR?: string;
  PASSDESK_CLOUD_URL?: string;
  PASSDESK_CLOUD_PORT?: string;
  PASSDESK_ENROL_CODE?: string;
  PASSDESK_KIOSK_NAME?: string;
  /** 1: simulate an ID card reader, a thermometer and an ESC/POS pass printer on ptys (commands on stdin) */
  PASSDESK_SIMULATE_DEVICES?: string;
  DATABASE_URL?: string;
}

export interface PreparedKiosk {
  core: KioskCore;
  dataDir: string;
  /** the embedded cloud, when no other was configured */
  embeddedCloud?: RunningCloudServer;
  /** the device manager attached to the core, and the simulators when asked for */
  devices: KioskDevices;
  /** lines worth printing: where the cloud is, demo codes */
  banner: string[];
  close(): Promise<void>;
}

const DEFAULT_EMBEDDED_PORT = 8787;

function persistentAdminToken(dataDir: string): string {
  const file = join(dataDir, 'cloud-admin-token');
  if (existsSync(file)) {
    tightenFile(file);
    return readFileSync(file, 'utf8').trim();
  }
  const token = randomSecret();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

async function startEmbeddedCloud(dataDir: string, env: LaunchEnv): Promise<RunningCloudServer> {
  const base = {
    sqlitePath: join(dataDir, 'cloud.sqlite'),
    adminToken: persistentAdminToken(dataDir),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  };
  const port = Number(env.PASSDESK_CLOUD_PORT ?? DEFAULT_EMBEDDED_PORT);
  const { startCloudServer } = await import('../../cloud/server');
  try {
    return await startCloudServer({ ...base, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    log.warn(`port ${port} is taken: the embedded cloud takes a free port`);
    return startCloudServer({ ...base, port: 0 });
  }
}

async function makeEnrolmentCode(cloud: RunningCloudServer, siteId: string): Promise<string> {
  const res = await cloud.app.inject({
    method: 'POST',
    url: `${API_PREFIX}/admin/enrolment-codes`,
    headers: { authorization: `Bearer ${cloud.adminToken}` },
    payload: { siteId },
  });
  if (res.statusCode !== 201) throw new Error(`the embedded cloud refused an enrolment code: ${res.statusCode} ${res.body}`);
  return EnrolmentCodeCreated.parse(res.json()).code;
}

export async function prepareKiosk(env: LaunchEnv, host: AppInfo['host'], shell?: KioskShellControl): Promise<PreparedKiosk> {
  const dataDir = resolve(env.PASSDESK_DATA_DIR ?? 'data');
  ensurePrivateDir(dataDir); // 0700: the kiosk's and the embedded cloud's data, keys and tokens
  const banner: string[] = [];
  let embeddedCloud: RunningCloudServer | undefined;
  let demoSiteId: string | undefined;
  let cloudUrl = env.PASSDESK_CLOUD_URL;

  if (!cloudUrl) {
    const { DEMO_BOOKINGS, DEMO_HOSTS, DEMO_SITE, loadDemoData } = await import('../../cloud/demo');
    demoSiteId = DEMO_SITE.id;
    embeddedCloud = await startEmbeddedCloud(dataDir, env);
    await loadDemoData(embeddedCloud.db);
    cloudUrl = embeddedCloud.url;
    banner.push(`embedded cloud API: ${cloudUrl} (OpenAPI: ${cloudUrl}/openapi.json; admin token in ${join(dataDir, 'cloud-admin-token')})`);
    banner.push(`web app: ${cloudUrl}/app/ (visitors apply at /app/apply; hosts sign in at /app/host with a host token)`);
    banner.push(`demo site: ${DEMO_SITE.name}`);
    for (const b of DEMO_BOOKINGS) {
      banner.push(`  booking ${b.code}  ${b.status.padEnd(9)} visitor ${b.visitor.name} ${maskPhone(b.visitor.phone)}`);
    }
    const noPermission = DEMO_HOSTS.find((h) => !h.canReceiveVisitors);
    if (noPermission) banner.push(`  host ${noPermission.name} has no visit permission ("无此受访人")`);
  }

  const opened: { devices?: KioskDevices } = {};
  let core: KioskCore;
  try {
    core = await createKioskCore({
      dataDir: join(dataDir, 'kiosk'),
      cloudUrl,
      host,
      shell,
      devices: async (settings) => (opened.devices = await openKioskDevices(settings.devices, env)).manager,
    });
  } catch (err) {
    await opened.devices?.close();
    await embeddedCloud?.close();
    throw err;
  }
  const devices = opened.devices;
  if (!devices) throw new Error('the kiosk core was built without its devices');
  try {
    if (!core.identity()) {
      const code = env.PASSDESK_ENROL_CODE ?? (embeddedCloud && demoSiteId ? await makeEnrolmentCode(embeddedCloud, demoSiteId) : undefined);
      if (!code) {
        throw new Error(
          `this kiosk is not enrolled with ${cloudUrl}: ask its admin for a one-time enrolment code and start with PASSDESK_ENROL_CODE=XXXX-XXXX`,
        );
      }
      const identity = await core.enrol({ code, name: env.PASSDESK_KIOSK_NAME ?? '前台访客机', cloudUrl });
      banner.push(`enrolled as kiosk ${identity.kioskId}`);
    }
    const state = await core.sync.now();
    banner.push(`sync: ${state.online ? 'online' : 'offline'}, ${state.pendingCommands} pending`);
    await devices.start();
    banner.push(...devices.banner);
  } catch (err) {
    await core.close();
    await devices.close();
    await embeddedCloud?.close();
    throw err;
  }

  return {
    core,
    dataDir,
    ...(embeddedCloud ? { embeddedCloud } : {}),
    devices,
    banner,
    async close() {
      await devices.close();
      await core.close();
      await embeddedCloud?.close();
    },
  };
}
