/**
 * Keeps a driver's ByteTransport open: `start()` opens it, and after it fails to open or closes (unplugged) it is
 * reopened every `reconnectMs` until `stop()`. The driver keeps its own state and parsers; the link reports the
 * `connecting` / `ready` / `disconnected` transitions through `setState` and asks the driver to reset its parsers
 * after each successful open.
 */
import type { ByteTransport } from './transport';

export interface ReconnectingLinkHooks {
  setState(status: 'disconnected' | 'connecting' | 'ready', detail?: string): void;
  onData(chunk: Uint8Array): void;
  /** after each successful open, before any data is taken: reset the parsers */
  onOpen(): void;
  /** after each successful open, once the state is `ready` (e.g. probe the device); awaited by `start()` */
  onReady?(): Promise<void>;
}

export class ReconnectingLink {
  private stopped = true;
  private unsubs: (() => void)[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  /** `reconnectMs` 0 = never reopen */
  constructor(
    private readonly transport: ByteTransport,
    private readonly reconnectMs: number,
    private readonly hooks: ReconnectingLinkHooks,
  ) {}

  /** Opens the transport (retrying while it is absent, if reconnectMs > 0). Resolves after the first attempt. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.detach();
    await this.transport.close().catch(() => undefined);
    this.hooks.setState('disconnected', 'stopped');
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.hooks.setState('connecting');
    try {
      await this.transport.open();
    } catch (e) {
      this.hooks.setState('disconnected', `cannot open: ${(e as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have set `stopped` while open() was awaited
    if (this.stopped) {
      await this.transport.close().catch(() => undefined);
      return;
    }
    this.hooks.onOpen();
    this.detach();
    this.unsubs.push(
      this.transport.onData((chunk) => this.hooks.onData(chunk)),
      this.transport.onClose((err) => this.onTransportClosed(err)),
    );
    this.hooks.setState('ready');
    await this.hooks.onReady?.();
  }

  private onTransportClosed(err?: Error): void {
    this.detach();
    if (this.stopped) return;
    this.hooks.setState('disconnected', err ? `unplugged: ${err.message}` : 'unplugged');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectMs <= 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, this.reconnectMs);
  }

  private detach(): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }
}
