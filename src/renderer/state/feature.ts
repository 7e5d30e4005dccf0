/**
 * What a renderer feature declares to the store besides its slice: its reactions to the core's events and what its
 * state becomes when the visitor's session ends. The store (./kioskStore.ts) assembles them from the features list
 * (../features/index.ts); the system and navigation slices run them without knowing any feature by name.
 */
import type { IpcEventName, IpcEventPayload } from '../../shared/ipc';
import type { KioskState } from './types';

/** The store as a feature's reactions see it. */
export interface FeatureStore {
  readonly get: () => KioskState;
  readonly set: (changes: Partial<KioskState> | ((state: KioskState) => Partial<KioskState>)) => void;
}

/** At most one reaction per event; several features may react to the same event. */
export type FeatureReactions = { readonly [E in IpcEventName]?: (payload: IpcEventPayload<E>, store: FeatureStore) => void };

export interface RendererFeature {
  readonly name: string;
  /** what the feature does when a core event arrives */
  readonly on?: FeatureReactions;
  /** the feature's state once the visitor's session ended (home, idle reset): what they typed or were shown is gone */
  readonly resetOnSessionEnd?: () => Partial<KioskState>;
}

/** Runs every feature's reaction to one event, in the features' order. */
export function react<E extends IpcEventName>(features: readonly RendererFeature[], name: E, payload: IpcEventPayload<E>, store: FeatureStore): void {
  for (const feature of features) feature.on?.[name]?.(payload, store);
}

/** The events some feature reacts to. */
export const reactedEvents = (features: readonly RendererFeature[]): IpcEventName[] => [
  ...new Set(features.flatMap((feature) => Object.keys(feature.on ?? {}) as IpcEventName[])),
];

/** Every feature's state for a new session, merged. */
export const sessionResets = (features: readonly RendererFeature[]): Partial<KioskState> =>
  Object.assign({}, ...features.map((feature) => feature.resetOnSessionEnd?.() ?? {})) as Partial<KioskState>;
