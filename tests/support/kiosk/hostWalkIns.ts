/** Walk-ins that wait for their host, for the kiosk suite: registering one on a core, its next decision event, the cloud's commands. */
import type { CloudFixture } from './cloudFixture';
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
