/**
 * A kiosk's policy in layers (issue 11): defaults < site policy (cloud) < kiosk policy (cloud) < local overrides (the
 * kiosk's admin screen). A cloud layer may lock keys: a lock holds against every layer below the one that set it (a
 * key the site locks is the site's value, or the default, at every kiosk of the site whatever the kiosk layer or the
 * kiosk says; one the kiosk layer locks cannot be overridden at the kiosk). The values' schema is PolicyValues
 * (src/shared/domain.ts), one for every layer and for the kiosk settings that hold what is in effect.
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { DEFAULT_TEMPERATURE_THRESHOLD_C, PolicyValues } from './domain';
import { VISIT_POLICY_DEFAULTS } from './visitPolicy';

export { PolicyValues };

export const PolicyKey = PolicyValues.keyof();
export type PolicyKey = z.infer<typeof PolicyKey>;
export const POLICY_KEYS: readonly PolicyKey[] = PolicyKey.options;

/** One cloud layer: the values it sets and the keys it locks. */
export const PolicyLayer = z
  .object({
    values: PolicyValues.partial().strict().default({}),
    /** keys a kiosk may not override (shown read-only: 由管理平台设置) */
    locked: z
      .array(PolicyKey)
      .max(POLICY_KEYS.length)
      .refine((keys) => new Set(keys).size === keys.length, 'locked: each key once')
      .default([]),
  })
  .strict();
export type PolicyLayer = z.infer<typeof PolicyLayer>;

export const EMPTY_POLICY_LAYER: PolicyLayer = { values: {}, locked: [] };

/** What a kiosk pulls: its site's layer and its own. */
export const CloudPolicy = z.object({ site: PolicyLayer, kiosk: PolicyLayer }).strict();
export type CloudPolicy = z.infer<typeof CloudPolicy>;

/** Where the value in effect of a key comes from. */
export const PolicySource = z.enum(['default', 'site', 'kiosk', 'local']);
export type PolicySource = z.infer<typeof PolicySource>;

export const POLICY_DEFAULTS: Readonly<PolicyValues> = {
  temperatureThresholdC: DEFAULT_TEMPERATURE_THRESHOLD_C,
  thermometerOffsetC: 0,
  idleTimeoutS: 60,
  language: 'zh-CN',
  retentionDays: 180,
  ...VISIT_POLICY_DEFAULTS,
  faceUploadAllowed: false,
};

export interface LayeredPolicy {
  values: PolicyValues;
  sources: Record<PolicyKey, PolicySource>;
  /** the keys a cloud layer locks, in POLICY_KEYS order */
  locked: PolicyKey[];
}

/** The policy in effect: pure, the same at the kiosk, in the cloud and in tests. */
export function layerPolicy(defaults: PolicyValues, cloud: CloudPolicy | undefined, local: Partial<PolicyValues> = {}): LayeredPolicy {
  const layers: { source: PolicySource; layer: PolicyLayer }[] = [
    { source: 'site', layer: cloud?.site ?? EMPTY_POLICY_LAYER },
    { source: 'kiosk', layer: cloud?.kiosk ?? EMPTY_POLICY_LAYER },
    { source: 'local', layer: { values: local, locked: [] } },
  ];
  const values: Record<string, unknown> = {};
  const sources = {} as Record<PolicyKey, PolicySource>;
  const locked: PolicyKey[] = [];
  for (const key of POLICY_KEYS) {
    let value: unknown = defaults[key];
    let source: PolicySource = 'default';
    for (const { source: s, layer } of layers) {
      const v = layer.values[key];
      if (v !== undefined) {
        value = v;
        source = s;
      }
      if (layer.locked.includes(key)) {
        locked.push(key);
        break;
      }
    }
    values[key] = value;
    sources[key] = source;
  }
  return { values: PolicyValues.parse(values), sources, locked };
}

/**
 * The keys whose value in effect changed from `before` to `after`, and those `after` locks: what a kiosk writes into
 * its settings when a policy arrives. A key that did not change keeps the kiosk's current value (e.g. the language a
 * visitor switched to) until its policy changes.
 */
export function policyKeysToApply(before: LayeredPolicy, after: LayeredPolicy): PolicyKey[] {
  return POLICY_KEYS.filter((k) => !samePolicyValue(before.values[k], after.values[k]) || after.locked.includes(k));
}

/** Two values of a policy key are the same (lists, texts and flags by what they hold; their keys in schema order). */
export function samePolicyValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A policy value for a log line: short, one line (a text's or list's start). */
export function policyValueForLog(v: unknown): string {
  const s = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * A site's settings older than policy layers (CloudKioskSettings): their policy values, for the site layer's keys it
 * does not set. A value that no longer meets its key's schema is left out (the default stands).
 */
export function legacyPolicyValues(settings: (Partial<Record<PolicyKey, unknown>> & { faceUploadEnabled?: unknown }) | undefined): Partial<PolicyValues> {
  if (settings === undefined) return {};
  const out: Record<string, unknown> = {};
  for (const key of LEGACY_POLICY_KEYS) {
    const parsed = PolicyValues.shape[key].safeParse(settings[key]);
    if (settings[key] !== undefined && parsed.success) out[key] = parsed.data;
  }
  // the site setting faceUploadEnabled came before the policy key faceUploadAllowed (issue 10)
  if (typeof settings.faceUploadEnabled === 'boolean') out.faceUploadAllowed = settings.faceUploadEnabled;
  return out;
}

/** The policy keys a site's older settings held. */
export const LEGACY_POLICY_KEYS = [
  'language',
  'temperatureThresholdC',
  'retentionDays',
  'earlyArrivalMinutes',
  'walkInApproval',
  'walkInOfflineFallback',
  'visitTypes',
  'visitReasons',
  'areas',
] as const satisfies readonly PolicyKey[];
