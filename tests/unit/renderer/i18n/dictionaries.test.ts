import { describe, expect, it } from 'vitest';
import { BookingStatus } from '../../../../src/shared/domain';
import { DeviceKind, DeviceState } from '../../../../src/shared/ipc';
import { en } from '../../../../src/renderer/i18n/en';
import { errorMessage, errorMessageKey } from '../../../../src/renderer/i18n/errorMessages';
import { dictionaries, placeholdersOf, translate, type MessageKey } from '../../../../src/renderer/i18n/translate';
import { shellZhCN, zhCN } from '../../../../src/renderer/i18n/zhCN';
import { checkinEn, checkinZhCN } from '../../../../src/renderer/features/checkin/messages';
import { devicesEn, devicesZhCN } from '../../../../src/renderer/features/devices/messages';
import { gateEn, gateZhCN } from '../../../../src/renderer/features/gate/messages';
import { homeEn, homeZhCN } from '../../../../src/renderer/features/home/messages';
import { signOutEn, signOutZhCN } from '../../../../src/renderer/features/signout/messages';
import { syncEn, syncZhCN } from '../../../../src/renderer/features/sync/messages';
import { walkinEn, walkinZhCN } from '../../../../src/renderer/features/walkin/messages';
import { adminEn, adminZhCN } from '../../../../src/renderer/features/admin/messages';
import { keyboardEn, keyboardZhCN } from '../../../../src/renderer/components/keyboard/messages';
import { faceEn, faceZhCN } from '../../../../src/renderer/features/face/messages';
import { staffPhotoEn, staffPhotoZhCN } from '../../../../src/renderer/features/staffphoto/messages';

describe('dictionaries', () => {
  it("are assembled from the shell's and the features' messages, no key in two of them", () => {
    const parts = [
      shellZhCN,
      homeZhCN,
      checkinZhCN,
      signOutZhCN,
      syncZhCN,
      devicesZhCN,
      walkinZhCN,
      adminZhCN,
      gateZhCN,
      keyboardZhCN,
      faceZhCN,
      staffPhotoZhCN,
    ];
    const keys = parts.flatMap((part) => Object.keys(part));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(Object.keys(zhCN).sort());
    const enParts = [homeEn, checkinEn, signOutEn, syncEn, devicesEn, walkinEn, adminEn, gateEn, keyboardEn, faceEn, staffPhotoEn];
    expect(enParts.flatMap((part) => Object.keys(part)).sort()).toEqual(
      [homeZhCN, checkinZhCN, signOutZhCN, syncZhCN, devicesZhCN, walkinZhCN, adminZhCN, gateZhCN, keyboardZhCN, faceZhCN, staffPhotoZhCN]
        .flatMap((part) => Object.keys(part))
        .sort(),
    );
  });

  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it.each(Object.entries(dictionaries))('%s has no empty or untrimmed messages', (_language, dictionary) => {
    for (const [key, text] of Object.entries(dictionary)) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).toBe(text.trim());
    }
  });

  it('every message uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      expect(placeholdersOf(en[key]), key).toEqual(placeholdersOf(zhCN[key]));
    }
  });

  it('has a name for every device kind, device status and booking status', () => {
    for (const kind of DeviceKind.options) expect(Object.hasOwn(zhCN, `device.${kind}`), kind).toBe(true);
    for (const status of DeviceState.shape.status.options) expect(Object.hasOwn(zhCN, `deviceStatus.${status}`), status).toBe(true);
    for (const status of BookingStatus.options) expect(Object.hasOwn(zhCN, `bookingStatus.${status}`), status).toBe(true);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'status.pending', { count: 3 })).toBe('3 pending');
    expect(translate('zh-CN', 'status.pending', { count: 3 })).toBe('待上传 3');
    expect(translate('en', 'status.pending')).toBe('{count} pending');
  });

  it('defaults to Chinese for the home button and switches to English', () => {
    expect(translate('zh-CN', 'home.checkin')).toBe('预约签到');
    expect(translate('en', 'home.checkin')).toBe('Booked visitor check-in');
  });
});

describe('error codes', () => {
  const codes = [
    'bad_input',
    'not_found',
    'not_approved',
    'already_arrived',
    'too_early',
    'window_closed',
    'cancelled',
    'rejected',
    'already_left',
    'pass_expired',
    'pass_bad_signature',
    'ipc_unavailable',
    'ipc_timeout',
    'ipc_disconnected',
    'ipc_bad_response',
  ];

  it.each(codes)('%s has its own message in both languages', (code) => {
    const key = errorMessageKey(code);
    expect(key).toBe(`error.${code}`);
    expect(errorMessage('zh-CN', code)).not.toBe(errorMessage('en', code));
    expect(errorMessage('zh-CN', code)).not.toBe(translate('zh-CN', 'error.fallback'));
  });

  it('maps namespaced codes and odd casing by their last segment', () => {
    expect(errorMessageKey('checkin.too_early')).toBe('error.too_early');
    expect(errorMessageKey('booking:Cancelled')).toBe('error.cancelled');
  });

  it('falls back for unknown, empty and missing codes', () => {
    expect(errorMessageKey('something_new')).toBe('error.fallback');
    expect(errorMessageKey('')).toBe('error.fallback');
    expect(errorMessageKey(undefined)).toBe('error.fallback');
    expect(errorMessageKey('fallback')).toBe('error.fallback');
    expect(errorMessage('en', 'something_new')).toBe(en['error.fallback']);
    expect(errorMessage('zh-CN', 'something_new')).toBe(zhCN['error.fallback']);
  });

  it('does not treat non-error keys as error codes', () => {
    expect(errorMessageKey('home.checkin')).toBe('error.fallback');
    expect(errorMessageKey('__proto__')).toBe('error.fallback');
  });
});
