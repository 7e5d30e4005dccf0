/** The privacy and site texts screens' forms (src/webapp/admin/privacy/privacyForms.ts): what is sent, what is named wrong. */
import { describe, expect, it } from 'vitest';
import { POLICY_TEXT_MAX } from '../../../../../src/shared/visitPolicy';
import {
  exportCounts,
  personLookupOf,
  personWords,
  retentionKeysRefused,
  retentionOf,
  textsInvalid,
} from '../../../../../src/webapp/admin/privacy/privacyForms';

const EMPTY = { 'zh-CN': '', en: '' };

describe('the retention form', () => {
  it('sends whole days within the cloud’s limits, and names every other value', () => {
    expect(retentionOf({ visitDays: ' 90 ', photoDays: '1', logDays: '3650' })).toEqual({ settings: { visitDays: 90, photoDays: 1, logDays: 3650 } });
    expect(retentionOf({ visitDays: '0', photoDays: '3651', logDays: '30' })).toEqual({ invalid: ['visitDays', 'photoDays'] });
    expect(retentionOf({ visitDays: '1.5', photoDays: '', logDays: '-3' })).toEqual({ invalid: ['visitDays', 'photoDays', 'logDays'] });
    expect(retentionOf({ visitDays: '1e3', photoDays: '30', logDays: '30' })).toEqual({ invalid: ['visitDays'] });
  });

  it('reads the fields a refusal of the cloud names', () => {
    expect(retentionKeysRefused({ issues: [{ path: 'body/logDays', message: 'too big' }] })).toEqual(['logDays']);
    expect(retentionKeysRefused({ issues: 'nonsense' })).toEqual([]);
    expect(retentionKeysRefused(undefined)).toEqual([]);
  });
});

describe('a person named by their numbers', () => {
  it('needs one number, checks each with the cloud’s schema, and sends the site', () => {
    expect(personLookupOf(' ', '', 'site_a')).toEqual({ problem: { field: 'person-phone', words: 'personNeedOne' } });
    expect(personLookupOf('1380013', '', 'site_a')).toEqual({ problem: { field: 'person-phone', words: 'personPhoneInvalid' } });
    expect(personLookupOf('', '12', 'site_a')).toEqual({ problem: { field: 'person-id', words: 'personIdInvalid' } });
    expect(personLookupOf('138 0013 8000', '', 'site_a')).toEqual({ lookup: { siteId: 'site_a', phone: '13800138000' } });
    expect(personLookupOf('', '11010519800101123X', 'site_a')).toEqual({ lookup: { siteId: 'site_a', idNumber: '11010519800101123X' } });
  });

  it('counts an export by kind and names the person masked', () => {
    const data = {
      exportedAt: '2026-11-27T12:00:00.000Z',
      person: { phoneMasked: '138****8000', idNumberMasked: '110***********123X' },
      visitors: [{}],
      photos: [],
      bookings: [{}, {}],
      companionOf: [],
      approvals: [{}],
      passages: [{}, {}, {}],
      blacklist: [],
    };
    expect(exportCounts(data)).toEqual({
      counts: { visitors: 1, photos: 0, bookings: 2, companionOf: 0, approvals: 1, passages: 3, blacklist: 0 },
      total: 7,
    });
    expect(personWords(data)).toBe('138****8000 / 110***********123X');
  });
});

describe('the site texts', () => {
  it('names the fields the cloud would refuse', () => {
    const texts = { noticeText: { 'zh-CN': 'x'.repeat(POLICY_TEXT_MAX + 1), en: 'ok' }, privacyText: { 'zh-CN': 'a\u202eb', en: '' }, commitmentText: EMPTY };
    expect(textsInvalid(texts)).toEqual(['texts-noticeText-zh-CN', 'texts-privacyText-zh-CN']);
    expect(textsInvalid({ noticeText: { 'zh-CN': '第一行\r\n第二行', en: '' }, privacyText: EMPTY, commitmentText: EMPTY })).toEqual([]);
  });
});
