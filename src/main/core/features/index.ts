/**
 * The core's feature modules (one file per feature beside this one: each `createXxxFeature(deps)` receives only
 * what it needs and returns its handler table, covering exactly its feature's calls of src/shared/contract/), and
 * how the composition root (../kioskCore.ts) composes their tables: once, frozen, never changed after.
 */
import type { FeatureHandlers, IpcHandlerTable } from './feature';

export type { FeatureHandlers, Handler, HandlerTable, IpcHandlerTable, ParsedInput } from './feature';
export { createAdminFeature, type AdminFeature, type AdminFeatureDeps } from './admin';
export { createAppFeature, type AppFeature, type AppFeatureDeps } from './app';
export { createCheckinFeature, type CheckinFeature, type CheckinFeatureDeps } from './checkin';
export { createDevicesFeature, type DevicesFeature, type DevicesFeatureDeps } from './devices';
export { createGateFeature, type GateFeature, type GateFeatureDeps } from './gate';
export { createPassesFeature, type PassesFeature, type PassesFeatureDeps } from './passes';
export { createSignoutFeature, type SignoutFeatureDeps } from './signout';
export { createSyncFeature, type SyncFeature, type SyncFeatureDeps } from './sync';
export { createWalkinFeature, type WalkinFeature, type WalkinFeatureDeps } from './walkin';

export interface ComposedHandlers {
  /** each feature's table, frozen */
  readonly byFeature: FeatureHandlers;
  /** every call's handler, frozen */
  readonly table: IpcHandlerTable;
}

/** One frozen table from the features' tables (the type requires exactly one handler per contract call). */
export function composeHandlers(features: FeatureHandlers): ComposedHandlers {
  const byFeature: FeatureHandlers = Object.freeze({
    app: Object.freeze(features.app),
    sync: Object.freeze(features.sync),
    checkin: Object.freeze(features.checkin),
    signout: Object.freeze(features.signout),
    passes: Object.freeze(features.passes),
    devices: Object.freeze(features.devices),
    walkin: Object.freeze(features.walkin),
    admin: Object.freeze(features.admin),
    gate: Object.freeze(features.gate),
  });
  const table: IpcHandlerTable = Object.freeze({
    ...byFeature.app,
    ...byFeature.sync,
    ...byFeature.checkin,
    ...byFeature.signout,
    ...byFeature.passes,
    ...byFeature.devices,
    ...byFeature.walkin,
    ...byFeature.admin,
    ...byFeature.gate,
  });
  return Object.freeze({ byFeature, table });
}
