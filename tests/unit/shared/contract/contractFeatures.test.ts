/**
 * The IPC contract is assembled from one slice per desk feature (src/shared/contract/): no call or event name in
 * two features, nothing lost or added by the assembly, and each feature's error codes one of the closed sets of
 * src/shared/errorCodes.ts. (Which codes each call may fail with is not declared per call, only named in some
 * calls' docs, and some calls legitimately fail with codes of other groups — pass.print: not_found, already_left,
 * printer_*; checkin.confirm: not_enrolled — so "a feature's calls use only its own group's codes" is not checked.)
 */
import { describe, expect, it } from 'vitest';
import { contractFeatures } from '../../../../src/shared/contract';
import { errorCodesByFeature } from '../../../../src/shared/errorCodes';
import { ipcCalls, ipcEvents } from '../../../../src/shared/ipc';

const features = Object.entries(contractFeatures);

describe('the IPC contract: one slice per feature', () => {
  it('no call name is in two features, and the assembled ipcCalls are exactly the features’ calls', () => {
    const names = features.flatMap(([, f]) => Object.keys(f.calls));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ipcCalls).sort()).toEqual([...names].sort());
    for (const [feature, f] of features) {
      for (const [name, contract] of Object.entries(f.calls)) expect(ipcCalls[name as keyof typeof ipcCalls], `${feature}: ${name}`).toBe(contract);
    }
  });

  it('no event name is in two features, and the assembled ipcEvents are exactly the features’ events', () => {
    const names = features.flatMap(([, f]) => Object.keys(f.events));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ipcEvents).sort()).toEqual([...names].sort());
    for (const [feature, f] of features) {
      for (const [name, schema] of Object.entries(f.events)) expect(ipcEvents[name as keyof typeof ipcEvents], `${feature}: ${name}`).toBe(schema);
    }
  });

  it('every feature has calls, and each feature’s error codes are its own group of errorCodes.ts', () => {
    const groups = Object.values(errorCodesByFeature);
    const used = features.map(([feature, f]) => {
      expect(Object.keys(f.calls).length, feature).toBeGreaterThan(0);
      expect(groups, feature).toContain(f.errors);
      return f.errors;
    });
    expect(new Set(used).size).toBe(used.length);
  });
});
