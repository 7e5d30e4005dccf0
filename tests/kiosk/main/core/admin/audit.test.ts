/**
 * The admin audit at a kiosk against the real cloud (issue 11): every admin action is kept in the outbox as a signed
 * command, reaches the cloud's list of the site exactly once however often the kiosk syncs, and holds no ID or phone
 * number in clear.
 */
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { createAdminAudit } from '../../../../../src/main/core/admin/audit';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { loadSecrets } from '../../../../../src/main/core/settings';
import { AuditList } from '../../../../../src/shared/adminApi';
import type { IpcCallName } from '../../../../../src/shared/ipc';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output, tempDir } from '../../../../support/kiosk/helpers';

const ADMIN_PIN = '204817';

describe('admin audit, kiosk → cloud', () => {
  const kiosks = useCloudKiosks('Audit kiosk');
  const { enrolledCore, afterThisTest } = kiosks;

  const siteAudit = async (kioskId: string) => {
    const res = await axios.get(`${kiosks.cloud.url}/api/v1/admin/sites/site_demo/audit?limit=1000`, {
      headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` },
      proxy: false,
    });
    return AuditList.parse(res.data).entries.filter((e) => e.kioskId === kioskId);
  };
  const call = (core: KioskCore, name: IpcCallName, input: unknown) => dispatchIpcCall(core, name, input);

  it('records PINs, a setting old → new and device tests (and the cloud its enrolment), each synced exactly once', async () => {
    let clock = Date.now();
    const core = await enrolledCore({ now: () => new Date(clock) });
    const kioskId = core.identity()!.kioskId;
    output('admin.setupPin', await call(core, 'admin.setupPin', { pin: ADMIN_PIN }));
    expect(output('admin.unlock', await call(core, 'admin.unlock', { pin: '860412' }))).toMatchObject({ ok: false, reason: 'wrong_pin' });
    clock += 5_000;
    const unlocked = output('admin.unlock', await call(core, 'admin.unlock', { pin: ADMIN_PIN }));
    if (!unlocked.ok) throw new Error(`unlock: ${unlocked.reason}`);
    const session = unlocked.session.token;
    const policy = output('admin.overview', await call(core, 'admin.overview', { session })).policy;
    await call(core, 'admin.updatePolicy', { session, policy: { ...policy, temperatureThresholdC: 37.0 } });
    expect(output('admin.testPrinter', await call(core, 'admin.testPrinter', { session }))).toEqual({ result: 'not_configured' });

    await core.sync.now();
    await core.sync.now();
    await core.sync.now();
    const audits = allCommands(core.db, kioskId).filter((c) => c.command.kind === 'adminAudit');
    expect(audits.map((c) => c.state)).toEqual(audits.map(() => 'sent'));

    const entries = await siteAudit(kioskId);
    expect(entries.map((e) => e.action).sort()).toEqual(['device.test', 'enrol', 'pin.failure', 'pin.set', 'pin.success', 'setting.changed']);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.find((e) => e.action === 'setting.changed')?.detail).toEqual({ key: 'temperatureThresholdC', old: 37.3, new: 37.0 });
    expect(entries.find((e) => e.action === 'pin.success')?.detail).toEqual({ role: 'admin' });
    // enrolment: recorded by the cloud as it enrolled the kiosk; the rest reported by the kiosk
    expect(entries.filter((e) => e.source === 'cloud').map((e) => e.action)).toEqual(['enrol']);
    expect(JSON.stringify(entries)).not.toContain(ADMIN_PIN);
    expect(JSON.stringify(entries)).not.toContain('860412');
  });

  it('masks ID and phone numbers before an entry is kept or sent', async () => {
    const core = await enrolledCore();
    const kioskId = core.identity()!.kioskId;
    const audit = createAdminAudit({
      db: core.db,
      now: () => new Date(),
      signer: () => ({ identity: core.identity()!, privateKey: loadSecrets(core.dataDir)!.privateKey }),
    });
    await audit.record('device.test', { device: 'idReader', result: 'ok', card: '张伟 11010519491231002X 13812345678' });
    const [queued] = allCommands(core.db, kioskId).filter((c) => c.command.kind === 'adminAudit' && c.command.payload.action === 'device.test');
    const text = JSON.stringify(queued?.command);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138****5678');
    await core.sync.now();
    const [entry] = (await siteAudit(kioskId)).filter((e) => e.action === 'device.test');
    expect(JSON.stringify(entry)).not.toMatch(/11010519491231002X|13812345678/);
  });

  it('before enrolment an action is logged only: nothing waits in the outbox', async () => {
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    const core = await createKioskCore({ dataDir: t.dir, cloudUrl: kiosks.cloud.url, autoSync: false });
    afterThisTest(() => core.close());
    output('admin.setupPin', await call(core, 'admin.setupPin', { pin: ADMIN_PIN }));
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });
});
