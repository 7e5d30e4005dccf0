import { describe, expect, it } from 'vitest';
import {
  CloudPolicy,
  layerPolicy,
  legacyPolicyValues,
  POLICY_DEFAULTS,
  POLICY_KEYS,
  policyKeysToApply,
  samePolicyValue,
  PolicyLayer,
  type CloudPolicy as CloudPolicyT,
} from '../../../src/shared/policy';

const cloud = (site: Partial<CloudPolicyT['site']>, kiosk: Partial<CloudPolicyT['kiosk']> = {}): CloudPolicyT => ({
  site: { values: {}, locked: [], ...site },
  kiosk: { values: {}, locked: [], ...kiosk },
});

const allDefault = Object.fromEntries(POLICY_KEYS.map((k) => [k, 'default']));

describe('policy layering: defaults < site < kiosk < local, locks', () => {
  it('takes each key from the highest layer that sets it, and says which', () => {
    const p = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { temperatureThresholdC: 37.0, idleTimeoutS: 90, language: 'en' } }, { values: { idleTimeoutS: 120 } }),
      { language: 'zh-CN' },
    );
    expect(p.values).toEqual({ ...POLICY_DEFAULTS, temperatureThresholdC: 37.0, idleTimeoutS: 120, language: 'zh-CN' });
    expect(p.sources).toEqual({
      ...allDefault,
      temperatureThresholdC: 'site',
      idleTimeoutS: 'kiosk',
      language: 'local',
    });
    expect(p.locked).toEqual([]);
  });

  it('no cloud policy and no overrides: the defaults', () => {
    const p = layerPolicy(POLICY_DEFAULTS, undefined);
    expect(p.values).toEqual(POLICY_DEFAULTS);
    expect(p.sources).toEqual(allDefault);
  });

  it('face photo upload (issue 10): off by default; the site turns it on, a kiosk layer off, a site lock holds it on', () => {
    expect(POLICY_DEFAULTS.faceUploadAllowed).toBe(false);
    expect(layerPolicy(POLICY_DEFAULTS, undefined).values.faceUploadAllowed).toBe(false);
    const siteOn = layerPolicy(POLICY_DEFAULTS, cloud({ values: { faceUploadAllowed: true } }));
    expect(siteOn.values.faceUploadAllowed).toBe(true);
    expect(siteOn.sources.faceUploadAllowed).toBe('site');
    const kioskOff = layerPolicy(POLICY_DEFAULTS, cloud({ values: { faceUploadAllowed: true } }, { values: { faceUploadAllowed: false } }));
    expect(kioskOff.values.faceUploadAllowed).toBe(false);
    const locked = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { faceUploadAllowed: true }, locked: ['faceUploadAllowed'] }, { values: { faceUploadAllowed: false } }),
      { faceUploadAllowed: false },
    );
    expect(locked.values.faceUploadAllowed).toBe(true);
    expect(locked.sources.faceUploadAllowed).toBe('site');
    expect(locked.locked).toEqual(['faceUploadAllowed']);
  });

  it('a key the kiosk layer locks cannot be overridden locally', () => {
    const p = layerPolicy(POLICY_DEFAULTS, cloud({}, { values: { temperatureThresholdC: 37.0 }, locked: ['temperatureThresholdC'] }), {
      temperatureThresholdC: 38,
    });
    expect(p.values.temperatureThresholdC).toBe(37.0);
    expect(p.sources.temperatureThresholdC).toBe('kiosk');
    expect(p.locked).toEqual(['temperatureThresholdC']);
  });

  it('a key the site locks holds against the kiosk layer and the kiosk; locked without a value, the default holds', () => {
    const p = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { idleTimeoutS: 45 }, locked: ['idleTimeoutS', 'retentionDays'] }, { values: { idleTimeoutS: 300, retentionDays: 30 } }),
      { idleTimeoutS: 600, retentionDays: 7 },
    );
    expect(p.values.idleTimeoutS).toBe(45);
    expect(p.sources.idleTimeoutS).toBe('site');
    expect(p.values.retentionDays).toBe(POLICY_DEFAULTS.retentionDays);
    expect(p.sources.retentionDays).toBe('default');
    expect(p.locked).toEqual(['idleTimeoutS', 'retentionDays']);
  });

  it('applies the keys whose value in effect changed, and every locked one; not those that stayed', () => {
    const before = layerPolicy(POLICY_DEFAULTS, cloud({ values: { language: 'en' } }));
    const after = layerPolicy(POLICY_DEFAULTS, cloud({ values: { language: 'en', temperatureThresholdC: 37.0 }, locked: ['idleTimeoutS'] }));
    expect(policyKeysToApply(before, after)).toEqual(['temperatureThresholdC', 'idleTimeoutS']);
    expect(policyKeysToApply(after, after)).toEqual(['idleTimeoutS']);
  });
});

