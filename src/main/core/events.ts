/**
 * The core's typed event bus over the contract's ipcEvents. The sync engine, check-in and (later) the
 * device layer publish here; both hosts (Electron, browser) forward every event to the renderer.
 * Payloads are validated against the contract outside production, so a wrong payload fails loudly in tests.
 */
import { ipcEvents, type IpcEventName, type IpcEventPayload } from '../../shared/ipc';
import { createLogger } from './log';

const log = createLogger('events');

type Listener<E extends IpcEventName> = (payload: IpcEventPayload<E>) => void;
export type AnyEventListener = <E extends IpcEventName>(name: E, payload: IpcEventPayload<E>) => void;

export class KioskEventBus {
  private readonly listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();
  private readonly anyListeners = new Set<AnyEventListener>();

  constructor(private readonly validate: boolean = process.env.NODE_ENV !== 'production') {}

  emit<E extends IpcEventName>(name: E, payload: IpcEventPayload<E>): void {
    if (this.validate) {
      const parsed = ipcEvents[name].safeParse(payload);
      if (!parsed.success) throw new TypeError(`event ${name}: payload does not match the contract: ${parsed.error.message}`);
    }
    for (const fn of [...(this.listeners.get(name) ?? [])]) this.safely(name, () => fn(payload));
    for (const fn of [...this.anyListeners]) this.safely(name, () => fn(name, payload));
  }

  on<E extends IpcEventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Every event, for the hosts that forward them all. */
  onAny(listener: AnyEventListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
    this.anyListeners.clear();
  }

  private safely(name: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      log.error(`a listener of ${name} failed`, err);
    }
  }
}
