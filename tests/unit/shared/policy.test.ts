import { describe, expect, it } from 'vitest';
import {
  CloudPolicy,
  layerPolicy,
  POLICY_DEFAULTS,
  POLICY_KEYS,
  policyKeysToApply,
  PolicyLayer,
  type CloudPolicy as CloudPolicyT,
} from '../../../src/shared/policy';

const cloud = (site: Partial<CloudPolicyT['site']>, kiosk: Partial<CloudPolicyT['kiosk']> = {}): CloudPolicyT => ({
  site: { values: {}, locked: [], ...site },
  kiosk: { values: {}, locked: [], ...kiosk },
});

describe('policy layering: defaults < site < kiosk < local, locks', () => {
  it('takes each key from the highest layer that sets it, and says which', () => {
    const p = layerPolicy(
      POLICY_DEFAULTS,
      cloud({ values: { temperatureThresholdC: 37.0, idleTimeoutS: 90, language: 'en' } }, { values: { idleTimeoutS: 120 } }),
      { language: 'zh-CN' },
    );
    expect(p.values).toEqual({ ...POLICY_DEFAULTS, temperatureThresholdC: 37.0, idleTimeoutS: 120, language: 'zh-CN' });
    expect(p.sources).toEqual({
      temperatureThresholdC: 'site',
      thermometerOffsetC: 'default',
      idleTimeoutS: 'kiosk',
      language: 'local',
      retentionDays: 'default',
      faceUploadAllowed: 'default',
    });
    expect(p.locked).toEqual([]);
  });

  it('no cloud policy and no overrides: the defaults', () => {
    const p = layerPolicy(POLICY_DEFAULTS, undefined);
    expect(p.values).toEqual(POLICY_DEFAULTS);
    expect(Object.values(p.sources)).toHaveLength(POLICY_KEYS.length);
    expect(new Set(Object.values(p.sources))).toEqual(new Set(['default']));
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
  ])('refuses %s', (_what, raw) => {
    expect(CloudPolicy.safeParse(raw).success).toBe(false);
  });
});
