/** Walk-ins that wait for their host, for the kiosk suite: registering one on a core, its next decision event, the cloud's commands. */
import { beforeAll, expect } from 'vitest';
import { TestCloudClient } from '../cloudClient';
import type { CloudFixture } from './cloudFixture';
import type { CloudKiosks } from './cloudKiosks';
import { dispatchIpcCall } from '../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../src/main/core/kioskCore';
import { idCheckCharacter } from '../../../src/shared/idNumber';
import type { WalkInDecisionEvent, WalkInDecisionState, WalkInRegistered } from '../../../src/shared/ipc';
import { output } from './helpers';

export const DEMO_HOST = 'host_demo_liming';

let serial = 500;
/** a valid resident ID number, a new one each call (each test registers new people) */
export function newResidentId(): string {
  const id17 = `110105198803${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++ % 1000).padStart(3, '0')}`;
  return id17 + idCheckCharacter(id17);
}

/** Registers a walk-in of 周八 (and `companions` of 吴九) to `hostId` on `core`: the core's answer. */
export async function registerWalkIn(core: KioskCore, opts: { companions?: number; hostId?: string } = {}): Promise<WalkInRegistered> {
  const r = await dispatchIpcCall(core, 'walkin.register', {
    lead: { identity: { source: 'typed', name: '周八', idType: 'resident_id', idNumber: newResidentId() }, phone: '13700002222' },
    companions: Array.from({ length: opts.companions ?? 0 }, () => ({
      identity: { source: 'typed' as const, name: '吴九', idType: 'resident_id' as const, idNumber: newResidentId() },
    })),
    hostId: opts.hostId ?? DEMO_HOST,
    reason: '商务洽谈',
  });
  return output('walkin.register', r);
}

/** The next `walkin.decision` event of `core` in `state`, and when it came. */
export function nextDecision(core: KioskCore, state: WalkInDecisionState): Promise<{ event: WalkInDecisionEvent; at: number }> {
  return new Promise((resolve) => {
    const off = core.events.on('walkin.decision', (event) => {
      if (event.state !== state) return;
      off();
      resolve({ event, at: Date.now() });
    });
  });
}

/** How many commands of `kind` the cloud applied (each once, by command id). */
export async function cloudCommands(cloud: CloudFixture, kind: string): Promise<number> {
  const rows = await cloud.server.db.kysely.selectFrom('applied_commands').select('id').where('kind', '=', kind).execute();
  return rows.length;
}

/**
 * Before the describe block's tests: the demo site's walk-ins wait for their host (offline: the desk approves), and
 * the demo host's token to decide with. Read `api` and `hostToken` inside tests (they are set in beforeAll).
 */
export function useHostApprovalSite(kiosks: CloudKiosks): { readonly api: TestCloudClient; readonly hostToken: string } {
  const site = { api: undefined as TestCloudClient | undefined, hostToken: '' };
  beforeAll(async () => {
    site.api = new TestCloudClient(kiosks.cloud.url, kiosks.cloud.adminToken);
    const r = await site.api.request(
      'POST',
      '/admin/sites/site_demo/settings',
      { walkInApproval: 'host', walkInOfflineFallback: 'desk' },
      kiosks.cloud.adminToken,
    );
    expect(r.status).toBe(200);
    site.hostToken = await site.api.hostToken(DEMO_HOST);
  });
  return {
    get api() {
      if (!site.api) throw new Error('useHostApprovalSite: read api inside a test, after beforeAll');
      return site.api;
    },
    get hostToken() {
      return site.hostToken;
    },
  };
}
