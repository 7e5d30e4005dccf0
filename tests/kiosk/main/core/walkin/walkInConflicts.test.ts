/**
 * A walk-in the cloud refuses (issue 9 item 6): the person put on the blacklist in the cloud after the kiosk's last
 * pull. With desk approval the registerWalkIn command is kept as a conflict that the sync conflicts list shows as a
 * walk-in (kind registerWalkIn, the cloud's code); with host approval the waiting desk is told at once (`refused`).
 */
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { ipcCalls, type IpcInput, type WalkInDecisionEvent } from '../../../../../src/shared/ipc';
import { TestCloudClient } from '../../../../support/cloudClient';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output } from '../../../../support/kiosk/helpers';

describe('walk-ins the cloud refuses', () => {
  const kiosks = useCloudKiosks('Walk-in conflicts desk');
  const call = <N extends keyof typeof ipcCalls>(core: KioskCore, name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const api = () => new TestCloudClient(kiosks.cloud.url, kiosks.cloud.adminToken);
  /** blacklisted in the cloud only: the kiosk has not pulled it */
  const blacklistInCloud = async (idNumber: string) => {
    const r = await api().request('POST', '/admin/blacklist', { siteId: 'site_demo', idNumber, reason: '测试', level: 'refuse' }, kiosks.cloud.adminToken);
    expect(r.status).toBe(201);
  };
  const registration = (idNumber: string): IpcInput<'walkin.register'> => ({
    lead: { identity: { source: 'typed', name: '韩十二', idType: 'resident_id', idNumber }, phone: '13733334444' },
    hostId: 'host_demo_wangfang',
    reason: '面试',
  });

  it('desk approval: the refused registerWalkIn is listed among the conflicts as a walk-in, with its code', async () => {
    const core = await kiosks.enrolledCore();
    await core.sync.now();
    await blacklistInCloud('11010519491231002X');
    const registered = output('walkin.register', await call(core, 'walkin.register', registration('11010519491231002X')));
    expect(await core.sync.now()).toMatchObject({ online: true, conflicts: 1 });
    const { conflicts } = output('sync.conflicts', await call(core, 'sync.conflicts', {}));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'registerWalkIn',
      code: 'blacklisted',
      bookingId: registered.bookingId,
      visitorName: '韩*二',
      status: 'conflict',
    });
    expect(conflicts[0]!.bookingCode).toBe(registered.code);
  });

  it('host approval: the waiting desk hears `refused` with the cloud’s code', async () => {
    const r = await api().request('POST', '/admin/sites/site_demo/settings', { walkInApproval: 'host' }, kiosks.cloud.adminToken);
    expect(r.status).toBe(200);
    const core = await kiosks.enrolledCore();
    await core.sync.now();
    await blacklistInCloud('440306199003071232');
    const refused = new Promise<WalkInDecisionEvent>((resolve) => {
      const off = core.events.on('walkin.decision', (e) => {
        if (e.state !== 'refused') return;
        off();
        resolve(e);
      });
    });
    const registered = output('walkin.register', await call(core, 'walkin.register', registration('440306199003071232')));
    expect(registered.approval).toBe('host');
    expect(await refused).toMatchObject({ registrationId: registered.registrationId, code: 'blacklisted' });
    const { conflicts } = output('sync.conflicts', await call(core, 'sync.conflicts', {}));
    expect(conflicts.map((c) => c.kind)).toEqual(['registerWalkIn']);
  });
});
