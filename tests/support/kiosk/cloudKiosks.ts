/**
 * A describe block's real cloud (see cloudFixture.ts) and the kiosk cores its tests enrol to it. Call inside a
 * `describe`: the cloud starts in beforeAll and is cleaned up in afterAll; what a test opens (cores, temp dirs)
 * is closed after that test, last opened first.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../../src/main/core/kioskCore';
import type { Dialect } from '../cloud/harness';
import { startCloud, type CloudFixture } from './cloudFixture';
import { tempDir } from './helpers';
import { startTamperingProxy, type TamperingProxy } from './tamperingProxy';

export interface EnrolledCoreOptions extends Partial<Omit<KioskCoreOptions, 'dataDir' | 'cloudUrl'>> {
  /** reopen this data dir (left in place; enrolled again only if it holds no identity); default a new temp dir */
  dataDir?: string;
}

export interface CloudKiosks {
  /** the block's cloud: set once beforeAll has run */
  readonly cloud: CloudFixture;
  /** runs after the current test (last registered first) */
  afterThisTest: (cleanup: () => Promise<void> | void) => void;
  /** a core on the cloud (autoSync off unless given), enrolled under the block's kiosk name; closed after the test */
  enrolledCore: (options?: EnrolledCoreOptions) => Promise<KioskCore>;
  /** a core enrolled through a proxy that logs what reaches the cloud (tamperingProxy.ts), synced once; closed after the test */
  coreBehindProxy: () => Promise<{ core: KioskCore; proxy: TamperingProxy }>;
}

/** `postgres`: the cloud on the PostgreSQL test database (a fresh schema), else on a temp SQLite file. */
export function useCloudKiosks(kioskName: string, dialect: Dialect = 'sqlite'): CloudKiosks {
  let cloud: CloudFixture | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    cloud = await startCloud(dialect);
  });
  afterAll(async () => {
    await cloud?.cleanup();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const started = (): CloudFixture => {
    if (!cloud) throw new Error('the cloud is not started yet (use it inside a test or hook)');
    return cloud;
  };
  const afterThisTest = (cleanup: () => Promise<void> | void): void => {
    cleanups.push(cleanup);
  };
  return {
    get cloud() {
      return started();
    },
    afterThisTest,
    async enrolledCore({ dataDir, ...options }: EnrolledCoreOptions = {}): Promise<KioskCore> {
      let dir = dataDir;
      if (dir === undefined) {
        const t = tempDir();
        afterThisTest(() => t.cleanup());
        dir = t.dir;
      }
      const core = await createKioskCore({ dataDir: dir, cloudUrl: started().url, autoSync: false, ...options });
      afterThisTest(() => core.close());
      if (!core.identity()) await core.enrol({ code: await started().enrolmentCode(), name: kioskName });
      return core;
    },
    async coreBehindProxy(): Promise<{ core: KioskCore; proxy: TamperingProxy }> {
      const proxy = await startTamperingProxy(started().url);
      afterThisTest(() => proxy.close());
      const t = tempDir();
      afterThisTest(() => t.cleanup());
      const core = await createKioskCore({ dataDir: t.dir, cloudUrl: proxy.url, autoSync: false });
      afterThisTest(() => core.close());
      await core.enrol({ code: await started().enrolmentCode(), name: kioskName });
      if (!(await core.sync.now()).online) throw new Error('the core behind the logging proxy did not reach the cloud');
      return { core, proxy };
    },
  };
}
