/**
 * The core's one table of IPC handlers, composed once from the features' tables (one file per feature beside this
 * one, each covering exactly its feature's calls of src/shared/contract/) and frozen: nothing adds or replaces a
 * handler after start. dispatchIpcCall (../ipcHandlers.ts) runs them.
 */
import type { contractFeatures, ContractFeature, IpcCallName } from '../../../shared/ipc';
import { appHandlers } from './app';
import { checkinHandlers } from './checkin';
import { devicesHandlers } from './devices';
import type { Handler, HandlerTable } from './handler';
import { passesHandlers } from './passes';
import { signoutHandlers } from './signout';
import { syncHandlers } from './sync';
import { walkinHandlers } from './walkin';

export type { Handler, HandlerTable, ParsedInput } from './handler';

/** Each feature's table, under the feature's name in contractFeatures. */
export const handlersByFeature: { readonly [F in ContractFeature]: HandlerTable<(typeof contractFeatures)[F]['calls']> } = Object.freeze({
  app: appHandlers,
  sync: syncHandlers,
  checkin: checkinHandlers,
  signout: signoutHandlers,
  passes: passesHandlers,
  devices: devicesHandlers,
  walkin: walkinHandlers,
});

export const ipcHandlers: { readonly [N in IpcCallName]: Handler<N> } = Object.freeze({
  ...appHandlers,
  ...syncHandlers,
  ...checkinHandlers,
  ...signoutHandlers,
  ...passesHandlers,
  ...devicesHandlers,
  ...walkinHandlers,
});
