/**
 * The IPC contract between the renderer and the kiosk core, assembled from one slice per desk feature (this
 * folder: app, sync, check-in, sign-out, passes, devices, walk-in, gate). One recipe per call: the feature's contract file → a
 * validated handler in the core's feature module (src/main/core/features/) → the same method on window.passdesk,
 * whether the preload (Electron) or the WebSocket client (browser shell) provides it. Call and event names are
 * unique across features (tests/unit/shared/contract/contractFeatures.test.ts).
 */
import type { z } from 'zod';
import { adminContract } from './admin';
import { appContract } from './app';
import { checkinContract } from './checkin';
import { devicesContract } from './devices';
import { gateContract } from './gate';
import { passesContract } from './passes';
import { signoutContract } from './signout';
import { syncContract } from './sync';
import { walkinContract } from './walkin';
import type { FeatureContract } from './define';

export * from './admin';
export * from './adminDevices';
export * from './app';
export * from './checkin';
export * from './devices';
export * from './gate';
export * from './passes';
export * from './signout';
export * from './sync';
export * from './walkin';
export type { CallContract, FeatureContract } from './define';

/** Every feature's slice, by feature (the keys of the core's handler tables, src/main/core/features/). */
export const contractFeatures = {
  app: appContract,
  sync: syncContract,
  checkin: checkinContract,
  signout: signoutContract,
  passes: passesContract,
  devices: devicesContract,
  walkin: walkinContract,
  admin: adminContract,
  gate: gateContract,
} as const satisfies Record<string, FeatureContract>;
export type ContractFeature = keyof typeof contractFeatures;

export const ipcCalls = {
  ...appContract.calls,
  ...syncContract.calls,
  ...checkinContract.calls,
  ...signoutContract.calls,
  ...passesContract.calls,
  ...devicesContract.calls,
  ...walkinContract.calls,
  ...adminContract.calls,
  ...gateContract.calls,
} as const;

export const ipcEvents = {
  ...syncContract.events,
  ...devicesContract.events,
  ...checkinContract.events,
  ...walkinContract.events,
  ...appContract.events,
} as const;

export type IpcCallName = keyof typeof ipcCalls;
export type IpcInput<N extends IpcCallName> = z.input<(typeof ipcCalls)[N]['input']>;
export type IpcOutput<N extends IpcCallName> = z.infer<(typeof ipcCalls)[N]['output']>;
export type IpcEventName = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.infer<(typeof ipcEvents)[E]>;

export const isIpcCallName = (name: string): name is IpcCallName => Object.hasOwn(ipcCalls, name);
export const isIpcEventName = (name: string): name is IpcEventName => Object.hasOwn(ipcEvents, name);
