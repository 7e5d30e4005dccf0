import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodesByFeature, IpcCallError, IpcErrorCode } from '../../../src/shared/errorCodes';
import { IpcError, WsServerMessage } from '../../../src/shared/ipc';
import { PassError } from '../../../src/shared/pass';
import { PassErrorCode } from '../../../src/shared/passError';
import { CommandRefusalCode } from '../../../src/shared/sync';
import { conflictReasonKey, hasReasonFor } from '../../../src/renderer/features/sync/conflictReasons';
import { translate } from '../../../src/renderer/i18n/translate';
import { toIpcCallError } from '../../../src/renderer/bridge/ipcErrors';
import { uiErrorFrom } from '../../../src/renderer/state/uiError';
import { errorKeyOf, errorMessage, errorMessageKey } from '../../../src/renderer/i18n/errorMessages';
import { en } from '../../../src/renderer/i18n/en';
import { zhCN } from '../../../src/renderer/i18n/zhCN';

const root = join(__dirname, '..', '..', '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });

describe('error codes: one closed set, grouped by feature, every code in words', () => {
  it('IpcErrorCode is exactly the union of the features’ codes, each code in one feature', () => {
    const all = Object.values(errorCodesByFeature).flatMap((e) => [...e.options]);
    expect(new Set(all).size).toBe(all.length);
    expect([...IpcErrorCode.options].sort()).toEqual([...all].sort());
    for (const code of ['visit_id_reused', 'not_enrolled', 'booking_not_found', 'visit_not_found', 'blacklisted', 'pass_revoked', 'pass_wrong_site']) {
      expect(IpcErrorCode.options, code).toContain(code);
    }
  });

  it.each(IpcErrorCode.options)('%s has a non-empty zh-CN and English message, and the error display uses it', (code) => {
    const key = `error.${code}`;
    expect(Object.hasOwn(zhCN, key), `zh-CN ${key}`).toBe(true);
    expect(Object.hasOwn(en, key), `en ${key}`).toBe(true);
    expect(errorKeyOf(code)).toBe(key);
    expect(errorMessageKey(code)).toBe(key);
    for (const language of ['zh-CN', 'en'] as const) {
      const text = errorMessage(language, code);
      expect(text.trim(), `${language} ${key}`).not.toBe('');
      expect(text, `${language} ${key}`).not.toBe(errorMessage(language, 'error.fallback'));
    }
    expect(errorMessage('zh-CN', code)).not.toBe(errorMessage('en', code));
    // what the renderer keeps of a rejected call (the preload's plain object, or the error itself) shows this message
    expect(uiErrorFrom({ code, message: 'm' })).toEqual({ code });
    expect(uiErrorFrom(new IpcCallError(code, 'm'))).toEqual({ code });
  });

  it('has no error message without a code: the dictionaries’ error.* keys are the codes and the fallback', () => {
    const keys = Object.keys(zhCN).filter((k) => k.startsWith('error.'));
    expect(keys.sort()).toEqual([...IpcErrorCode.options.map((c) => `error.${c}`), 'error.fallback'].sort());
  });

  it('an unknown code from the wire reads as internal, never as a raw code', () => {
    expect(toIpcCallError({ code: 'something_new', message: 'x' }).code).toBe('internal');
    expect(IpcError.parse({ code: 'something_new', message: 'x' })).toEqual({ code: 'internal', message: 'x' });
    const parsed = WsServerMessage.parse({ type: 'result', id: 1, ok: false, error: { code: 'something_new', message: 'x' } });
    expect(parsed).toMatchObject({ error: { code: 'internal' } });
  });

  it('a pass error is one of the desk’s coded errors, recognised by type, not by name', () => {
    const err = new PassError('pass_wrong_site', 'another site');
    expect(err).toBeInstanceOf(IpcCallError);
    expect(PassErrorCode.options.every((c) => IpcErrorCode.options.includes(c))).toBe(true);
    expect(toIpcCallError(err)).toBe(err);
  });

  it('nothing in src recognises an error by its name string', () => {
    const offenders = sourceFiles(join(root, 'src')).filter((file) => /\.name\s*[!=]==?\s*['"`]\w*Error['"`]/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('sync conflicts: the cloud’s refusal codes, one closed set, every code in words', () => {
  it.each(CommandRefusalCode.options)('%s has its own zh-CN and English sentence in the conflicts list', (code) => {
    for (const status of ['conflict', 'rejected'] as const) expect(conflictReasonKey({ code, status })).toBe(`conflict.reason.${code}`);
    expect(hasReasonFor(code)).toBe(true);
    for (const language of ['zh-CN', 'en'] as const) expect(translate(language, conflictReasonKey({ code, status: 'conflict' })).trim()).not.toBe('');
  });

  it('the dictionaries’ conflict reasons are exactly those codes', () => {
    const keys = Object.keys(zhCN).filter((k) => k.startsWith('conflict.reason.'));
    expect(keys.sort()).toEqual(CommandRefusalCode.options.map((c) => `conflict.reason.${c}`).sort());
  });

  it('every refusal of a walk-in (registerWalkIn) is in the set', () => {
    const text = readFileSync(join(root, 'src/cloud/services/walkIns.ts'), 'utf8');
    const codes = [...text.matchAll(/refused\('([a-z_]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThanOrEqual(8);
    for (const code of codes) expect(CommandRefusalCode.options, code).toContain(code);
  });

  it('every command code the cloud writes is in the set', () => {
    for (const file of ['src/cloud/routes/sync.ts', 'src/cloud/services/kioskCommands.ts']) {
      const text = readFileSync(join(root, file), 'utf8');
      const codes = [...text.matchAll(/'(command_[a-z_]+|booking_[a-z_]+|already_arrived|already_left|checkin_outside_window)'/g)].map((m) => m[1]!);
      expect(codes.length, file).toBeGreaterThan(0);
      for (const code of codes) expect(CommandRefusalCode.options, `${file}: ${code}`).toContain(code);
    }
  });
});
