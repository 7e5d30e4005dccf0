/** Gate mode (seed 000's entry and exit scans): scan a pass, 通过 / 未通过 full screen, the entry or exit recorded. */
export { gateScreens } from './screens';
export { gateFeature } from './feature';
export { createGateFeatureSlice } from './slice';
export { initialGate } from './initialState';
export type { GateFeatureState, GateScreenName, GateState } from './types';
