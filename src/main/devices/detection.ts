/**
 * What the machine has, for the admin screen's devices section (issue 11): the serial ports SerialPort.list()
 * reports, the HID devices node-hid lists and the system printers CUPS' lpstat lists, each shaped and matched against our models (src/shared/deviceSetup.ts).
 * Each lister fails on its own (node-hid not loadable, no /sys in a container): its list is then empty with the
 * reason, and the others still answer. node-hid is loaded only when asked, so a kiosk without it still starts.
 */
import { SerialPort } from 'serialport';
import { DeviceDetection, shapeHidDevice, shapeSerialPort, type SystemPrinterListing } from '../../shared/deviceSetup';
import { messageOf } from '../../shared/errorText';
import { listSystemPrinters } from './printer/systemPrinters';
import type { SerialPortInfo } from './transport/discovery';

export interface HidListing {
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
  usagePage?: number;
}

export interface DetectionListers {
  serialPorts?: () => Promise<SerialPortInfo[]>;
  hidDevices?: () => Promise<HidListing[]>;
  /** never rejects: an empty list says why (./printer/systemPrinters.ts) */
  systemPrinters?: () => Promise<SystemPrinterListing>;
}

/** node-hid's devices, or a rejection saying why node-hid cannot be used here. */
export async function listHidWithNodeHid(): Promise<HidListing[]> {
  let hid: { devicesAsync(): Promise<HidListing[]> };
  try {
    const loaded = (await import('node-hid')) as unknown as { default?: typeof hid } & typeof hid;
    hid = loaded.default ?? loaded;
  } catch (err) {
    throw new Error(`node-hid cannot be loaded: ${messageOf(err)}`, { cause: err });
  }
  return hid.devicesAsync();
}

const listSerial = () => SerialPort.list() as Promise<SerialPortInfo[]>; // PortInfo does not resolve through serialport's types (discovery.ts)

async function listing<T, U>(list: () => Promise<T[]>, shape: (item: T) => U): Promise<{ ok: true; items: U[] } | { ok: false; error: string }> {
  try {
    return { ok: true, items: (await list()).map(shape) };
  } catch (err) {
    return { ok: false, error: messageOf(err).slice(0, 400) };
  }
}

/** Lists and matches what is attached; never throws. */
export async function detectDevices(listers: DetectionListers = {}): Promise<DeviceDetection> {
  const [serialPorts, hidDevices, systemPrinters] = await Promise.all([
    listing(listers.serialPorts ?? listSerial, shapeSerialPort),
    listing(listers.hidDevices ?? listHidWithNodeHid, shapeHidDevice),
    (listers.systemPrinters ?? listSystemPrinters)(),
  ]);
  return DeviceDetection.parse({
    serialPorts,
    // one entry per HID device (node-hid lists each interface of a device)
    hidDevices: hidDevices.ok ? { ok: true, items: [...new Map(hidDevices.items.map((d) => [`${d.vidPid}:${d.usagePage ?? ''}`, d])).values()] } : hidDevices,
    systemPrinters,
  });
}
