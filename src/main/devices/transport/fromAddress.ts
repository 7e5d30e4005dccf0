/**
 * One address string → a transport factory, so settings and the CLI can name any attachment:
 *   /dev/ttyUSB0, COM3          serial port (the factory takes the baud rate)
 *   usb, usb:0400:C35A          USB bulk device
 *   hid:0400:C35A, hid:/dev/hidraw3   HID device
 *   tcp:192.168.1.50:9100       raw TCP socket
 */
import { HidTransport } from './hidTransport';
import { SerialTransport } from './serialTransport';
import { TcpTransport } from './tcpTransport';
import type { ByteTransport } from './transport';
import { parseVidPid, UsbBulkTransport } from './usbBulkTransport';

export type TransportKind = 'serial' | 'usb' | 'hid' | 'tcp';

export interface TransportChoice {
  kind: TransportKind;
  /** makes a fresh, closed transport; non-serial kinds ignore the baud rate */
  factory: (baudRate: number) => ByteTransport;
  /** whether baud-rate probing means anything for this kind */
  hasBaudRate: boolean;
}

export function transportFor(address: string): TransportChoice {
  const a = address.trim();
  if (a === 'usb' || a.startsWith('usb:')) {
    const ids = a === 'usb' ? {} : parseVidPid(a.slice(4));
    return { kind: 'usb', factory: () => new UsbBulkTransport(ids), hasBaudRate: false };
  }
  if (a.startsWith('hid:')) {
    const rest = a.slice(4);
    const opts = /^[0-9a-fx]+:[0-9a-fx]+$/i.test(rest) ? parseVidPid(rest) : { path: rest };
    return { kind: 'hid', factory: () => new HidTransport(opts), hasBaudRate: false };
  }
  if (a.startsWith('tcp:')) {
    const rest = a.slice(4);
    return { kind: 'tcp', factory: () => TcpTransport.fromAddress(rest), hasBaudRate: false };
  }
  if (!a) throw new RangeError('empty device address');
  return { kind: 'serial', factory: (baud) => new SerialTransport(a, baud), hasBaudRate: true };
}
