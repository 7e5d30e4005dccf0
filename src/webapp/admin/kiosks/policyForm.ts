/**
 * A policy layer as the editor holds it: per key whether this layer sets it, its value as typed, and its lock; and
 * back to a PolicyLayer, each value checked by its key's schema (a wrong one named, nothing sent).
 */
import { z } from 'zod';
import { POLICY_DEFAULTS, POLICY_KEYS, PolicyValues, type PolicyKey, type PolicyLayer } from '../../../shared/policy';

export interface DraftRow {
  set: boolean;
  /** the value as typed: a number, a choice, or JSON for texts and lists */
  text: string;
  locked: boolean;
}
export type PolicyDraft = Record<PolicyKey, DraftRow>;

export type ValueKind = { kind: 'number' } | { kind: 'boolean' } | { kind: 'choice'; options: readonly string[] } | { kind: 'json' };

export function valueKind(key: PolicyKey): ValueKind {
  const schema = PolicyValues.shape[key];
  if (schema instanceof z.ZodEnum) return { kind: 'choice', options: schema.options.map(String) };
  const sample = POLICY_DEFAULTS[key];
  if (typeof sample === 'number') return { kind: 'number' };
  if (typeof sample === 'boolean') return { kind: 'boolean' };
  return { kind: 'json' };
}

function textOf(key: PolicyKey, value: unknown): string {
  const { kind } = valueKind(key);
  if (kind === 'json') return JSON.stringify(value, null, 1);
  return String(value);
}

export function draftOf(layer: PolicyLayer): PolicyDraft {
  const draft = {} as PolicyDraft;
  for (const key of POLICY_KEYS) {
    const own = layer.values[key];
    draft[key] = { set: own !== undefined, text: textOf(key, own ?? POLICY_DEFAULTS[key]), locked: layer.locked.includes(key) };
  }
  return draft;
}

function parseText(key: PolicyKey, text: string): unknown {
  const { kind } = valueKind(key);
  if (kind === 'number') return text.trim() === '' ? Number.NaN : Number(text);
  if (kind === 'boolean') return text === 'true';
  if (kind === 'choice') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The layer the draft says, or the keys whose values are wrong. */
export function layerOf(draft: PolicyDraft): { layer: PolicyLayer } | { invalid: PolicyKey[] } {
  const values: Record<string, unknown> = {};
  const invalid: PolicyKey[] = [];
  for (const key of POLICY_KEYS) {
    const row = draft[key];
    if (!row.set) continue;
    const parsed = PolicyValues.shape[key].safeParse(parseText(key, row.text));
    if (parsed.success) values[key] = parsed.data;
    else invalid.push(key);
  }
  if (invalid.length > 0) return { invalid };
  return { layer: { values: PolicyValues.partial().parse(values), locked: POLICY_KEYS.filter((k) => draft[k].locked) } };
}
