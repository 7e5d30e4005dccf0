import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blacklistIdNumberKey, blacklistKeysOf, blacklistPhoneKey } from '../../../src/shared/blacklistKey';
import { DEFAULT_TEMPERATURE_THRESHOLD_C, KioskSettings, MAX_PARTY_SIZE, Phone } from '../../../src/shared/domain';
import { BookingCreate } from '../../../src/shared/api';
import { CheckInCommand } from '../../../src/shared/sync';
import { normalizeIdNumber } from '../../../src/shared/idNumber';
import { normalizePhone } from '../../../src/shared/phone';
import { portableSha256Hex, sha256Hex } from '../../../src/shared/sha256';
import { dayRange, DEFAULT_TIMEZONE, localDate, siteTimeZone, startOfLocalDay, touchesLocalDay } from '../../../src/shared/siteDay';

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('shared rules', () => {
  it('sha256Hex is SHA-256 of the UTF-8 text (as node:crypto computes it), at every padding length, in a browser too', () => {
    // on Node sha256Hex is node:crypto's; portableSha256Hex is what a browser runs
    for (const hash of [sha256Hex, portableSha256Hex]) {
      expect(hash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(hash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      for (let n = 0; n < 200; n++) {
        const text = randomBytes(n).toString('base64').slice(0, n) + '张三·'.repeat(n % 4);
        expect(hash(text), text).toBe(nodeSha256(text));
      }
    }
  });

  it('normalises ID numbers and phones as people type them', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105\u300019491231002x')).toBe('11010519491231002X');
    for (const phone of [
      '13912345678',
      ' 139 1234 5678 ',
      '139-1234-5678',
      '+8613912345678',
      '+86 139 1234 5678',
      '0086 139 1234 5678',
      '(+86) 139.1234.5678',
    ]) {
      expect(normalizePhone(phone), phone).toBe('13912345678');
      expect(Phone.parse(phone), phone).toBe('13912345678');
    }
    expect(normalizePhone('+852 9123 4567')).toBe('+85291234567');
    expect(normalizePhone('+86 10 1234 5678')).toBe('+861012345678'); // a landline keeps its country code
  });

  it('the blacklist key is SHA-256 of the normalised number, and only of numbers that are there', () => {
    expect(blacklistIdNumberKey('11010519491231002x')).toBe(nodeSha256('11010519491231002X'));
    expect(blacklistPhoneKey('+86 139 1234 5678')).toBe(nodeSha256('13912345678'));
    expect(blacklistKeysOf({ idNumber: ' 11010519491231002x', phone: '139 1234 5678' })).toEqual({
      idNumberHash: nodeSha256('11010519491231002X'),
      phoneHash: nodeSha256('13912345678'),
    });
    expect(blacklistKeysOf({ idNumber: '  ', phone: undefined })).toEqual({});
  });

  it('each rule is written once in src: the threshold, the party-size bound, masking, the site day', () => {
    const src = join(__dirname, '..', '..', '..', 'src');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));
    const where = (pattern: RegExp): string[] =>
      files(src)
        .filter((f) => pattern.test(readFileSync(f, 'utf8')))
        .map((f) => f.slice(src.length + 1));
    expect(where(/37\.3/)).toEqual(['shared/domain.ts']);
    expect(where(/\.max\(500\)/)).toEqual([]);
    expect(where(/function maskName\b/)).toEqual(['shared/mask.ts']);
    expect(where(/function localDate\b/)).toEqual(['shared/siteDay.ts']);
    // node:crypto hashes only the cloud's and the platform's secrets (tokens, credentials), never a shared rule's input
    // but through shared/sha256.ts on Node (the same digest as its portable one, checked above)
    expect(where(/createHash\(/).filter((f) => !f.startsWith('cloud/') && f !== 'platform/secrets.ts' && f !== 'shared/sha256.ts')).toEqual([]);
    expect(KioskSettings.parse({ version: 2, cloudUrl: 'http://cloud.example' }).temperatureThresholdC).toBe(DEFAULT_TEMPERATURE_THRESHOLD_C);
    expect(DEFAULT_TEMPERATURE_THRESHOLD_C).toBe(37.3);
  });

  it('the party-size bound is the same for a booking at the cloud and a check-in the kiosk signs', () => {
    const booking = (groupSize: number) =>
      BookingCreate.safeParse({
        hostId: 'h_1',
        visitor: { name: '张三', phone: '13912345678' },
        groupSize,
        reason: 'x',
        windowStart: '2026-11-22T02:00:00.000Z',
        windowEnd: '2026-11-22T04:00:00.000Z',
      }).success;
    const checkin = (partySize: number) =>
      CheckInCommand.safeParse({ kind: 'checkin', payload: { bookingId: 'b_1', visitId: '0b6f1c1e-4a53-4c52-9b5e-0d1f6c2b7a10', passId: 'p', partySize } })
        .success;
    for (const n of [0, 1, MAX_PARTY_SIZE, MAX_PARTY_SIZE + 1]) expect(booking(n), `booking ${n}`).toBe(checkin(n));
    expect(checkin(MAX_PARTY_SIZE)).toBe(true);
    expect(checkin(MAX_PARTY_SIZE + 1)).toBe(false);
  });

  it('a site day: the site zone (Asia/Shanghai when none), its start across DST, the same day for the cloud and the kiosk', () => {
    expect(siteTimeZone(undefined)).toBe(DEFAULT_TIMEZONE);
    expect(siteTimeZone({ timezone: '' })).toBe('Asia/Shanghai');
    expect(siteTimeZone({ timezone: 'Europe/Berlin' })).toBe('Europe/Berlin');
    const now = new Date('2026-11-21T17:30:00.000Z'); // 01:30 on the 22nd in Shanghai, the 21st in UTC
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localDate(now.toISOString(), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(dayRange(now, 'Asia/Shanghai', 0, 0)).toEqual({ today: '2026-11-22', from: '2026-11-21T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' });
    // kept for the local day it was made in: the next instant of that day gets it, the next day and a clock set back do not
    const sameDay = { today: '2026-11-22', from: '2026-11-20T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' };
    expect(dayRange(now, 'Asia/Shanghai', 1, 0)).toEqual(sameDay);
    expect(dayRange(new Date('2026-11-22T15:59:59.999Z'), 'Asia/Shanghai', 1, 0)).toEqual(sameDay);
    expect(dayRange(new Date('2026-11-22T16:00:00.000Z'), 'Asia/Shanghai', 1, 0)).toEqual({
      today: '2026-11-23',
      from: '2026-11-21T16:00:00.000Z',
      to: '2026-11-23T16:00:00.000Z',
    });
    expect(dayRange(new Date('2026-11-21T15:59:59.999Z'), 'Asia/Shanghai', 1, 0).today).toBe('2026-11-21');
    expect(dayRange(now, 'America/New_York', 1, 0).today).toBe('2026-11-21');
    const given = dayRange(now, 'Asia/Shanghai', 1, 0);
    given.today = 'changed by a caller';
    expect(dayRange(now, 'Asia/Shanghai', 1, 0)).toEqual(sameDay);
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    // the kiosk's "today" of a booking is the cloud's ?date= day
    expect(touchesLocalDay('2026-11-21T16:30:00.000Z', '2026-11-21T18:00:00.000Z', now, 'Asia/Shanghai')).toBe(true);
    expect(touchesLocalDay('2026-11-21T10:00:00.000Z', '2026-11-21T15:59:59.000Z', now, 'Asia/Shanghai')).toBe(false);
  });

  it('src/shared imports only its own files and zod', () => {
    const dir = join(__dirname, '..', '..', '..', 'src', 'shared');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const spec of imports) expect(spec.startsWith('./') || spec === 'zod', `${file}: ${spec}`).toBe(true);
    }
  });
});
