import { describe, expect, it } from 'vitest';
import { PolicyValues } from '../../../src/shared/domain';
import { POLICY_DEFAULTS } from '../../../src/shared/policy';
import { BilingualText, faceConsentVersionOf, POLICY_TEXT_MAX, policyTextIn, VisitPolicyValues, VISIT_POLICY_DEFAULTS } from '../../../src/shared/visitPolicy';
import { FaceConsentInput } from '../../../src/shared/facePhoto';

const withKey = (patch: Record<string, unknown>) => PolicyValues.safeParse({ ...POLICY_DEFAULTS, ...patch });
const errorOf = (patch: Record<string, unknown>) => {
  const r = withKey(patch);
  return r.success ? undefined : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('the visit policy schema', () => {
  it('the defaults pass it, and are one block of PolicyValues', () => {
    expect(VisitPolicyValues.parse(VISIT_POLICY_DEFAULTS)).toEqual(VISIT_POLICY_DEFAULTS);
    expect(withKey({}).success).toBe(true);
    const keys = Object.keys(PolicyValues.shape);
    const visit = Object.keys(VisitPolicyValues.shape);
    const at = keys.indexOf(visit[0]!);
    expect(keys.slice(at, at + visit.length)).toEqual(visit);
  });

  it.each([
    ['earlyArrivalMinutes', -1, /earlyArrivalMinutes/],
    ['earlyArrivalMinutes', 241, /earlyArrivalMinutes/],
    ['earlyArrivalMinutes', 10.5, /earlyArrivalMinutes/],
    ['walkInPassHours', 73, /walkInPassHours/],
    ['walkInApproval', 'guard', /walkInApproval/],
    ['walkInOfflineFallback', 'host', /walkInOfflineFallback/],
    ['passShows', { hostName: true, company: false, plate: false }, /passShows\.reason/],
    ['passShows', { hostName: true, company: false, plate: false, reason: false, photo: true }, /passShows/],
    ['noticeText', { 'zh-CN': 'x'.repeat(POLICY_TEXT_MAX + 1), en: '' }, /noticeText\.zh-CN/],
    ['privacyText', { 'zh-CN': '', en: 'evil\u202Etxt' }, /privacyText\.en: text: no control/],
    ['commitmentText', { 'zh-CN': 'a\u0000b', en: '' }, /commitmentText\.zh-CN/],
    ['faceConsentText', { 'zh-CN': 'only one language' }, /faceConsentText\.en/],
    ['visitTypes', ['面试', '面试'], /visitTypes: list: each entry once/],
    ['visitTypes', ['a\u200bb'], /visitTypes\.0/],
    ['areas', [''], /areas\.0/],
    ['areas', ['x'.repeat(41)], /areas\.0/],
    ['visitReasons', Array.from({ length: 101 }, (_, i) => `r${i}`), /visitReasons/],
  ])('refuses %s = %j with an error naming it', (key, value, message) => {
    expect(errorOf({ [key]: value })).toMatch(message);
  });

  it('texts keep their lines (CR LF as LF) and markup as plain characters; hostile strings are text, not refused', () => {
    const t = BilingualText.parse({ 'zh-CN': '  一、遵守规定\r\n二、<b>如实</b>填写  ', en: '<script>alert(1)</script>\n{{x}}' });
    expect(t['zh-CN']).toBe('一、遵守规定\n二、<b>如实</b>填写');
    expect(t.en).toBe('<script>alert(1)</script>\n{{x}}');
    expect(policyTextIn(t, 'en')).toBe(t.en);
    expect(policyTextIn({ 'zh-CN': '', en: '' }, 'zh-CN')).toBeUndefined();
  });

  it('a face consent text is recorded by a version: the built-in one, or one naming the text shown', () => {
    const none = { 'zh-CN': '', en: '' };
    expect(faceConsentVersionOf(none, 'zh-CN')).toBe('face-consent-1');
    const v1 = faceConsentVersionOf({ 'zh-CN': '同意拍照', en: '' }, 'zh-CN');
    const v2 = faceConsentVersionOf({ 'zh-CN': '同意拍照。', en: '' }, 'zh-CN');
    expect(v1).toMatch(/^face-consent-p[0-9a-f]{8}$/);
    expect(v2).not.toBe(v1);
    // the English visitor saw the built-in text
    expect(faceConsentVersionOf({ 'zh-CN': '同意拍照', en: '' }, 'en')).toBe('face-consent-1');
    // the version is one the consent's own schema takes
    expect(FaceConsentInput.safeParse({ decision: 'refused', textVersion: v1, decidedAt: '2026-11-26T09:00:00.000Z' }).success).toBe(true);
  });
});
