/**
 * The IPC envelope: the coded error that crosses IPC, window.passdesk's shape, the browser shell's WebSocket framing
 * and the Electron channel names. Feature-neutral: the calls and events themselves are the features' (./index).
 */
import { z } from 'zod';
import { IpcErrorCode } from '../errorCodes';
import type { IpcCallName, IpcEventName, IpcEventPayload, IpcInput, IpcOutput } from './index';

/**
 * An error crossing IPC: a code of the closed set the UI translates (a code this renderer does not know, from a
 * newer core, reads as `internal`) and a message for logs (already redacted).
 */
export const IpcError = z.object({ code: IpcErrorCode.catch('internal'), message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

/** What the renderer sees as window.passdesk, from either shell. */
export interface PassdeskApi {
  call<N extends IpcCallName>(name: N, input: IpcInput<N>): Promise<IpcOutput<N>>;
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}

// ---- the browser shell's WebSocket framing -----------------------------------------------------------
export const WS_PATH = '/ipc';
export const WsClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), secret: z.string().min(16).max(128) }),
  z.object({ type: z.literal('call'), id: z.number().int().min(0), name: z.string().max(64), input: z.unknown() }),
]);
export type WsClientMessage = z.infer<typeof WsClientMessage>;
/** A plain union: two `result` shapes share a discriminator value, which z.discriminatedUnion refuses. */
export const WsServerMessage = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: IpcError }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;

/** Electron channel names: one invoke channel per call, one send channel per event. */
export const electronChannel = {
  call: (name: IpcCallName) => `passdesk:call:${name}`,
  event: (name: IpcEventName) => `passdesk:event:${name}`,
};
