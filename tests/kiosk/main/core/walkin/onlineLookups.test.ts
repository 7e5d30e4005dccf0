/**
 * The walk-in form's look-ups online (issue 9 item 2) on real cores (SQLite) against the real cloud: local first, and
 * the cloud's kiosk routes too when online, so a visit made at another kiosk is found; merged without duplicates,
 * marked by origin, masked only. With the cloud down the desk answers from its own data, quickly and without error.
 */
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { ipcCalls, type IpcInput } from '../../../../../src/shared/ipc';
import { TestCloudClient } from '../../../../support/cloudClient';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output } from '../../../../support/kiosk/helpers';

const PHONE = '13722223333';
const ID_NUMBER = '440306199003071232';

describe('walk-in look-ups, local first and the cloud when online', () => {
  const kiosks = useCloudKiosks('Look-up desk');
  const call = <N extends keyof typeof ipcCalls>(core: KioskCore, name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);

  it('finds the visit made at another kiosk (last visit, today), once, marked cloud; hosts not pulled yet too; masked only', async () => {
    const a = await kiosks.enrolledCore();
    await a.sync.now();
    const registered = output(
      'walkin.register',
      await call(a, 'walkin.register', {
        lead: { identity: { source: 'typed', name: '冯十一', idType: 'resident_id', idNumber: ID_NUMBER }, phone: PHONE, company: '远方公司' },
        hostId: 'host_demo_liming',
        reason: '商务洽谈',
        visitType: '商务洽谈',
      }),
    );
    expect(registered.approval).toBe('desk');
    expect(await a.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });

    const b = await kiosks.enrolledCore();
    expect((await b.sync.now()).online).toBe(true);
    const found = output('walkin.lookup', await call(b, 'walkin.lookup', { phone: PHONE }));
    expect(found.lastVisit).toMatchObject({
      origin: 'cloud',
      bookingId: registered.bookingId,
      matchedBy: 'phone',
      company: '远方公司',
      hostName: '李明',
      host: { id: 'host_demo_liming' },
      reason: '商务洽谈',
    });
    expect(found.lastVisit?.visitId).toBeUndefined();
    // kiosk A's own answer is its local visit (the same booking the cloud has: not a duplicate)
    expect(output('walkin.lookup', await call(a, 'walkin.lookup', { phone: PHONE })).lastVisit).toMatchObject({
      origin: 'local',
      bookingId: registered.bookingId,
    });

    const today = output('walkin.today', await call(b, 'walkin.today', {}));
    expect(today.visitors.filter((v) => v.bookingId === registered.bookingId)).toHaveLength(1);

    // a host created in the cloud after B's pull: found through the cloud, marked so
    const api = new TestCloudClient(kiosks.cloud.url, kiosks.cloud.adminToken);
    const newHost = await api.createHost({ name: '褚新人', phone: '13911112222', department: '法务部', siteId: 'site_demo' });
    const hosts = output('hosts.search', await call(b, 'hosts.search', { query: '褚新' }));
    expect(hosts).toMatchObject({ result: 'found', hosts: [{ id: newHost.id, origin: 'cloud', phoneMasked: '139****2222' }] });

    // the renderer gets masked numbers only
    const seen = JSON.stringify([found, today, hosts]);
    for (const secret of [PHONE, ID_NUMBER, '13911112222']) expect(seen).not.toContain(secret);
  });

  it('the cloud down: the look-ups answer from the kiosk’s own data at once, without an error', async () => {
    const b = await kiosks.enrolledCore();
    expect((await b.sync.now()).online).toBe(true);
    await kiosks.cloud.stop();
    try {
      const started = Date.now();
      const lookup = await call(b, 'walkin.lookup', { phone: '13755556666' });
      const today = await call(b, 'walkin.today', {});
      const hosts = await call(b, 'hosts.search', { query: '李明' });
      expect(Date.now() - started).toBeLessThan(4500);
      expect(output('walkin.lookup', lookup).lastVisit).toBeNull();
      expect(output('walkin.today', today).visitors.every((v) => v.origin === 'local')).toBe(true);
      expect(output('hosts.search', hosts)).toMatchObject({ result: 'found', hosts: [{ id: 'host_demo_liming' }] });
      expect(b.sync.state().online).toBe(true); // still believed online: the cloud was asked and failed
    } finally {
      await kiosks.cloud.restart();
    }
  });
});
