/**
 * Leaving kiosk mode from the admin screen (issue 11), at the dispatch level: a real core on real SQLite. With a shell
 * that has a kiosk mode (the Electron shell lends one: here a recording one) only an admin session leaves it, and it
 * is audited; the browser shell has none and says so clearly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import type { IpcCallName } from '../../../../../src/shared/ipc';
import { OFFLINE_CLOUD_URL, output, tempDir } from '../../../../support/kiosk/helpers';
import { swapLog } from '../../../../support/kiosk/swapLog';

describe('admin.exitKioskMode', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore | undefined;
  let logs: string[];
  let restoreLog: () => void;
  beforeEach(() => {
    t = tempDir();
    logs = [];
    restoreLog = swapLog((l) => logs.push(l), 'info');
  });
  afterEach(async () => {
    try {
      await core?.close();
    } finally {
      core = undefined;
      restoreLog();
      t.cleanup();
    }
  });
  const call = (name: IpcCallName, input: unknown) => dispatchIpcCall(core!, name, input);

  it('in Electron: refused without a session and to staff; an admin leaves it once asked, audited', async () => {
    let exits = 0;
    core = await createKioskCore({
      dataDir: t.dir,
      cloudUrl: OFFLINE_CLOUD_URL,
      autoSync: false,
      host: 'electron',
      shell: {
        exitKioskMode() {
          exits += 1;
        },
      },
    });
    expect(await call('admin.exitKioskMode', {})).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await call('admin.exitKioskMode', { session: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'admin_locked' } });
    const session = output('admin.setupPin', await call('admin.setupPin', { pin: '204817' })).token;
    output('admin.setStaffPin', await call('admin.setStaffPin', { session, pin: '551093' }));
    const staff = output('admin.unlock', await call('admin.unlock', { pin: '551093' }));
    if (!staff.ok) throw new Error('staff PIN refused');
    expect(await call('admin.exitKioskMode', { session: staff.session.token })).toMatchObject({ ok: false, error: { code: 'admin_forbidden' } });
    expect(exits).toBe(0);
    const admin = output('admin.unlock', await call('admin.unlock', { pin: '204817' }));
    if (!admin.ok) throw new Error('admin PIN refused');
    expect(output('admin.exitKioskMode', await call('admin.exitKioskMode', { session: admin.session.token }))).toEqual({ exited: true });
    expect(exits).toBe(1);
    expect(logs.some((l) => l.includes('kioskMode.exited'))).toBe(true);
  });

  it('in the browser shell: answers clearly that there is no kiosk mode to leave', async () => {
    core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
    const session = output('admin.setupPin', await call('admin.setupPin', { pin: '204817' })).token;
    const res = await call('admin.exitKioskMode', { session });
    expect(res).toMatchObject({ ok: false, error: { code: 'admin_not_electron', message: expect.stringMatching(/Electron/) } });
    expect(logs.some((l) => l.includes('kioskMode.exited'))).toBe(false);
  });
});
