/**
 * Thermometer driver over any ByteTransport (serial / USB-COM in practice).
 *
 * Query mode (default): per reading, send the module's query (GY `A5 15 BA`; LU `FA C5 BF` once per measurement
 * then `FA CA C4`) and wait for one valid frame. Stream mode (GY only): send `A5 45 EA` once and take the frames
 * as they come. A measurement is the median of N valid readings plus a calibration offset, flagged abnormal at or
 * above the threshold. Frames with bad checksums are dropped and counted by the parser; readings outside the
 * plausible range are dropped and counted here. When the transport closes (unplugged) the driver goes
 * `disconnected` and reopens it every `reconnectMs` until `stop()`.
 */
import { ReconnectingLink } from '../transport/reconnectingLink';
import { Listeners, type ByteTransport } from '../transport/transport';
import { GY_CMD, LU_CMD, ThermoFrameParser, encodeCommand, frameCelsius, type ParserStats, type ThermoFrame, type ThermoModel } from './codec';
import { DEFAULT_TEMPERATURE_THRESHOLD_C } from '../../../shared/domain';

export type ThermometerStatus = 'disconnected' | 'connecting' | 'ready' | 'busy' | 'error';

export interface ThermometerState {
  status: ThermometerStatus;
  address: string;
  detail?: string;
}

export interface ThermometerMeasurement {
  /** median + offset, rounded to 0.01 °C */
  celsius: number;
  /** the median before the offset */
  medianRawC: number;
  /** the valid readings the median was taken from, in arrival order */
  samples: number[];
  /** GY modules also report the ambient temperature (of the last frame) */
  ambientC?: number;
  abnormal: boolean;
  thresholdC: number;
  at: Date;
}

export interface ThermometerOptions {
  transport: ByteTransport;
  model: ThermoModel;
  /** readings per measurement (median), default 5 */
  samples?: number;
  /** calibration offset added to the median, default 0 */
  offsetC?: number;
  /** abnormal when celsius >= thresholdC, default DEFAULT_TEMPERATURE_THRESHOLD_C */
  thresholdC?: number;
  /** 'query' (default) or 'stream' (GY only; LU has no continuous mode and always queries) */
  mode?: 'query' | 'stream';
  /** wait this long for each reply, default 1000 ms */
  replyTimeoutMs?: number;
  /** pause between queries; the GY module wants < 10 Hz, default 110 ms for GY and 0 for LU */
  queryIntervalMs?: number;
  /** readings at or above this are bogus (the LU samples discard ≥ 90–100 °C), default 90 */
  maxValidC?: number;
  /** readings below this are bogus, default -40 */
  minValidC?: number;
  /** reopen the transport this often after it closed; 0 = never, default 1000 ms */
  reconnectMs?: number;
  /** take one reading after opening to check the module answers, default true */
  probeOnStart?: boolean;
}

export interface ThermometerErrors extends ParserStats {
  timeouts: number;
  outOfRange: number;
}

type Events = {
  state: [ThermometerState];
  measurement: [ThermometerMeasurement];
};

export class ThermometerNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThermometerNotReadyError';
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Asks the module for one reading: GY `A5 15 BA`; LU `FA CA C4`, after `FA C5 BF` (body mode) when `selectMode`. */
async function writeQuery(transport: ByteTransport, model: ThermoModel, selectMode: boolean): Promise<void> {
  if (model === 'gy') return transport.write(encodeCommand('gy', GY_CMD.query));
  if (selectMode) await transport.write(encodeCommand('lu', LU_CMD.bodyMode));
  await transport.write(encodeCommand('lu', LU_CMD.measure));
}

export class ThermometerDriver {
  readonly model: ThermoModel;
  readonly samples: number;
  readonly offsetC: number;
  readonly thresholdC: number;
  private readonly transport: ByteTransport;
  private readonly opts: Required<Omit<ThermometerOptions, 'transport' | 'model'>>;
  private readonly parser: ThermoFrameParser;
  private readonly events: { [K in keyof Events]: Listeners<Events[K]> } = {
    state: new Listeners<Events['state']>(),
    measurement: new Listeners<Events['measurement']>(),
  };
  private stateValue: ThermometerState;
  private readonly link: ReconnectingLink;
  private waiter: ((f: ThermoFrame) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private counters = { timeouts: 0, outOfRange: 0 };
  private lastFrame: ThermoFrame | undefined;

  constructor(options: ThermometerOptions) {
    this.transport = options.transport;
    this.model = options.model;
    this.opts = {
      samples: options.samples ?? 5,
      offsetC: options.offsetC ?? 0,
      thresholdC: options.thresholdC ?? DEFAULT_TEMPERATURE_THRESHOLD_C,
      mode: options.model === 'lu' ? 'query' : (options.mode ?? 'query'),
      replyTimeoutMs: options.replyTimeoutMs ?? 1000,
      queryIntervalMs: options.queryIntervalMs ?? (options.model === 'gy' ? 110 : 0),
      maxValidC: options.maxValidC ?? 90,
      minValidC: options.minValidC ?? -40,
      reconnectMs: options.reconnectMs ?? 1000,
      probeOnStart: options.probeOnStart ?? true,
    };
    if (!Number.isInteger(this.opts.samples) || this.opts.samples < 1 || this.opts.samples > 100) throw new RangeError('samples must be an integer 1..100');
    this.samples = this.opts.samples;
    this.offsetC = this.opts.offsetC;
    this.thresholdC = this.opts.thresholdC;
    this.parser = new ThermoFrameParser(this.model);
    this.stateValue = { status: 'disconnected', address: this.transport.address };
    this.link = new ReconnectingLink(this.transport, this.opts.reconnectMs, {
      setState: (status, detail) => this.setState(status, detail),
      onData: (chunk) => this.onData(chunk),
      onOpen: () => this.parser.reset(),
      onReady: () => this.afterOpen(),
    });
  }

  get state(): ThermometerState {
    return this.stateValue;
  }

  get errors(): ThermometerErrors {
    return { ...this.parser.stats, ...this.counters };
  }

  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    return this.events[event].add(listener);
  }

