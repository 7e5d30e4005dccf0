/**
 * A thermometer module simulator speaking either family's wire protocol on a ByteTransport (the device end of a
 * socat pty): it answers GY queries (`A5 15 BA`) and continuous mode (`A5 45 EA`, ~14 Hz), and LU measure commands
 * (`FA CA C4`, in the mode selected by `FA C5 BF` / `FA C6 C0`). Temperature, noise and the share of frames with a
 * bad checksum are configurable and may change while it runs; `PluggablePty` adds unplug / replug.
 */
import type { ByteTransport } from '../transport/transport';
import { GY_CMD, LU_CMD, ThermoCommandParser, encodeGyReply, encodeLuReply, type ThermoModel } from './codec';
import { PluggablePty } from '../sim/pluggablePty';
import { seededRandom } from '../sim/seededRandom';
import { SerialTransport } from '../transport/serialTransport';

export interface ThermometerSimOptions {
  model: ThermoModel;
  /** the temperature reported (GY object temperature / LU body reading), default 36.5 */
  temperatureC?: number;
  /** GY ambient temperature, default 25 */
  ambientC?: number;
  /** uniform noise ± this many °C on each reading, default 0 */
  noiseC?: number;
  /** probability 0..1 that a reply carries a wrong checksum, default 0 */
  badChecksumRate?: number;
  /** seed of the noise / corruption generator, default 1 */
  seed?: number;
  /** GY continuous-mode rate, default 14 Hz */
  streamHz?: number;
  /** GY modules stream at power-up by default; off by default here */
  autoOutput?: boolean;
}

export class ThermometerSimulator {
  readonly model: ThermoModel;
  temperatureC: number;
  ambientC: number;
  noiseC: number;
  badChecksumRate: number;
  readonly stats = { commands: 0, replies: 0, corrupted: 0 };
  private readonly rand: () => number;
  private readonly streamHz: number;
  private readonly autoOutput: boolean;
  private transport: ByteTransport | undefined;
  private parser: ThermoCommandParser;
  private luMode: 'body' | 'object' = 'body';
  private streamTimer: ReturnType<typeof setInterval> | undefined;
  private unsubs: (() => void)[] = [];

  constructor(opts: ThermometerSimOptions) {
    this.model = opts.model;
    this.temperatureC = opts.temperatureC ?? 36.5;
    this.ambientC = opts.ambientC ?? 25;
    this.noiseC = opts.noiseC ?? 0;
    this.badChecksumRate = opts.badChecksumRate ?? 0;
    this.rand = seededRandom(opts.seed ?? 1);
    this.streamHz = opts.streamHz ?? 14;
    this.autoOutput = opts.autoOutput ?? false;
    this.parser = new ThermoCommandParser(this.model);
  }

  /** Serve on a transport that is already open (the device end). Replaces any previous one. */
  attach(transport: ByteTransport): void {
    this.detach();
    this.transport = transport;
    this.parser = new ThermoCommandParser(this.model);
    this.unsubs.push(
      transport.onData((chunk) => this.onCommandBytes(chunk)),
      transport.onClose(() => this.detach()),
    );
    if (this.model === 'gy' && this.autoOutput) this.startStream();
  }

  detach(): void {
    this.stopStream();
    for (const u of this.unsubs) u();
    this.unsubs = [];
    this.transport = undefined;
  }

  /** the bytes of the next reply (with noise and, by chance, a bad checksum) */
  nextReply(): Uint8Array {
    const noise = this.noiseC > 0 ? (this.rand() * 2 - 1) * this.noiseC : 0;
    const badChecksum = this.badChecksumRate > 0 && this.rand() < this.badChecksumRate;
    if (badChecksum) this.stats.corrupted++;
    const t = this.temperatureC + noise;
    return this.model === 'gy' ? encodeGyReply(t, this.ambientC, { badChecksum }) : encodeLuReply(t, this.luMode, { badChecksum });
  }

  private send(): void {
    const t = this.transport;
    if (!t?.isOpen) return;
    this.stats.replies++;
    t.write(this.nextReply()).catch(() => undefined);
  }

  private onCommandBytes(chunk: Uint8Array): void {
    for (const { cmd } of this.parser.push(chunk)) {
      this.stats.commands++;
      if (this.model === 'gy') {
        if (cmd === GY_CMD.query) this.send();
        else if (cmd === GY_CMD.continuous) this.startStream();
        // baud and auto-output settings take effect after a power cycle: nothing to do now
      } else if (cmd === LU_CMD.bodyMode) this.luMode = 'body';
      else if (cmd === LU_CMD.objectMode) this.luMode = 'object';
      else if (cmd === LU_CMD.measure) this.send();
    }
  }

  private startStream(): void {
    if (this.streamTimer) return;
    this.streamTimer = setInterval(() => this.send(), Math.max(1, Math.round(1000 / this.streamHz)));
    this.streamTimer.unref();
  }

  private stopStream(): void {
    if (this.streamTimer) clearInterval(this.streamTimer);
    this.streamTimer = undefined;
  }
}

export interface ThermometerOnPty {
  /** the path the kiosk opens (stable across unplug / replug) */
  path: string;
  sim: ThermometerSimulator;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** A simulated module on a pluggable pty. */
export async function serveThermometerOnPty(opts: ThermometerSimOptions): Promise<ThermometerOnPty> {
  const sim = new ThermometerSimulator(opts);
  const pty = await PluggablePty.create({ name: `thermo-${opts.model}` }, async (pair) => {
    const device = new SerialTransport(pair.devicePath, 9600);
    await device.open();
    sim.attach(device);
    return () => device.close().catch(() => undefined);
  });
  return {
    path: pty.path,
    sim,
    unplug: async () => {
      sim.detach();
      await pty.unplug();
    },
    replug: () => pty.replug(),
    close: async () => {
      sim.detach();
      await pty.close();
    },
  };
}
