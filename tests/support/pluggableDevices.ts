/**
 * A devices port for tests that create the kiosk core first and plug device managers in later (or one after the
 * other on the same core): the core gets this port at creation and keeps it; `plug` swaps what is behind it and
 * announces the new manager's states, as a manager handed over at creation would have them relayed.
 */
import type { DevicePortEvent, DevicesPort } from '../../src/main/core/devices';
import type { DeviceManager } from '../../src/main/devices/manager/deviceManager';

export interface PluggableDevices extends DevicesPort {
  /** puts `manager` behind the port (the previous one is left running: stop it yourself) */
  plug(manager: DeviceManager): void;
}

class NotPluggedError extends Error {
  constructor(what: string) {
    super(`no ${what} is connected`);
    this.name = 'DeviceUnavailableError';
  }
}

export function pluggableDevices(): PluggableDevices {
  const listeners = new Set<(event: DevicePortEvent) => void>();
  let current: DeviceManager | undefined;
  let off: (() => void) | undefined;
  const publish = (event: DevicePortEvent): void => {
    for (const l of [...listeners]) l(event);
  };
  return {
    plug(manager) {
      off?.();
      current = manager;
      off = manager.on(publish);
      for (const state of manager.list()) publish({ type: 'state', state });
    },
    list: () => current?.list() ?? [],
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get printerKind() {
      return current?.printerKind ?? 'none';
    },
    measureTemperature: async () => {
      if (!current) throw new NotPluggedError('thermometer');
      return current.measureTemperature();
    },
    print: async (pass) => {
      if (!current) throw new NotPluggedError('printer');
      return current.print(pass);
    },
    stop: async () => {
      off?.();
      await current?.stop();
    },
  };
}