  /** Opens the transport (retrying while it is absent, if reconnectMs > 0). Resolves after the first attempt. */
  async start(): Promise<void> {
    await this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
  }

  /** One measurement: the median of N valid readings plus the offset. Calls are serialised. */
  measure(): Promise<ThermometerMeasurement> {
    const run = this.queue.then(() => this.doMeasure());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** after each (re)open: start streaming, probe the module */
  private async afterOpen(): Promise<void> {
    try {
      if (this.opts.mode === 'stream') await this.transport.write(encodeCommand('gy', GY_CMD.continuous));
      if (this.opts.probeOnStart) {
        const probe = this.queue
          .then(() => this.readOne(true))
          .then(
            () => (this.stateValue.status === 'error' ? this.setState('ready') : undefined),
            (e: unknown) => {
              if (this.transport.isOpen) this.setState('error', (e as Error).message);
            },
          );
        this.queue = probe;
        await probe;
      }
    } catch (e) {
      if (this.transport.isOpen) this.setState('error', (e as Error).message);
    }
  }

  private onData(chunk: Uint8Array): void {
    for (const frame of this.parser.push(chunk)) {
      this.lastFrame = frame;
      const w = this.waiter;
      if (w) {
        this.waiter = undefined;
        w(frame);
      }
    }
  }

  private setState(status: ThermometerStatus, detail?: string): void {
    const prev = this.stateValue;
    if (prev.status === status && prev.detail === detail) return;
    this.stateValue = detail === undefined ? { status, address: this.transport.address } : { status, address: this.transport.address, detail };
    this.events.state.emit(this.stateValue);
  }

  private nextFrame(): Promise<ThermoFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter === done) this.waiter = undefined;
        this.counters.timeouts++;
        reject(new Error(`no reply from the ${this.model} thermometer within ${this.opts.replyTimeoutMs} ms`));
      }, this.opts.replyTimeoutMs);
      const done = (f: ThermoFrame): void => {
        clearTimeout(timer);
        resolve(f);
      };
      this.waiter = done;
    });
  }

  /** One frame: in query mode asks for it. `selectMode` (LU) sends the body-mode command first. */
  private async readOne(selectMode: boolean): Promise<ThermoFrame> {
    if (!this.transport.isOpen) throw new ThermometerNotReadyError(`thermometer ${this.transport.address} is not connected`);
    const reply = this.nextFrame();
    reply.catch(() => undefined);
    if (this.opts.mode === 'query') await writeQuery(this.transport, this.model, selectMode);
    return reply;
  }

  private async doMeasure(): Promise<ThermometerMeasurement> {
    if (!this.transport.isOpen) throw new ThermometerNotReadyError(`thermometer ${this.transport.address} is not connected`);
    this.setState('busy');
    const samples: number[] = [];
    let ambientC: number | undefined;
    const maxAttempts = this.samples * 2 + 2;
    let lastError: Error | undefined;
    try {
      for (let attempt = 0; attempt < maxAttempts && samples.length < this.samples; attempt++) {
        if (attempt > 0 && this.opts.queryIntervalMs > 0 && this.opts.mode === 'query') await new Promise((r) => setTimeout(r, this.opts.queryIntervalMs));
        let frame: ThermoFrame;
        try {
          frame = await this.readOne(attempt === 0);
        } catch (e) {
          lastError = e as Error;
          if (e instanceof ThermometerNotReadyError) throw e;
          continue;
        }
        const c = frameCelsius(frame);
        if (!(c >= this.opts.minValidC && c < this.opts.maxValidC)) {
          this.counters.outOfRange++;
          continue;
        }
        samples.push(c);
        if (frame.model === 'gy') ambientC = frame.ambientC;
      }
      if (samples.length < this.samples)
        throw new Error(`thermometer gave ${samples.length} of ${this.samples} valid readings${lastError ? ` (${lastError.message})` : ''}`);
      const medianRawC = median(samples);
      const celsius = round2(medianRawC + this.offsetC);
      const m: ThermometerMeasurement = {
        celsius,
        medianRawC: round2(medianRawC),
        samples,
        abnormal: celsius >= this.thresholdC,
        thresholdC: this.thresholdC,
        at: new Date(),
        ...(ambientC === undefined ? {} : { ambientC }),
      };
      this.setState('ready');
      this.events.measurement.emit(m);
      return m;
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the port may have closed while the reading was awaited
      if (this.transport.isOpen) this.setState('error', (e as Error).message);
      throw e;
    }
  }

  /** the last valid frame seen (stream mode shows the live value) */
  get last(): ThermoFrame | undefined {
    return this.lastFrame;
  }
}

/**
 * Probes a transport for a thermometer of the given model: opens it, asks once, closes it.
 * True when a valid frame came back in time.
 */
export async function probeThermometer(transport: ByteTransport, model: ThermoModel, timeoutMs = 400): Promise<boolean> {
  const parser = new ThermoFrameParser(model);
  try {
    await transport.open();
  } catch {
    return false;
  }
  let off: () => void = () => undefined;
  try {
    const got = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      off = transport.onData((chunk) => {
        if (parser.push(chunk).length > 0) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    await writeQuery(transport, model, true);
    return await got;
  } catch {
    return false;
  } finally {
    off();
    await transport.close().catch(() => undefined);
  }
}
