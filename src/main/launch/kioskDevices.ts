/**
 * The devices of a launched kiosk: a device manager built from the kiosk's device settings (or, with
 * PASSDESK_SIMULATE_DEVICES=1, from simulators on ptys), attached to the core, which decides what of its events
 * reaches the renderer.
 */
import type { KioskDeviceSettings } from '../../shared/domain';
import { createLogger } from '../core/log';
import { createDeviceManager, isDeviceEnabled, MANAGED_KINDS, type DeviceManager } from '../devices/manager/deviceManager';
// the simulators (and the demo card, the ESC/POS decoder) load only with PASSDESK_SIMULATE_DEVICES=1 (dynamic import below)
import type { SimulatedDevices } from './simulatedDevices';

const log = createLogger('devices');

export interface KioskDevices {
  manager: DeviceManager;
  /** present with PASSDESK_SIMULATE_DEVICES=1 */
  simulated?: SimulatedDevices;
  /** filled by start() */
  banner: string[];
  /** starts the devices (the core listens to the manager already) */
  start(): Promise<void>;
  close(): Promise<void>;
}

export const wantsSimulatedDevices = (value: string | undefined): boolean => value === '1' || value?.toLowerCase() === 'true';

const noneConfigured = (d: KioskDeviceSettings): boolean => !MANAGED_KINDS.some((kind) => isDeviceEnabled(d, kind));

/** Builds the device manager for `configured` (simulators instead with PASSDESK_SIMULATE_DEVICES=1), not started yet. */
export async function openKioskDevices(configured: KioskDeviceSettings, env: { PASSDESK_SIMULATE_DEVICES?: string }): Promise<KioskDevices> {
  const simulated = wantsSimulatedDevices(env.PASSDESK_SIMULATE_DEVICES)
    ? await (await import('./simulatedDevices')).startSimulatedDevices(configured)
    : undefined;
  const banner: string[] = [];
  const manager = createDeviceManager({
    settings: simulated?.settings ?? configured,
    log: (line) => log.info(line),
  });

  return {
    manager,
    ...(simulated ? { simulated } : {}),
    banner,
    async start() {
      try {
        await manager.start();
      } catch (err) {
        await manager.stop();
        await simulated?.close();
        throw err;
      }
      if (simulated) {
        banner.push(
          `simulated ID card reader on ${simulated.readerPath}, thermometer on ${simulated.thermometerPath}, pass printer (ESC/POS) on ${simulated.printerPath}`,
        );
        banner.push(...(await import('./simulatorConsole')).simulatorCommandHelp());
      } else if (noneConfigured(configured)) {
        banner.push('no devices configured in settings.json: to try the ID card reader, the thermometer and the pass printer, start with');
        banner.push('  PASSDESK_SIMULATE_DEVICES=1 npm start   (then type "place" / "remove" here to put the demo ID card on the reader)');
      }
      for (const s of manager.list()) if (s.status !== 'disabled') banner.push(`  ${s.kind}: ${s.status}${s.address ? ` on ${s.address}` : ''}`);
    },
    async close() {
      await manager.stop();
      await simulated?.close();
    },
  };
}
