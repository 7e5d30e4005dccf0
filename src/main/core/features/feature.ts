/**
 * What a core feature contributes: its handler table, one handler per call of its slice of the contract
 * (src/shared/contract/<feature>.ts), each given only the input the contract already validated; whatever the
 * handler needs (database, clock, settings, devices, ...) the feature module closed over when the composition root
 * (../kioskCore.ts) built it.
 */
import type { z } from 'zod';
import type { CallContract, contractFeatures, ContractFeature, ipcCalls, IpcCallName, IpcOutput } from '../../../shared/ipc';

export type ParsedInput<N extends IpcCallName> = z.infer<(typeof ipcCalls)[N]['input']>;
export type Handler<N extends IpcCallName> = (input: ParsedInput<N>) => Promise<IpcOutput<N>> | IpcOutput<N>;

/** Exactly one handler for each call of `Calls` (a feature's calls object): a missing or extra one fails to compile. */
export type HandlerTable<Calls extends Readonly<Record<string, CallContract>>> = { readonly [N in keyof Calls & IpcCallName]: Handler<N> };

/** Each feature's table, under the feature's name in contractFeatures. */
export type FeatureHandlers = { readonly [F in ContractFeature]: HandlerTable<(typeof contractFeatures)[F]['calls']> };

/** The one table dispatchIpcCall runs: a handler for every call of the contract. */
export type IpcHandlerTable = { readonly [N in IpcCallName]: Handler<N> };
