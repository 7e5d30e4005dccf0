/**
 * Policy in layers at a running kiosk against the real cloud (issue 11): a change in the cloud is in effect after one
 * sync (the threshold judges the next reading), a key the cloud locks cannot be overridden at the kiosk, and a policy
 * failing its schema is kept out (the previous one stays, the sync state says why).
 */
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../src/main/core/kioskCore';
import type { IpcCallName, IpcEventPayload } from '../../../../src/shared/ipc';
import type { PolicyLayer } from '../../../../src/shared/policy';
import { useCloudKiosks } from '../../../support/kiosk/cloudKiosks';
import { HOUR, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';
import { startTamperingProxy } from '../../../support/kiosk/tamperingProxy';

const ADMIN_PIN = '204817';

describe('policy from the cloud at a running kiosk', () => {
  const kiosks = useCloudKiosks('Policy kiosk');
  const { enrolledCore, afterThisTest } = kiosks;

  const setPolicy = async (path: string, layer: Partial<PolicyLayer>) => {
    const res = await axios.post(`${kiosks.cloud.url}/api/v1/admin/${path}/policy`, layer, {
      headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` },
      proxy: false,
    });
    expect(res.status).toBe(200);
  };
  const kioskPolicy = (core: KioskCore, layer: Partial<PolicyLayer>) => setPolicy(`kiosks/${core.identity()!.kioskId}`, layer);
  const adminSession = async (core: KioskCore) => output('admin.setupPin', await dispatchIpcCall(core, 'admin.setupPin', { pin: ADMIN_PIN })).token;
  const codeOf = async (core: KioskCore, name: IpcCallName, input: unknown) => {
    const r = await dispatchIpcCall(core, name, input);
    return r.ok ? 'ok' : r.error.code;
  };

  it('a site policy change is in effect after one sync: 37.2 °C becomes abnormal at once, the renderer is told', async () => {
    const core = await enrolledCore();
    afterThisTest(() => setPolicy('sites/site_demo', {}));
    const told: IpcEventPayload<'settings.changed'>[] = [];
    core.events.on('settings.changed', (s) => told.push(s));
    expect(core.settings().temperatureThresholdC).toBe(37.3);

    await setPolicy('sites/site_demo', { values: { temperatureThresholdC: 37.0, idleTimeoutS: 90 } });
    await core.sync.now();
    expect(core.settings()).toMatchObject({ temperatureThresholdC: 37.0, idleTimeoutS: 90 });
    expect(told.at(-1)).toMatchObject({ temperatureThresholdC: 37.0, idleTimeoutS: 90 });
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a001', temperatureC: 37.2 })).rejects.toMatchObject({ code: 'temperature_abnormal' });

    // the site clears it: back to the default, 37.2 passes
    await setPolicy('sites/site_demo', {});
    await core.sync.now();
    expect(core.settings().temperatureThresholdC).toBe(37.3);
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a001', temperatureC: 37.2 })).resolves.toMatchObject({
      visit: { bookingId: 'bk_demo_a001' },
    });
  });

  it('a key the cloud locks cannot be overridden at the kiosk; an unlocked one can, and stands against the cloud', async () => {
    const core = await enrolledCore();
    const session = await adminSession(core);
    await kioskPolicy(core, { values: { idleTimeoutS: 90, temperatureThresholdC: 37.2 }, locked: ['idleTimeoutS'] });
    await core.sync.now();
    const overview = output('admin.overview', await dispatchIpcCall(core, 'admin.overview', { session }));
    expect(overview.policyLayers.locked).toEqual(['idleTimeoutS']);
    expect(overview.policyLayers.sources).toMatchObject({ idleTimeoutS: 'kiosk', temperatureThresholdC: 'kiosk', thermometerOffsetC: 'default' });
    const policy = overview.policy;
    expect(policy).toMatchObject({ idleTimeoutS: 90, temperatureThresholdC: 37.2 });

    // changing the locked key is refused whole: nothing saved, not even the unlocked change sent with it
    expect(await codeOf(core, 'admin.updatePolicy', { session, policy: { ...policy, idleTimeoutS: 300, temperatureThresholdC: 37.5 } })).toBe(
      'admin_policy_locked',
    );
    expect(core.settings()).toMatchObject({ idleTimeoutS: 90, temperatureThresholdC: 37.2 });
    expect(core.settings().localPolicy ?? {}).toEqual({});

    // an unlocked key becomes a local override, which the cloud's later change of that key does not undo
    expect(
      output('admin.updatePolicy', await dispatchIpcCall(core, 'admin.updatePolicy', { session, policy: { ...policy, temperatureThresholdC: 37.5 } })),
    ).toMatchObject({
      temperatureThresholdC: 37.5,
      idleTimeoutS: 90,
    });
    expect(core.settings().localPolicy).toEqual({ temperatureThresholdC: 37.5 });
    await kioskPolicy(core, { values: { idleTimeoutS: 90, temperatureThresholdC: 36.9 }, locked: ['idleTimeoutS'] });
    await core.sync.now();
    expect(core.settings().temperatureThresholdC).toBe(37.5);

    // until the cloud locks it
    await kioskPolicy(core, { values: { idleTimeoutS: 90, temperatureThresholdC: 36.9 }, locked: ['idleTimeoutS', 'temperatureThresholdC'] });
    await core.sync.now();
    expect(core.settings().temperatureThresholdC).toBe(36.9);
    expect(await codeOf(core, 'admin.updatePolicy', { session, policy: { ...policy, temperatureThresholdC: 37.5 } })).toBe('admin_policy_locked');
    const after = output('admin.overview', await dispatchIpcCall(core, 'admin.overview', { session }));
    expect(after.policyLayers.locked).toEqual(['temperatureThresholdC', 'idleTimeoutS']);
  });

  it('a policy failing its schema is kept out: the previous one stays, the sync state says why, the rest of the pull applies', async () => {
    const proxy = await startTamperingProxy(kiosks.cloud.url);
    afterThisTest(() => proxy.close());
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    const core = await createKioskCore({ dataDir: t.dir, cloudUrl: proxy.url, autoSync: false });
    afterThisTest(() => core.close());
    await core.enrol({ code: await kiosks.cloud.enrolmentCode(), name: 'Policy kiosk' });
    await kioskPolicy(core, { values: { temperatureThresholdC: 37.0 } });
    expect((await core.sync.now()).policyError).toBeUndefined();
    expect(core.settings().temperatureThresholdC).toBe(37.0);

    await kioskPolicy(core, { values: { temperatureThresholdC: 36.8 } });
    for (const bad of [
      (p: Record<string, unknown>) => ({ ...p, policy: { site: { values: {}, locked: [] }, kiosk: { values: { temperatureThresholdC: 45 }, locked: [] } } }),
      (p: Record<string, unknown>) => ({ ...p, policy: { site: { values: { idleTimeoutS: 'soon' }, locked: [] }, kiosk: { values: {}, locked: [] } } }),
      (p: Record<string, unknown>) => ({ ...p, policy: 'locked' }),
      // the visit keys too: a text with a bidi override, a list with an entry twice, an allowance out of range
      (p: Record<string, unknown>) => ({
        ...p,
        policy: {
          site: { values: { noticeText: { 'zh-CN': '\u202Eevil', en: '' }, temperatureThresholdC: 36.5 }, locked: [] },
          kiosk: { values: {}, locked: [] },
        },
      }),
      (p: Record<string, unknown>) => ({ ...p, policy: { site: { values: { areas: ['A栋', 'A栋'] }, locked: [] }, kiosk: { values: {}, locked: [] } } }),
      (p: Record<string, unknown>) => ({ ...p, policy: { site: { values: {}, locked: [] }, kiosk: { values: { earlyArrivalMinutes: 600 }, locked: [] } } }),
    ]) {
      proxy.tamperPull = bad;
      const state = await core.sync.now();
      expect(state).toMatchObject({ online: true, phase: 'idle' });
      expect(state.policyError).toMatch(/policy was refused/);
      expect(core.settings().temperatureThresholdC).toBe(37.0);
      expect(core.settings().visitPolicy ?? {}).toEqual({});
    }
    expect(core.sync.state().lastPullAt).toBeDefined();

    proxy.tamperPull = undefined;
    const healed = await core.sync.now();
    expect(healed.policyError).toBeUndefined();
    expect(core.settings().temperatureThresholdC).toBe(36.8);
  });

  it('the visit keys from a site policy change a running kiosk after one sync: early arrival, the walk-in lists, pass hours, texts', async () => {
    const core = await enrolledCore();
    afterThisTest(() => setPolicy('sites/site_demo', {}));
    const now = Date.now();
    seedHostAndBookings(
      core.db,
      [
        makeBooking(
          { id: 'b_early31', code: 'ERXY2345', windowStart: new Date(now + 31 * 60_000).toISOString(), windowEnd: new Date(now + 3 * HOUR).toISOString() },
          new Date(now),
        ),
      ],
      new Date(now),
    );
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_early31' })).rejects.toMatchObject({ code: 'too_early' });
    const before = output('walkin.options', await dispatchIpcCall(core, 'walkin.options', {}));
    expect(before).toMatchObject({ approval: 'desk', areas: [], visitTypes: ['商务洽谈', '面试', '送货', '维修', '参观', '其他'], earlyArrivalMinutes: 0 });

    await setPolicy('sites/site_demo', {
      values: {
        earlyArrivalMinutes: 60,
        areas: ['东门', '西门'],
        visitTypes: ['面试'],
        walkInPassHours: 2,
        noticeText: { 'zh-CN': '请佩戴访客证\n<b>不是标记</b>', en: 'Wear your pass' },
      },
    });
    await core.sync.now();
    const told = core.publicSettings();
    expect(told.visitPolicy).toMatchObject({ noticeText: { 'zh-CN': '请佩戴访客证\n<b>不是标记</b>', en: 'Wear your pass' }, areas: ['东门', '西门'] });
    const after = output('walkin.options', await dispatchIpcCall(core, 'walkin.options', {}));
    expect(after).toMatchObject({ areas: ['东门', '西门'], visitTypes: ['面试'], earlyArrivalMinutes: 60 });
    expect(Date.parse(after.defaultWindow.end) - Date.parse(after.defaultWindow.start)).toBe(2 * HOUR);
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_early31' })).resolves.toMatchObject({ visit: { bookingId: 'b_early31' } });
  });

  it('refuses hostile text and out-of-range numbers at the admin screen with an error naming the key: nothing saved', async () => {
    const core = await enrolledCore();
    const session = await adminSession(core);
    const policy = output('admin.overview', await dispatchIpcCall(core, 'admin.overview', { session })).policy;
    const settingsBefore = JSON.stringify(core.settings());
    for (const [bad, key] of [
      [{ earlyArrivalMinutes: 241 }, 'earlyArrivalMinutes'],
      [{ walkInPassHours: -1 }, 'walkInPassHours'],
      [{ commitmentText: { 'zh-CN': '本人承诺\u202E如实填写', en: '' } }, 'commitmentText'],
      [{ privacyText: { 'zh-CN': 'x'.repeat(2001), en: '' } }, 'privacyText'],
      [{ areas: ['A栋\u0007'] }, 'areas'],
      [{ visitReasons: ['面试', '面试'] }, 'visitReasons'],
      [{ walkInApproval: 'guard' }, 'walkInApproval'],
    ] as const) {
      const r = await dispatchIpcCall(core, 'admin.updatePolicy', { session, policy: { ...policy, ...bad } });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_input');
        expect(r.error.message).toContain(key);
      }
      expect(JSON.stringify(core.settings())).toBe(settingsBefore);
    }
    // markup is text, not refused: it is saved and stays text wherever it is shown
    const saved = output(
      'admin.updatePolicy',
      await dispatchIpcCall(core, 'admin.updatePolicy', { session, policy: { ...policy, noticeText: { 'zh-CN': '<script>alert(1)</script>', en: '' } } }),
    );
    expect(saved.noticeText['zh-CN']).toBe('<script>alert(1)</script>');
    expect(core.settings().localPolicy).toEqual({ noticeText: { 'zh-CN': '<script>alert(1)</script>', en: '' } });
  });

  it('a list the cloud locks is read-only at the kiosk; the same list sent back unchanged is no change', async () => {
    const core = await enrolledCore();
    const session = await adminSession(core);
    await kioskPolicy(core, { values: { areas: ['北门'] }, locked: ['areas'] });
    await core.sync.now();
    const policy = output('admin.overview', await dispatchIpcCall(core, 'admin.overview', { session })).policy;
    expect(policy.areas).toEqual(['北门']);
    // the admin screen sends every key back: an equal list (a new array) is not a change of a locked key
    expect(await codeOf(core, 'admin.updatePolicy', { session, policy: { ...policy, areas: ['北门'], idleTimeoutS: 120 } })).toBe('ok');
    expect(await codeOf(core, 'admin.updatePolicy', { session, policy: { ...policy, areas: ['南门'] } })).toBe('admin_policy_locked');
    expect(core.settings().localPolicy).toEqual({ idleTimeoutS: 120 });
  });
});
