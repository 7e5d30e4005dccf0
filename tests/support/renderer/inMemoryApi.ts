/**
 * A PassdeskApi test double for the renderer's own logic (the store): answers come from per-call handlers,
 * and events are emitted by the test. It stands at the renderer's boundary; no other part is faked.
 */
import {
  IpcCallError,
  type IpcCallName,
  type IpcEventName,
  type IpcEventPayload,
  type IpcInput,
  type IpcOutput,
  type PassdeskApi,
} from '../../../src/shared/ipc';
import { appInfo, settings, syncState } from './fixtures';

type Handler<N extends IpcCallName> = (input: IpcInput<N>) => IpcOutput<N> | Promise<IpcOutput<N>>;
type Handlers = { [N in IpcCallName]?: Handler<N> };

export class InMemoryApi implements PassdeskApi {
  readonly calls: { name: IpcCallName; input: unknown }[] = [];
  private readonly handlers: Handlers = {};
  private readonly listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();

  handle<N extends IpcCallName>(name: N, handler: Handler<N>): this {
    (this.handlers as Record<N, Handler<N>>)[name] = handler;
    return this;
  }

  async call<N extends IpcCallName>(name: N, input: IpcInput<N>): Promise<IpcOutput<N>> {
    this.calls.push({ name, input });
    const handler = this.handlers[name];
    if (!handler) throw new IpcCallError('not_found', `no handler for ${name}`);
    return handler(input);
  }

  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<(payload: unknown) => void>();
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    this.listeners.set(event, set);
    return () => set.delete(untyped);
  }

  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  callsOf(name: IpcCallName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }
}

/** A promise with its resolve/reject exposed, to hold a call open. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets answers already given (and what they set off) settle: one macrotask. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The calls every store test of an admin screen needs answered (the kiosk's info, settings, sync state, devices,
 * the end of the visitor's session, the admin PIN's status and lock); the test adds its section's own.
 */
export function adminScreenApi(status: Partial<IpcOutput<'admin.status'>> = {}): InMemoryApi {
  return new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('sync.status', () => syncState())
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('admin.status', () => ({ adminPinSet: true, staffPinSet: false, lockAfterS: 120, ...status }))
    .handle('admin.lock', () => ({ locked: true }));
}
