/**
 * A byte transport: what every device driver talks through (serial, USB bulk, HID, TCP).
 * Drivers never know which one they have.
 */
export interface ByteTransport {
  /** where it is attached: a port path, host:port, or VID:PID */
  readonly address: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** chunks as they arrive; returns an unsubscribe function */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** the transport went away (unplugged, remote closed); err is set when it failed */
  onClose(listener: (err?: Error) => void): () => void;
}

/** A tiny typed listener set used by transports and drivers. */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();
  add(fn: (...args: A) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }
  emit(...args: A): void {
    for (const fn of [...this.set]) fn(...args);
  }
  clear(): void {
    this.set.clear();
  }
}

/**
 * The listener half every ByteTransport implementation shares: a subclass emits incoming chunks on `data` and its
 * going away on `closed`.
 */
export abstract class ListeningTransport {
  protected readonly data = new Listeners<[Uint8Array]>();
  protected readonly closed = new Listeners<[Error | undefined]>();

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.closed.add(listener);
  }
}
