/**
 * A device module: one kind of kiosk device (ID card reader, thermometer, printer, scanner, next the camera), as
 * the device manager sees it. It declares its settings (a piece of `KioskDeviceSettings`), whether those settings
 * turn it on, how serial auto-detection finds it, and how to open it; the running device reports its state and its
 * events through the context it was opened with. Events are raw (the full ID card, the scanned text): what the
 * renderer receives is the kiosk core's decision. Adding a device = a folder with its module + one line in
 * `registry.ts`.
 */
import { IpcCallError } from '../../shared/errorCodes';
import type { z } from 'zod';
import type { KioskDeviceSettings } from '../../shared/domain';
import type { DeviceKind, DeviceState, PaperLevel } from '../../shared/ipc';

/** The kinds a module may claim: the settings pieces of `KioskDeviceSettings` that are also IPC device kinds. */
export type ModuleKind = Extract<DeviceKind, keyof KioskDeviceSettings>;

/** What a device says about itself; the manager stamps the kind and the time. */
export interface DeviceStateReport {
  status: DeviceState['status'];
  address?: string;
  detail?: string;
  paper?: PaperLevel;
}

export interface DeviceContext<E> {
  report(state: DeviceStateReport): void;
  emit(event: E): void;
  log(line: string): void;
  /** the serial port auto-detection settled on for this device (when its settings name none) */
  readonly detectedPort: string | undefined;
}

/** An opened device: its capabilities (measure, print, ...) plus stop. */
export interface RunningDevice {
  stop(): Promise<void>;
}

/** Serial auto-detection: which enabled devices without a port want one, and the probe for one port. */
export interface SerialDetection<S, T> {
  /** probes run per port in ascending order (the cheapest, least disruptive first) */
  readonly order: number;
  wants(settings: S): boolean;
  probe(path: string, settings: S, options: { timeoutMs: number; tuning: T | undefined; log: (line: string) => void }): Promise<boolean>;
}

export interface DeviceModuleSpec<K extends ModuleKind, S, D extends RunningDevice, E, T> {
  readonly kind: K;
  /** this device's settings: `KioskDeviceSettings.shape[kind]` */
  readonly settings: z.ZodType<S>;
  enabled(settings: S): boolean;
  /** the serial port its settings name, kept away from auto-detection's probes */
  claimedPort?(settings: S): string | undefined;
  readonly detect?: SerialDetection<S, T>;
  /**
   * Opens the device (enabled settings only) and starts it; answers undefined when it cannot be opened (no port):
   * it has reported why through `ctx.report`.
   */
  open(settings: S, ctx: DeviceContext<E>, tuning: T | undefined): Promise<D | undefined>;
  /** why `kind`'s capabilities are unavailable when it is not open */
  unavailable(settings: S): string;
}

/** A module bound to the kiosk's device settings: what the manager iterates over. */
export interface BoundDevice<K extends ModuleKind, D extends RunningDevice, E> {
  readonly kind: K;
  readonly enabled: boolean;
  readonly claimedPort: string | undefined;
  readonly detect: { readonly order: number; probe(path: string, options: { timeoutMs: number; log: (line: string) => void }): Promise<boolean> } | undefined;
  open(ctx: DeviceContext<E>): Promise<D | undefined>;
  readonly unavailable: string;
}

export interface DeviceModule<K extends ModuleKind, S, D extends RunningDevice, E, T> extends DeviceModuleSpec<K, S, D, E, T> {
  /** this module's piece of the settings parsed, with its tuning (`tunings[kind]`) */
  bind(settings: KioskDeviceSettings, tunings: { readonly [P in K]?: T }): BoundDevice<K, D, E>;
}

export function defineDeviceModule<K extends ModuleKind, S, D extends RunningDevice, E = never, T = undefined>(
  spec: DeviceModuleSpec<K, S, D, E, T>,
): DeviceModule<K, S, D, E, T> {
  return {
    ...spec,
    bind(all, tunings) {
      const settings = spec.settings.parse(all[spec.kind]);
      const tuning = tunings[spec.kind];
      const enabled = spec.enabled(settings);
      const detect = spec.detect;
      return {
        kind: spec.kind,
        enabled,
        claimedPort: spec.claimedPort?.(settings),
        detect:
          detect && enabled && detect.wants(settings) ? { order: detect.order, probe: (path, o) => detect.probe(path, settings, { ...o, tuning }) } : undefined,
        open: (ctx) => spec.open(settings, ctx, tuning),
        unavailable: spec.unavailable(settings),
      };
    },
  };
}

/**
 * The error the manager throws for a device that is not open: one of the desk's coded errors (printer_unavailable
 * for the printer, device_unavailable otherwise), recognised by its code, never by its name.
 */
export class DeviceUnavailableError extends IpcCallError<'printer_unavailable' | 'device_unavailable'> {
  constructor(
    readonly kind: ModuleKind,
    message: string,
  ) {
    super(kind === 'printer' ? 'printer_unavailable' : 'device_unavailable', message);
    this.name = 'DeviceUnavailableError';
  }
}