describe('policy schema', () => {
  it('fills an empty layer', () => {
    expect(PolicyLayer.parse({})).toEqual({ values: {}, locked: [] });
  });

  it.each([
    ['an out-of-range threshold', { site: { values: { temperatureThresholdC: 45 } }, kiosk: {} }],
    ['a threshold that is text', { site: { values: { temperatureThresholdC: '37.0' } }, kiosk: {} }],
    ['an unknown key', { site: { values: { doorsOpen: true } }, kiosk: {} }],
    ['an unknown locked key', { site: { locked: ['doorsOpen'] }, kiosk: {} }],
    ['a key locked twice', { site: { locked: ['language', 'language'] }, kiosk: {} }],
    ['an unknown language', { site: {}, kiosk: { values: { language: 'fr' } } }],
    ['an idle timeout that is no integer', { site: {}, kiosk: { values: { idleTimeoutS: 60.5 } } }],
    ['a missing kiosk layer', { site: {} }],
    ['an extra layer', { site: {}, kiosk: {}, building: {} }],
    ['an early-arrival allowance over 4 hours', { site: { values: { earlyArrivalMinutes: 241 } }, kiosk: {} }],
    ['an unknown walk-in approval', { site: { values: { walkInApproval: 'guard' } }, kiosk: {} }],
    ['a notice with a bidi override', { site: { values: { noticeText: { 'zh-CN': '\u202Eevil', en: '' } } }, kiosk: {} }],
    ['a list entry twice', { site: {}, kiosk: { values: { areas: ['A栋', 'A栋'] } } }],
  ])('refuses %s', (_what, raw) => {
    expect(CloudPolicy.safeParse(raw).success).toBe(false);
  });
});

describe('the visit keys in layers (early arrival, walk-in approval, passes, texts, lists)', () => {
  it('defaults to what the kiosk did before they were policy', () => {
    expect(POLICY_DEFAULTS).toMatchObject({
      earlyArrivalMinutes: 0,
      walkInApproval: 'desk',
      walkInOfflineFallback: 'desk',
      walkInPassHours: 0,
      passShows: { hostName: true, company: false, plate: false, reason: false },
      faceConsentText: { 'zh-CN': '', en: '' },
      visitTypes: ['商务洽谈', '面试', '送货', '维修', '参观', '其他'],
      visitReasons: [],
      areas: [],
    });
  });

  it('layers them like every key: the kiosk layer over the site, local over both, a site lock over all', () => {
    const p = layerPolicy(
      POLICY_DEFAULTS,
      cloud(
        { values: { earlyArrivalMinutes: 60, areas: ['A栋', 'B栋'], walkInApproval: 'host' }, locked: ['walkInApproval'] },
        { values: { areas: ['C栋'], walkInApproval: 'desk' } },
      ),
      { earlyArrivalMinutes: 15, walkInApproval: 'desk' },
    );
    expect(p.values).toMatchObject({ earlyArrivalMinutes: 15, areas: ['C栋'], walkInApproval: 'host' });
    expect(p.sources).toMatchObject({ earlyArrivalMinutes: 'local', areas: 'kiosk', walkInApproval: 'site', visitTypes: 'default' });
    expect(p.locked).toEqual(['walkInApproval']);
  });

  it('compares lists, texts and flags by what they hold: an equal list pulled again is no change', () => {
    const before = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { areas: ['A栋'], passShows: { hostName: false, company: true, plate: false, reason: false } } }),
    );
    const again = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { areas: ['A栋'], passShows: { hostName: false, company: true, plate: false, reason: false } } }),
    );
    const changed = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { areas: ['A栋', 'B栋'], passShows: { hostName: false, company: true, plate: false, reason: false } } }),
    );
    expect(policyKeysToApply(before, again)).toEqual([]);
    expect(policyKeysToApply(before, changed)).toEqual(['areas']);
    expect(samePolicyValue(['a'], ['a'])).toBe(true);
    expect(samePolicyValue({ 'zh-CN': 'x', en: '' }, { 'zh-CN': 'y', en: '' })).toBe(false);
  });

  it('takes a site’s older settings for the keys they held, leaving out a value its key’s schema refuses', () => {
    expect(
      legacyPolicyValues({
        earlyArrivalMinutes: 30,
        walkInApproval: 'host',
        visitTypes: ['面试'],
        areas: ['A栋', 'A栋'],
        temperatureThresholdC: 37.0,
      }),
    ).toEqual({ earlyArrivalMinutes: 30, walkInApproval: 'host', visitTypes: ['面试'], temperatureThresholdC: 37.0 });
    expect(legacyPolicyValues(undefined)).toEqual({});
  });
});
