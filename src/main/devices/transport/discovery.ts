/**
 * What is attached: serial ports (serialport), USB devices (usb) and HID devices (node-hid). Each lister reports
 * its own failure instead of throwing, so one missing subsystem (no /sys/bus/usb in a container) does not hide the
 * others.
 */
import { SerialPort } from 'serialport';
import { usb } from 'usb';
import { listHidDevices, type HidDeviceInfo } from './hidTransport';
import { DEFAULT_IDCARD_USB, formatVidPid } from './usbBulkTransport';
import { messageOf } from '../../../shared/errorText';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  pnpId?: string;
}

export interface UsbDeviceInfo {
  vendorId: number;
  productId: number;
  vidPid: string;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  /** a known kiosk device kind for this VID:PID, if any */
  knownAs?: string;
}

/**
 * The ports SerialPort.list() reports. Its declared element type (@serialport/bindings-interface's PortInfo) does not
 * resolve through serialport's own declarations, so the fields the kiosk reads are typed here, once.
 */
export function listRawSerialPorts(): Promise<SerialPortInfo[]> {
  return SerialPort.list() as Promise<SerialPortInfo[]>;
}

export type Listing<T> = { ok: true; items: T[] } | { ok: false; error: string };

/** Runs one lister; its failure becomes `{ ok: false, error }`. */
async function listing<T>(list: () => Promise<T[]>): Promise<Listing<T>> {
  try {
    return { ok: true, items: await list() };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}

export function listSerialPorts(): Promise<Listing<SerialPortInfo>> {
  return listing(async () =>
    (await listRawSerialPorts()).map((p) => ({
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
      ...(p.pnpId ? { pnpId: p.pnpId } : {}),
    })),
  );
}

const KNOWN_USB: ReadonlyMap<string, string> = new Map([
  [formatVidPid(DEFAULT_IDCARD_USB.vendorId, DEFAULT_IDCARD_USB.productId), 'ID card reader (SAM_V over USB bulk)'],
]);

export function listUsbDevices(): Promise<Listing<UsbDeviceInfo>> {
  return listing(async () =>
    (await usb.getDevices()).map((d) => {
      const vidPid = formatVidPid(d.vendorId, d.productId);
      const known = KNOWN_USB.get(vidPid);
      return {
        vendorId: d.vendorId,
        productId: d.productId,
        vidPid,
        ...(d.productName ? { product: d.productName } : {}),
        ...(d.manufacturerName ? { manufacturer: d.manufacturerName } : {}),
        ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
        ...(known ? { knownAs: known } : {}),
      };
    }),
  );
}

export function listHid(): Promise<Listing<HidDeviceInfo>> {
  return listing(listHidDevices);
}
