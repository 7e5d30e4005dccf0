/**
 * What a feature's handler table is: one handler per call of that feature's slice of the contract
 * (src/shared/contract/<feature>.ts), each given the core and the input the contract already validated.
 */
import type { z } from 'zod';
import type { CallContract, ipcCalls, IpcCallName, IpcOutput } from '../../../shared/ipc';
import type { KioskCore } from '../kioskCore';

export type ParsedInput<N extends IpcCallName> = z.infer<(typeof ipcCalls)[N]['input']>;
export type Handler<N extends IpcCallName> = (core: KioskCore, input: ParsedInput<N>) => Promise<IpcOutput<N>> | IpcOutput<N>;

/** Exactly one handler for each call of `Calls` (a feature's calls object): a missing or extra one fails to compile. */
export type HandlerTable<Calls extends Readonly<Record<string, CallContract>>> = { readonly [N in keyof Calls & IpcCallName]: Handler<N> };
