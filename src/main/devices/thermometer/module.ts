/**
 * The thermometer as a device module: a GY or LU module on a serial port (configured, or found by probing) that
 * measures on demand. It answers raw readings (the median, no offset): the kiosk core applies the calibration
 * offset and the threshold from its live settings.
 */
import { KioskDeviceSettings } from '../../../shared/domain';
import { defineDeviceModule, type RunningDevice } from '../module';
import { SerialTransport } from '../transport/serialTransport';
import { ThermometerDriver, probeThermometer, type ThermometerOptions } from './driver';

/** One measurement as the device gives it: the median reading, before any calibration offset. */
export interface RawTemperature {
  celsius: number;
  at: Date;
}

export interface RunningThermometer extends RunningDevice {
  measure(): Promise<RawTemperature>;
}

export type ThermometerTuning = Omit<ThermometerOptions, 'transport' | 'model' | 'thresholdC' | 'offsetC'> & { baudRate?: number };

export const thermometerModule = defineDeviceModule<'thermometer', KioskDeviceSettings['thermometer'], RunningThermometer, never, ThermometerTuning>({
  kind: 'thermometer',
  settings: KioskDeviceSettings.shape.thermometer,
  enabled: (s) => s.enabled,
  claimedPort: (s) => s.port,
  detect: {
    order: 1,
    wants: (s) => !s.port,
    async probe(path, s, { timeoutMs, tuning, log }) {
      const fixed = s.baudRate ?? tuning?.baudRate;
      const bauds = fixed ? [fixed] : s.model === 'gy' ? [9600, 115200] : [9600];
      for (const baud of bauds) {
        if (await probeThermometer(new SerialTransport(path, baud), s.model, timeoutMs)) {
          log(`thermometer (${s.model}) found on ${path} at ${baud}`);
          return true;
        }
      }
      return false;
    },
  },
  async open(s, ctx, tuning) {
    const port = s.port ?? ctx.detectedPort;
    if (!port) {
      ctx.report({ status: 'disconnected', detail: 'no port configured or detected' });
      return undefined;
    }
    const { baudRate, ...rest } = tuning ?? {};
    const driver = new ThermometerDriver({ ...rest, transport: new SerialTransport(port, s.baudRate ?? baudRate ?? 9600), model: s.model });
    const off = driver.on('state', (st) => ctx.report({ status: st.status, address: st.address, ...(st.detail === undefined ? {} : { detail: st.detail }) }));
    await driver.start();
    return {
      async measure() {
        const m = await driver.measure();
        return { celsius: m.celsius, at: m.at };
      },
      async stop() {
        await driver.stop();
        off();
      },
    };
  },
  unavailable: () => 'no thermometer is connected',
});
