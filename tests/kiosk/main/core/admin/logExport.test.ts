/**
 * The admin screen's logs (issue 11): the last lines of the kiosk log come out masked (the logger masks, and the way
 * out masks again), a hostile folder is refused and nothing is written, an export replaces its file whole.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLogFolder, exportLogLines, logFileName, maskLogLines, removableMediaFolders } from '../../../../../src/main/core/admin/logExport';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { createLogger, KEPT_LOG_LINES, recentLogLines } from '../../../../../src/main/core/log';
import type { IpcCallName } from '../../../../../src/shared/ipc';
import { OFFLINE_CLOUD_URL, output, tempDir } from '../../../../support/kiosk/helpers';
import { swapLog } from '../../../../support/kiosk/swapLog';

const ID = '11010519491231002X';
const MOBILE = '13912345678';
const INTL = '+85291234567';

describe('log lines for the admin screen', () => {
  let restoreLog: () => void;
  beforeEach(() => {
    restoreLog = swapLog(() => {}, 'info');
  });
  afterEach(() => {
    restoreLog();
  });

  it('keeps the last lines written, masked as the logger wrote them, one entry’s lines each a line', () => {
    const log = createLogger('test');
    log.info(`visitor ${ID} phone ${MOBILE}`);
    log.warn('two\nlines', new Error(`card ${ID}`));
    const last = recentLogLines(3);
    expect(last).toHaveLength(3);
    expect(last.join('\n')).not.toMatch(new RegExp(`${ID}|${MOBILE}`));
    expect(last[0]).toMatch(/INFO \[test\] visitor 110\*{11}002X phone 139\*\*\*\*5678$/);
    expect(last[2]).toBe(`lines Error: card 110${'*'.repeat(11)}002X`);
    expect(recentLogLines(0)).toEqual([]);
    for (let i = 0; i < KEPT_LOG_LINES + 10; i++) log.info(`line ${i}`);
    expect(recentLogLines(KEPT_LOG_LINES + 500)).toHaveLength(KEPT_LOG_LINES);
    expect(recentLogLines(1)).toEqual([expect.stringMatching(new RegExp(`line ${KEPT_LOG_LINES + 9}$`))]);
  });

  it('masks again on the way out: a line that slipped through unmasked, and a terminal escape', () => {
    const out = maskLogLines([`raw ${ID} ${MOBILE} ${INTL}`, 'bell\u0007 esc\u001b[31m red']);
    expect(out.join('\n')).not.toContain(ID);
    expect(out.join('\n')).not.toContain(MOBILE);
    expect(out.join('\n')).not.toContain(INTL);
    expect(out[1]).not.toMatch(/[\u0007\u001b]/);
  });

  it('names the file passdesk-log-<kiosk name>-<date>.txt, the name made safe', () => {
    const at = new Date('2026-11-26T22:40:00.000Z');
    expect(logFileName('大堂 1 号机', at)).toBe('passdesk-log-大堂-1-号机-2026-11-26.txt');
    expect(logFileName('../../etc/passwd', at)).toBe('passdesk-log-etc-passwd-2026-11-26.txt');
    expect(logFileName('<>:"|?*', at)).toBe('passdesk-log-kiosk-2026-11-26.txt');
  });
});

describe('exporting the log to a folder', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it.each([
    ['a relative path', 'usb/stick'],
    ['a path with ..', '/tmp/../etc'],
    ['a path with .. at its end', '/media/kiosk/..'],
    ['an empty path', '   '],
    ['a path with a control character', '/tmp/a\u0000b'],
    ['a folder that does not exist', '/nonexistent/passdesk-usb'],
  ])('refuses %s', (_what, path) => {
    expect(() => checkLogFolder(path)).toThrow(expect.objectContaining({ code: 'admin_log_folder_invalid' }));
  });

  it('refuses a file for a folder, and a folder it may not write to; writes nothing', () => {
    const file = join(t.dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => exportLogLines(file, 'passdesk-log-x-2026-11-26.txt', ['a'])).toThrow(expect.objectContaining({ code: 'admin_log_folder_invalid' }));
    expect(() => exportLogLines(`${t.dir}/../${t.dir.split('/').pop()!}`, 'f.txt', ['a'])).toThrow(
      expect.objectContaining({ code: 'admin_log_folder_invalid' }),
    );
    if (process.getuid?.() !== 0) {
      const locked = join(t.dir, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      expect(() => checkLogFolder(locked)).toThrow(/may not write/);
      chmodSync(locked, 0o700);
    }
    expect(readdirSync(t.dir).sort()).toEqual(['locked', 'not-a-folder'].filter((n) => existsSync(join(t.dir, n))).sort());
  });

  it('writes the masked lines atomically: an older export replaced whole, no temp file left', () => {
    const stick = join(t.dir, 'STICK');
    mkdirSync(stick);
    const name = 'passdesk-log-desk-2026-11-26.txt';
    writeFileSync(join(stick, name), 'an older export, much longer than the new one '.repeat(100));
    const path = exportLogLines(`${stick}/`, name, [`visitor ${ID}`, `phone ${MOBILE}`]);
    expect(path).toBe(join(stick, name));
    expect(readFileSync(path, 'utf8')).toBe(`visitor 110${'*'.repeat(11)}002X\nphone 139****5678\n`);
    expect(readdirSync(stick)).toEqual([name]);
    // through a link to the folder: the real folder
    symlinkSync(stick, join(t.dir, 'link'));
    expect(checkLogFolder(join(t.dir, 'link'))).toBe(stick);
  });

  it('lists the removable media mounted for the user, nothing elsewhere', () => {
    mkdirSync(join(t.dir, 'media', 'kiosk', 'KINGSTON'), { recursive: true });
    mkdirSync(join(t.dir, 'run', 'kiosk', 'SANDISK 32G'), { recursive: true });
    writeFileSync(join(t.dir, 'media', 'kiosk', 'a-file'), 'x');
    const roots = [join(t.dir, 'media'), join(t.dir, 'run'), join(t.dir, 'absent')];
    expect(removableMediaFolders('linux', 'kiosk', roots)).toEqual([
      { path: join(t.dir, 'media', 'kiosk', 'KINGSTON'), label: 'KINGSTON' },
      { path: join(t.dir, 'run', 'kiosk', 'SANDISK 32G'), label: 'SANDISK 32G' },
    ]);
    expect(removableMediaFolders('win32', 'kiosk', roots)).toEqual([]);
    expect(removableMediaFolders('linux', undefined, roots)).toEqual([]);
  });
});

describe('the logs calls at the dispatch level', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let logs: string[];
  let restoreLog: () => void;
  const call = (name: IpcCallName, input: unknown) => dispatchIpcCall(core, name, input);
  beforeEach(async () => {
    t = tempDir();
    logs = [];
    restoreLog = swapLog((l) => logs.push(l), 'info');
    core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false, now: () => new Date('2026-11-26T09:00:00.000Z') });
  });
  afterEach(async () => {
    try {
      await core.close();
    } finally {
      restoreLog();
      t.cleanup();
    }
  });

  it('gives an admin the last lines masked, exports them (audited), refuses a hostile folder and a staff session', async () => {
    const session = output('admin.setupPin', await call('admin.setupPin', { pin: '204817' })).token;
    createLogger('desk').info(`looked up ${MOBILE} with card ${ID}`);
    const got = output('admin.logs', await call('admin.logs', { session, lines: 50 }));
    expect(got.fileName).toBe('passdesk-log-Front-desk-2026-11-26.txt');
    expect(got.lines.some((l) => l.includes('looked up 139****5678'))).toBe(true);
    expect(got.lines.join('\n')).not.toMatch(new RegExp(`${ID}|${MOBILE}`));
    expect(await call('admin.logs', { session, lines: 1001 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await call('admin.logs', { session, lines: 0 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    output('admin.logs', await call('admin.logs', { session, lines: 10, purpose: 'download' }));
    expect(logs.filter((l) => l.includes('logs.exported'))).toEqual([expect.stringContaining('logs.exported {"to":"download","lines":10}')]);

    const stick = join(t.dir, 'stick');
    mkdirSync(stick);
    const exported = output('admin.exportLogs', await call('admin.exportLogs', { session, folder: stick, lines: 20 }));
    expect(exported).toMatchObject({ path: join(stick, got.fileName), fileName: got.fileName, lines: 20 });
    expect(readFileSync(exported.path, 'utf8')).not.toMatch(new RegExp(`${ID}|${MOBILE}`));
    expect(logs.some((l) => /logs\.exported \{"to":"folder","lines":20/.test(l))).toBe(true);

    for (const folder of ['relative/dir', `${stick}/../stick`, '/nonexistent-usb']) {
      expect(await call('admin.exportLogs', { session, folder }), folder).toMatchObject({ ok: false, error: { code: 'admin_log_folder_invalid' } });
    }
    expect(readdirSync(stick)).toEqual([got.fileName]);
    expect(output('admin.logFolders', await call('admin.logFolders', { session })).folders).toBeInstanceOf(Array);

    output('admin.setStaffPin', await call('admin.setStaffPin', { session, pin: '551093' }));
    const staff = output('admin.unlock', await call('admin.unlock', { pin: '551093' }));
    if (!staff.ok) throw new Error('staff PIN refused');
    expect(await call('admin.logs', { session: staff.session.token })).toMatchObject({ ok: false, error: { code: 'admin_forbidden' } });
  });
});
