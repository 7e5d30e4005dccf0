/**
 * A simulated USB-serial device that can be unplugged and plugged back in. The kiosk opens a stable path (a
 * symlink, like udev's /dev/serial/by-id/…) that points at the host end of a socat pty pair; `unplug()` kills the
 * pair (the kiosk's port closes with an error and the symlink disappears, as with a real USB adapter) and
 * `replug()` makes a new pair and points the symlink at it again.
 */
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from '../sim/ptyPair';
import { SerialTransport } from '../transport/serialTransport';
import type { ByteTransport } from '../transport/transport';

export class PluggablePty {
  private pair: PtyPair | undefined;
  private device: SerialTransport | undefined;

  private constructor(
    /** the path the kiosk opens */
    readonly path: string,
    private readonly dir: string,
    private readonly name: string,
    private readonly onDevice: (device: ByteTransport) => void,
  ) {}

  /** `onDevice` is called with the simulator's end each time the device is plugged in. */
  static async create(name: string, onDevice: (device: ByteTransport) => void): Promise<PluggablePty> {
    const dir = mkdtempSync(join(tmpdir(), `passdesk-${name}-dev-`));
    const p = new PluggablePty(join(dir, name), dir, name, onDevice);
    await p.replug();
    return p;
  }

  get pluggedIn(): boolean {
    return this.pair !== undefined;
  }

  async replug(): Promise<void> {
    if (this.pair) return;
    const pair = await createPtyPair(this.name);
    const device = new SerialTransport(pair.devicePath, 9600);
    await device.open();
    this.pair = pair;
    this.device = device;
    symlinkSync(pair.hostPath, this.path);
    this.onDevice(device);
  }

  async unplug(): Promise<void> {
    const pair = this.pair;
    if (!pair) return;
    this.pair = undefined;
    try {
      unlinkSync(this.path);
    } catch {
      /* already gone */
    }
    await this.device?.close().catch(() => undefined);
    this.device = undefined;
    await pair.close();
  }

  async close(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
