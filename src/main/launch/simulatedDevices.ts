/**
 * PASSDESK_SIMULATE_DEVICES=1: an ID card reader, a thermometer and an ESC/POS pass printer simulated in-process,
 * each on its own socat pty pair, so the device manager opens them exactly as it opens real USB-serial devices.
 * The reader starts empty; `placeCard()` puts the demo visitor's card (booking DEM0A001, 张伟) on it. The printer
 * decodes every job it is sent (`onPrinted`).
 */
import type { KioskDeviceSettings } from '../../shared/domain';
import { startSimulatedReader, type SimulatedReader } from '../devices/idcard/simPty';
import type { DecodedJob } from '../devices/printer/decoder';
import { servePrinterOnPty, type PrinterOnPty } from '../devices/printer/simulator';
import { serveThermometerOnPty, type ThermometerOnPty } from '../devices/thermometer/simulator';
import { demoVisitorCard } from './demoCard';

export interface SimulatedDevices {
  /** the kiosk's device settings with the reader, the thermometer and the printer (escpos-serial) on the simulators' ptys */
  settings: KioskDeviceSettings;
  readonly readerPath: string;
  readonly thermometerPath: string;
  readonly printerPath: string;
  /** every job the simulated printer decoded (text lines, QR payloads, images, cuts); returns the unsubscribe */
  onPrinted(listener: (job: DecodedJob) => void): () => void;
  /** what the printer's paper sensor reports from now on */
  setPaper(paper: 'ok' | 'near_end' | 'out'): void;
  placeCard(): void;
  removeCard(): void;
  /** what the thermometer reports from now on */
  setTemperature(celsius: number): void;
  readonly temperatureC: number;
  close(): Promise<void>;
}

export const SIMULATED_THERMOMETER_MODEL = 'gy' as const;

export async function startSimulatedDevices(base: KioskDeviceSettings, options: { temperatureC?: number } = {}): Promise<SimulatedDevices> {
  const reader: SimulatedReader = await startSimulatedReader();
  let thermometer: ThermometerOnPty;
  try {
    thermometer = await serveThermometerOnPty({ model: SIMULATED_THERMOMETER_MODEL, temperatureC: options.temperatureC ?? 36.5, noiseC: 0.1 });
  } catch (err) {
    await reader.close();
    throw err;
  }
  let printer: PrinterOnPty;
  try {
    printer = await servePrinterOnPty();
  } catch (err) {
    await Promise.all([reader.close(), thermometer.close()]);
    throw err;
  }
  const card = demoVisitorCard();
  return {
    settings: {
      ...base,
      idReader: { enabled: true, port: reader.path },
      thermometer: { enabled: true, port: thermometer.path, model: SIMULATED_THERMOMETER_MODEL },
      printer: { kind: 'escpos-serial', port: printer.path, paperWidthMm: base.printer.paperWidthMm },
    },
    readerPath: reader.path,
    thermometerPath: thermometer.path,
    printerPath: printer.path,
    onPrinted: (listener) => printer.sim.onJob(listener),
    setPaper: (paper) => {
      printer.sim.paper = paper;
    },
    placeCard: () => reader.insertCard(card),
    removeCard: () => reader.removeCard(),
    setTemperature: (celsius) => {
      thermometer.sim.temperatureC = celsius;
    },
    get temperatureC() {
      return thermometer.sim.temperatureC;
    },
    async close() {
      await Promise.all([reader.close(), thermometer.close(), printer.close()]);
    },
  };
}
