/**
 * The kiosk's policy keeper (issue 11): the cloud's site and kiosk layers as last accepted, the local overrides in
 * settings.json (`localPolicy`), and the values in effect written into the kiosk settings, which every part of the core,
 * the device modules and the renderer read live. A policy the cloud sends that fails its schema is kept out (the one
 * before stays) and its error is answered for the sync state.
 */
import { z } from 'zod';
import type { KioskSettings } from '../../shared/domain';
import { IpcCallError } from '../../shared/errorCodes';
import {
  CloudPolicy,
  layerPolicy,
  POLICY_DEFAULTS,
  legacyPolicyValues,
  POLICY_KEYS,
  policyKeysToApply,
  policyValueForLog,
  samePolicyValue,
  type LayeredPolicy,
  type PolicyKey,
  type PolicyValues,
} from '../../shared/policy';
import type { CloudKioskSettings } from '../../shared/sync';
import { visitPolicyIn, VisitPolicyValues } from '../../shared/visitPolicy';
import type { KioskDb } from './db/openDb';
import { readAppliedCloudSettings, readCloudPolicy, saveCloudPolicy } from './db/syncStateStore';
import { createLogger } from './log';
import type { SettingsAccess } from './settings';

const log = createLogger('policy');

/** The visit policy a kiosk's settings hold in effect (its defaults for keys settings written before it lack). */
export function visitPolicyOf(s: Pick<KioskSettings, 'visitPolicy'>): VisitPolicyValues {
  return visitPolicyIn(s);
}

/** The policy values a kiosk's settings hold in effect. */
export function policyValuesOf(s: KioskSettings): PolicyValues {
  return {
    temperatureThresholdC: s.temperatureThresholdC,
    thermometerOffsetC: s.devices.thermometer.offsetC ?? 0,
    idleTimeoutS: s.idleTimeoutS,
    language: s.language,
    retentionDays: s.retentionDays,
    ...visitPolicyOf(s),
    faceUploadAllowed: s.faceUploadAllowed,
  };
}

const VISIT_KEYS = VisitPolicyValues.keyof().options;

/** The settings with these policy values in effect. */
export function withPolicyValues(s: KioskSettings, v: Partial<PolicyValues>): KioskSettings {
  const next: KioskSettings = { ...s };
  if (v.temperatureThresholdC !== undefined) next.temperatureThresholdC = v.temperatureThresholdC;
  if (v.idleTimeoutS !== undefined) next.idleTimeoutS = v.idleTimeoutS;
  if (v.language !== undefined) next.language = v.language;
  if (v.retentionDays !== undefined) next.retentionDays = v.retentionDays;
  if (v.faceUploadAllowed !== undefined) next.faceUploadAllowed = v.faceUploadAllowed;
  if (v.thermometerOffsetC !== undefined) next.devices = { ...s.devices, thermometer: { ...s.devices.thermometer, offsetC: v.thermometerOffsetC } };
  const visit = Object.fromEntries(VISIT_KEYS.filter((k) => v[k] !== undefined).map((k) => [k, v[k]]));
  if (Object.keys(visit).length > 0) next.visitPolicy = { ...visitPolicyOf(s), ...visit };
  return next;
}

/** A cloud older than policy layers sends only its site settings: their policy values are the site layer, unlocked. */
export function policyFromLegacy(settings: CloudKioskSettings | undefined): CloudPolicy | undefined {
  if (settings === undefined) return undefined;
  return { site: { values: legacyPolicyValues(settings), locked: [] }, kiosk: { values: {}, locked: [] } };
}

const pick = (v: PolicyValues, keys: readonly PolicyKey[]): Partial<PolicyValues> => Object.fromEntries(keys.map((k) => [k, v[k]]));

export interface PolicyKeeper {
  /** the policy in effect, with where each value comes from and what the cloud locks */
  layered(): LayeredPolicy;
  /**
   * A pull's policy (`undefined` from a cloud older than policy layers: its settings stand in). Answers the error
   * when the policy fails its schema: then nothing changes.
   */
  applyCloud(raw: unknown, legacy: CloudKioskSettings): string | undefined;
  /** the admin screen's values: those that differ from what is in effect become local overrides (admin_policy_locked for a locked key) */
  setLocal(values: PolicyValues, save: (next: KioskSettings) => Promise<KioskSettings>): Promise<KioskSettings>;
  /** at start: a locked key holds whatever settings.json says */
  enforceLocks(): void;
}

export function createPolicyKeeper(deps: { db: KioskDb; settings: Pick<SettingsAccess, 'current' | 'save'> }): PolicyKeeper {
  const { db, settings } = deps;
  const cloudNow = (): CloudPolicy | undefined => readCloudPolicy(db) ?? policyFromLegacy(readAppliedCloudSettings(db));
  const layeredWith = (cloud: CloudPolicy | undefined): LayeredPolicy => layerPolicy(POLICY_DEFAULTS, cloud, settings.current().localPolicy ?? {});

  const write = (before: LayeredPolicy, after: LayeredPolicy): void => {
    const keys = policyKeysToApply(before, after);
    const current = settings.current();
    const next = withPolicyValues(current, pick(after.values, keys));
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    const was = policyValuesOf(current);
    const changed = keys.filter((k) => !samePolicyValue(was[k], after.values[k]));
    settings.save(next);
    log.info(`policy from the cloud in effect: ${changed.map((k) => `${k} ${policyValueForLog(was[k])} → ${policyValueForLog(after.values[k])}`).join(', ')}`);
  };

  return {
    layered: () => layeredWith(cloudNow()),

    applyCloud(raw, legacy) {
      let next: CloudPolicy | undefined;
      if (raw === undefined) next = policyFromLegacy(legacy);
      else {
        const parsed = CloudPolicy.safeParse(raw);
        if (!parsed.success) {
          const error = `the cloud's policy was refused, the previous one stays: ${z.prettifyError(parsed.error).replace(/\s+/g, ' ').slice(0, 300)}`;
          log.error(error);
          return error;
        }
        next = parsed.data;
      }
      if (next === undefined) return undefined;
      const before = layeredWith(cloudNow());
      saveCloudPolicy(db, next);
      write(before, layeredWith(next));
      return undefined;
    },

    async setLocal(values, save) {
      const layered = layeredWith(cloudNow());
      const current = settings.current();
      const inEffect = policyValuesOf(current);
      const changed = POLICY_KEYS.filter((k) => !samePolicyValue(values[k], inEffect[k]));
      const locked = changed.filter((k) => layered.locked.includes(k));
      if (locked.length > 0) throw new IpcCallError('admin_policy_locked', `set by the management platform, not at the kiosk: ${locked.join(', ')}`);
      const local = { ...(current.localPolicy ?? {}), ...pick(values, changed) };
      return save({ ...withPolicyValues(current, pick(values, changed)), localPolicy: local });
    },

    enforceLocks() {
      const layered = layeredWith(cloudNow());
      if (layered.locked.length === 0) return;
      write(layered, layered);
    },
  };
}
