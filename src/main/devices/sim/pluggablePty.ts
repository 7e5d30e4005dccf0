/**
 * A simulated USB-serial device that can be unplugged and plugged back in. The kiosk opens a stable path (a
 * symlink, like udev's /dev/serial/by-id/…) that points at the host end of a socat pty pair; `unplug()` kills the
 * pair (the kiosk's port closes with an error and the symlink disappears, as with a real USB adapter) and
 * `replug()` makes a new pair and points the symlink at it again. Shared by the ID card reader and thermometer
 * simulators.
 */
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from './ptyPair';

/** Starts the simulated device on a fresh pair; resolves with what stops it before the pair goes away. */
export type PlugIn = (pair: PtyPair) => Promise<() => Promise<void>>;

export interface PluggablePtyOptions {
  /** names the pty pair and, by default, the temp dir and the link */
  name: string;
  /** the stable path; default `<new temp dir>/<linkName>` */
  path?: string;
  /** the link's file name in the temp dir, default `name` */
  linkName?: string;
}

const unlinkIfThere = (path: string): void => {
  try {
    unlinkSync(path);
  } catch {
    /* not there */
  }
};

export class PluggablePty {
  private pair: PtyPair | undefined;
  private stopDevice: (() => Promise<void>) | undefined;

  private constructor(
    /** the path the kiosk opens */
    readonly path: string,
    /** the temp dir holding the link, when this made one */
    private readonly dir: string | undefined,
    private readonly name: string,
    private readonly plugIn: PlugIn,
  ) {}

  /** Plugs the device in once before resolving. */
  static async create(options: PluggablePtyOptions, plugIn: PlugIn): Promise<PluggablePty> {
    const dir = options.path ? undefined : mkdtempSync(join(tmpdir(), `passdesk-${options.name}-dev-`));
    const path = options.path ?? join(dir!, options.linkName ?? options.name);
    const p = new PluggablePty(path, dir, options.name, plugIn);
    await p.replug();
    return p;
  }

  get pluggedIn(): boolean {
    return this.pair !== undefined;
  }

  async replug(): Promise<void> {
    if (this.pair) return;
    const pair = await createPtyPair(this.name);
    unlinkIfThere(this.path);
    symlinkSync(pair.hostPath, this.path);
    this.stopDevice = await this.plugIn(pair);
    this.pair = pair;
  }

  async unplug(): Promise<void> {
    const pair = this.pair;
    if (!pair) return;
    this.pair = undefined;
    unlinkIfThere(this.path);
    await this.stopDevice?.();
    this.stopDevice = undefined;
    await pair.close();
  }

  async close(): Promise<void> {
    await this.unplug();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
