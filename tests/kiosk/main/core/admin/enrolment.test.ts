/**
 * The admin screen's enrolment section against the real cloud (issue 11): a fresh kiosk enrols from the IPC call
 * (hostile or wrong input refused, nothing changed), shows its site, kiosk id and key fingerprint; it leaves (identity
 * and secrets forgotten, sync stopped); a kiosk the cloud revoked says so (phase revoked, retried at the slowest
 * rate), and enrolling it again is refused while visitor records wait to be pushed, unless staff confirm.
 */
import axios from 'axios';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { secretsPath } from '../../../../../src/main/core/settings';
import { AuditList } from '../../../../../src/shared/adminApi';
import type { IpcCallName } from '../../../../../src/shared/ipc';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { OFFLINE_CLOUD_URL, output, tempDir } from '../../../../support/kiosk/helpers';

const ADMIN_PIN = '204817';

describe('admin enrolment, kiosk → cloud', () => {
  const kiosks = useCloudKiosks('Enrolment kiosk');
  const { enrolledCore, afterThisTest } = kiosks;
  const call = (core: KioskCore, name: IpcCallName, input: unknown) => dispatchIpcCall(core, name, input);
  const adminSession = async (core: KioskCore): Promise<string> => output('admin.setupPin', await call(core, 'admin.setupPin', { pin: ADMIN_PIN })).token;
  const failure = async (core: KioskCore, name: IpcCallName, input: unknown) => {
    const r = await call(core, name, input);
    if (r.ok) throw new Error(`${name} succeeded`);
    return r.error;
  };
  const siteAudit = async (kioskId: string) => {
    const res = await axios.get(`${kiosks.cloud.url}/api/v1/admin/sites/site_demo/audit?limit=1000`, {
      headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` },
      proxy: false,
    });
    return AuditList.parse(res.data).entries.filter((e) => e.kioskId === kioskId);
  };
  const freshCore = async (): Promise<KioskCore> => {
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    const core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
    afterThisTest(() => core.close());
    return core;
  };

  it('a fresh kiosk enrols from the admin call: bad input and wrong codes change nothing; then site, kiosk id and fingerprint', async () => {
    const core = await freshCore();
    const session = await adminSession(core);
    expect(output('admin.enrolment', await call(core, 'admin.enrolment', { session }))).toEqual({
      cloudUrl: OFFLINE_CLOUD_URL,
      kioskName: 'Front desk',
      pendingCommands: 0,
    });
    const code = await kiosks.cloud.enrolmentCode();
    const good = { session, cloudUrl: kiosks.cloud.url, code, name: '大堂 1 号机' };

    for (const hostile of [
      { name: '<img src=x onerror=alert(1)>' },
      { name: 'Desk\u202Egnp.exe' },
      { name: '' },
      { cloudUrl: 'javascript:alert(1)' },
      { cloudUrl: 'file:///etc/passwd' },
      { cloudUrl: 'http://user:pw@example.com' },
      { code: "ABCD'; DROP TABLE kiosks;--" },
      { code: '<b>1234</b>' },
    ]) {
      const error = await failure(core, 'admin.enrol', { ...good, ...hostile });
      expect(error.code, JSON.stringify(hostile)).toBe('bad_input');
    }
    expect((await failure(core, 'admin.enrol', { ...good, code: 'ZZZZ-9999' })).code).toBe('enrol_refused');
    expect((await failure(core, 'admin.enrol', { ...good, cloudUrl: OFFLINE_CLOUD_URL })).code).toBe('enrol_unreachable');
    expect(core.identity()).toBeUndefined();
    expect(existsSync(secretsPath(core.dataDir))).toBe(false);

    // a staff session may not enrol
    output('admin.setStaffPin', await call(core, 'admin.setStaffPin', { session, pin: '551093' }));
    const staff = output('admin.unlock', await call(core, 'admin.unlock', { pin: '551093' }));
    if (!staff.ok) throw new Error('staff unlock');
    expect((await failure(core, 'admin.enrol', { ...good, session: staff.session.token })).code).toBe('admin_forbidden');

    // one session at a time: the admin unlocks again
    const admin = output('admin.unlock', await call(core, 'admin.unlock', { pin: ADMIN_PIN }));
    if (!admin.ok) throw new Error('admin unlock');
    const enrolled = output('admin.enrol', await call(core, 'admin.enrol', { ...good, session: admin.session.token }));
    const identity = core.identity()!;
    const sha = createHash('sha256').update(Buffer.from(identity.publicKey, 'base64url')).digest('hex');
    expect(enrolled).toEqual({
      cloudUrl: kiosks.cloud.url,
      kioskName: '大堂 1 号机',
      pendingCommands: 0,
      identity: {
        kioskId: identity.kioskId,
        siteId: 'site_demo',
        siteName: expect.any(String),
        keyId: identity.keyId,
        fingerprint: sha.slice(0, 20).replace(/(.{4})(?!$)/g, '$1 '),
        enrolledAt: identity.enrolledAt,
      },
    });
    expect(enrolled.identity?.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){4}$/);
    expect(core.sync.state()).toMatchObject({ phase: 'idle', online: true });
    await core.sync.now();
    expect((await siteAudit(identity.kioskId)).map((e) => e.action)).toEqual(expect.arrayContaining(['enrol', 'enrolment.enrolled']));
  });

  it('leave: the identity and secrets are forgotten and sync stops', async () => {
    const core = await enrolledCore();
    const kioskId = core.identity()!.kioskId;
    const session = await adminSession(core);
    const left = output('admin.leaveEnrolment', await call(core, 'admin.leaveEnrolment', { session }));
    expect(left.identity).toBeUndefined();
    expect(core.identity()).toBeUndefined();
    expect(existsSync(secretsPath(core.dataDir))).toBe(false);
    expect(await core.sync.now()).toMatchObject({ phase: 'unenrolled', online: false });
    // the audit entry of leaving reached the cloud before the kiosk forgot who it was
    expect((await siteAudit(kioskId)).map((e) => e.action)).toContain('enrolment.left');
    // a restarted core is still not enrolled
    const dataDir = core.dataDir;
    await core.close();
    const again = await createKioskCore({ dataDir, autoSync: false });
    afterThisTest(() => again.close());
    expect(again.identity()).toBeUndefined();
  });

  it('revoked by the cloud: phase revoked at the slowest retry; re-enrolling is refused with records pending unless confirmed', async () => {
    const core = await enrolledCore({ autoSync: true, syncTuning: { backoff: { baseMs: 10, capMs: 45_000 } } });
    const old = core.identity()!;
    const session = await adminSession(core);
    await axios.post(
      `${kiosks.cloud.url}/api/v1/admin/kiosks/${old.kioskId}/revoke`,
      {},
      {
        headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` },
        proxy: false,
      },
    );
    await core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a001' });
    const state = await core.sync.now();
    expect(state).toMatchObject({ phase: 'revoked', pendingCommands: expect.any(Number) });
    const waitMs = Date.parse(state.nextAttemptAt!) - Date.now();
    expect(waitMs).toBeGreaterThan(40_000);
    expect(waitMs).toBeLessThanOrEqual(45_000);
    expect(output('admin.enrolment', await call(core, 'admin.enrolment', { session })).pendingCommands).toBe(1);

    const code = await kiosks.cloud.enrolmentCode();
    const input = { session, cloudUrl: kiosks.cloud.url, code, name: 'Enrolment kiosk' };
    expect((await failure(core, 'admin.enrol', input)).code).toBe('enrol_pending_commands');
    expect(core.identity()).toEqual(old);
    expect((await failure(core, 'admin.leaveEnrolment', { session })).code).toBe('enrol_pending_commands');
    expect(core.identity()).toEqual(old);

    const again = output('admin.enrol', await call(core, 'admin.enrol', { ...input, discardPending: true }));
    expect(again.identity?.kioskId).not.toBe(old.kioskId);
    expect(again.pendingCommands).toBe(0);
    expect(core.sync.state()).toMatchObject({ phase: 'idle', online: true });
  });
});
