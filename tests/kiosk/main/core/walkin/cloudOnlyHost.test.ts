/**
 * A walk-in for a host the kiosk has not pulled yet (hosts.search found them in the cloud, origin cloud): the
 * registration works at once — the core asks the cloud for that host by id, stores the cloud's record as a pull would,
 * and the cloud validates the registration again. Unknown, or without visit permission: 无此受访人 (host_not_found)
 * and nothing stored on either side; the cloud unreachable: walkin_host_unconfirmed, nothing stored. Real core
 * (SQLite), real cloud.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getHost } from '../../../../../src/main/core/db/referenceStore';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { Host } from '../../../../../src/shared/domain';
import { TestCloudClient } from '../../../../support/cloudClient';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output } from '../../../../support/kiosk/helpers';
import { newResidentId, registerWalkIn } from '../../../../support/kiosk/hostWalkIns';

describe('a walk-in for a host found only in the cloud (real cloud)', () => {
  const kiosks = useCloudKiosks('Cloud host desk');
  let api: TestCloudClient;
  let phone = 13911110000;

  beforeAll(() => {
    api = new TestCloudClient(kiosks.cloud.url, kiosks.cloud.adminToken);
  });

  /** a host made in the cloud after the kiosk's last pull */
  const cloudHost = async (name: string, canReceiveVisitors = true): Promise<Host> => {
    const r = await api.request(
      'POST',
      '/hosts',
      { name, phone: String((phone += 1)), department: '法务部', office: 'B-301', siteId: 'site_demo', canReceiveVisitors },
      kiosks.cloud.adminToken,
    );
    expect(r.status).toBe(201);
    return Host.parse(r.body);
  };
  const onlineCore = async (): Promise<KioskCore> => {
    const core = await kiosks.enrolledCore();
    expect((await core.sync.now()).online).toBe(true);
    return core;
  };
  const nothingStored = (core: KioskCore, hostId: string) => {
    expect(getHost(core.db, hostId)).toBeUndefined();
    expect(allCommands(core.db, core.identity()!.kioskId)).toHaveLength(0);
    expect((core.db.prepare('SELECT count(*) AS n FROM bookings WHERE json LIKE ?').get(`%${hostId}%`) as { n: number }).n).toBe(0);
    expect((core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(0);
  };
  const cloudBookingsOf = async (hostId: string) =>
    (await kiosks.cloud.server.db.kysely.selectFrom('bookings').select('id').where('host_id', '=', hostId).execute()).length;

  it('the search shows the host from the cloud; registering for them works at once and stores their record here', async () => {
    const core = await onlineCore();
    const host = await cloudHost('褚新人');
    const found = output('hosts.search', await dispatchIpcCall(core, 'hosts.search', { query: '褚新' }));
    expect(found).toMatchObject({
      result: 'found',
      hosts: [{ id: host.id, origin: 'cloud', office: 'B-301', phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/) }],
    });
    // registered right away (the next test proves it needs no pull)
    const registered = await registerWalkIn(core, { hostId: host.id });
    expect(registered.approval).toBe('desk');
    expect(registered.passes).toHaveLength(1);
    expect(getHost(core.db, host.id)).toMatchObject({ id: host.id, name: '褚新人', office: 'B-301', canReceiveVisitors: true });
    await core.sync.now();
    expect((await kiosks.cloud.booking(registered.bookingId)).status).toBe('arrived');
  });

  it('not pulled yet at all: the core asks the cloud for the host by id, and the registration is accepted there too', async () => {
    const core = await onlineCore();
    const host = await cloudHost('卫新来');
    expect(getHost(core.db, host.id)).toBeUndefined();
    const registered = await registerWalkIn(core, { hostId: host.id });
    expect(registered.passes[0]?.pass.payload.host).toBe('卫新来');
    expect(getHost(core.db, host.id)?.department).toBe('法务部');
    await core.sync.now();
    const cloud = await kiosks.cloud.booking(registered.bookingId);
    expect(cloud).toMatchObject({ hostId: host.id, status: 'arrived' });
    expect(allCommands(core.db, core.identity()!.kioskId).map((c) => c.state)).toEqual(['sent']);
  });

  it('a cloud host without visit permission, or an unknown id: 无此受访人, nothing stored here or in the cloud', async () => {
    const core = await onlineCore();
    const barred = await cloudHost('蒋不见', false);
    for (const hostId of [barred.id, 'host_nobody_here']) {
      const r = await dispatchIpcCall(core, 'walkin.register', {
        lead: { identity: { source: 'typed', name: '周八', idType: 'resident_id', idNumber: newResidentId() }, phone: '13700002222' },
        companions: [],
        hostId,
        reason: '商务洽谈',
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'host_not_found' } });
      nothingStored(core, hostId);
      await core.sync.now();
      expect(await cloudBookingsOf(hostId)).toBe(0);
    }
  });

  it('the cloud unreachable: walkin_host_unconfirmed, nothing stored', async () => {
    const core = await onlineCore();
    const host = await cloudHost('沈远方');
    await kiosks.cloud.stop();
    try {
      const r = await dispatchIpcCall(core, 'walkin.register', {
        lead: { identity: { source: 'typed', name: '周八', idType: 'resident_id', idNumber: newResidentId() }, phone: '13700002222' },
        companions: [],
        hostId: host.id,
        reason: '商务洽谈',
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'walkin_host_unconfirmed' } });
      nothingStored(core, host.id);
    } finally {
      await kiosks.cloud.restart();
    }
    expect(await cloudBookingsOf(host.id)).toBe(0);
  });
});
