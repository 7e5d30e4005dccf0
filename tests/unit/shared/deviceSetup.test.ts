import { describe, expect, it } from 'vitest';
import {
  BAUD_RATES,
  DeviceChoice,
  DevicePort,
  matchKnownDevice,
  portsFor,
  shapeHidDevice,
  shapeSerialPort,
  vidPidOf,
  type DeviceDetection,
} from '../../../src/shared/deviceSetup';

const refusal = (input: unknown): string => {
  const r = DeviceChoice.safeParse(input);
  if (r.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return r.error.issues.map((i) => i.message).join('; ');
};

describe('device setup: a device choice', () => {
  it('takes the ports a kiosk has: /dev devices, COM ports, hid:VID:PID', () => {
    for (const port of ['/dev/ttyUSB0', '/dev/pts/3', '/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0', 'COM3', '\\\\.\\COM12', 'hid:0c2e:0b61'])
      expect(DevicePort.parse(port)).toBe(port);
    expect(DeviceChoice.parse({ kind: 'idReader', enabled: true, port: ' /dev/ttyUSB1 ', baudRate: 115200 })).toEqual({
      kind: 'idReader',
      enabled: true,
      port: '/dev/ttyUSB1',
      baudRate: 115200,
    });
  });

  it('refuses hostile port strings with a message that says what a port is', () => {
    expect(refusal({ kind: 'idReader', enabled: true, port: '../../etc/passwd' })).toMatch(/\.\.|\/dev/);
    expect(refusal({ kind: 'idReader', enabled: true, port: '/dev/../etc/passwd' })).toContain('may not climb folders');
    expect(refusal({ kind: 'scanner', enabled: true, port: '/dev/ttyS0\u0000' })).toContain('control characters');
    expect(refusal({ kind: 'thermometer', enabled: true, model: 'gy', port: '/etc/passwd' })).toContain('a device under /dev');
    expect(refusal({ kind: 'idReader', enabled: true, port: '/dev/tty; rm -rf /' })).toContain('a device under /dev');
    expect(refusal({ kind: 'idReader', enabled: true, port: `/dev/${'a'.repeat(200)}` })).toContain('160');
    expect(refusal({ kind: 'idReader', enabled: true, port: '' })).toContain('empty');
  });

  it('refuses hostile printer hosts and USB addresses, and hostile camera ids and labels (every text field of the screen)', () => {
    const host = (h: string) => refusal({ kind: 'printer', printerKind: 'escpos-tcp', paperWidthMm: 80, host: h });
    for (const h of ['printer.local; rm -rf /', 'http://printer.local', '\u202Eevil.local', '<img src=x>', '$(reboot)', 'a'.repeat(130), 'printer local'])
      expect(host(h), h).toMatch(/host name or IP|120/);
    const usb = (p: string) => refusal({ kind: 'printer', printerKind: 'escpos-usb', paperWidthMm: 58, port: p });
    for (const p of ['0416:50111', '0416:5011; ls', 'zzzz:5011']) expect(usb(p), p).not.toBe('');
    expect(refusal({ kind: 'camera', deviceId: 'abc\u0000', label: 'ok' })).toContain('not allowed');
    expect(refusal({ kind: 'camera', deviceId: 'x'.repeat(257) })).not.toBe('');
    expect(refusal({ kind: 'camera', deviceId: 'abc', label: 'cam\u202Eevil' })).toContain('bidirectional');
  });

  it('refuses a baud rate outside the allowed set, and numbers out of range', () => {
    expect(refusal({ kind: 'idReader', enabled: true, baudRate: 12345 })).toBe(`the baud rate must be one of ${BAUD_RATES.join(', ')}`);
    expect(refusal({ kind: 'thermometer', enabled: true, model: 'gy', baudRate: -9600 })).toContain('baud rate');
    expect(refusal({ kind: 'printer', printerKind: 'escpos-serial', paperWidthMm: 100 })).toContain('58 or 80');
    expect(refusal({ kind: 'printer', printerKind: 'escpos-tcp', paperWidthMm: 80, host: 'printer.local:70000' })).toContain('1 to 65535');
    expect(refusal({ kind: 'thermometer', enabled: true, model: 'xx' })).not.toBe('');
    expect(refusal({ kind: 'camera', deviceId: 'abc', label: '<script>' })).toContain('not allowed');
    // unknown fields are refused, not dropped
    expect(refusal({ kind: 'scanner', enabled: true, command: 'x' })).not.toBe('');
  });
});

describe('device setup: matching what the machine lists', () => {
  it('knows the SAM_V reader, the HID-POS scanners and the USB-serial bridges', () => {
    expect(vidPidOf('0400', 'C35A')).toBe('0400:c35a');
    expect(vidPidOf(0x1a86, 0x7523)).toBe('1a86:7523');
    expect(vidPidOf(undefined, '7523')).toBeUndefined();
    expect(vidPidOf('zz', '7523')).toBeUndefined();
    expect(matchKnownDevice({ vendorId: '0400', productId: 'c35a' })).toEqual({ kinds: ['idReader'], note: 'SAM_V ID card reader (USB)' });
    expect(matchKnownDevice({ vendorId: 0x05e0, productId: 0x1200, usagePage: 0x8c })?.kinds).toEqual(['scanner']);
    expect(matchKnownDevice({ vendorId: '1a86', productId: '7523' })?.note).toBe('CH340 USB-serial');
    expect(matchKnownDevice({ vendorId: '046d', productId: 'c52b' })).toBeUndefined();
    expect(matchKnownDevice({})).toBeUndefined();
  });

  it('shapes ports and HID devices, and lists the likely ones first for a kind', () => {
    const ttyS0 = shapeSerialPort({ path: '/dev/ttyS0' });
    expect(ttyS0).toEqual({ path: '/dev/ttyS0', likely: [] });
    const ch340 = shapeSerialPort({ path: '/dev/ttyUSB0', manufacturer: 'QinHeng', vendorId: '1a86', productId: '7523' });
    expect(ch340.likely).toContain('thermometer');
    const scanner = shapeHidDevice({ vendorId: 0x05e0, productId: 0x1200, product: 'Scanner', usagePage: 0x8c });
    expect(scanner).toMatchObject({ address: 'hid:05e0:1200', vidPid: '05e0:1200', likely: ['scanner'] });
    const detection: DeviceDetection = {
      serialPorts: { ok: true, items: [ttyS0, ch340] },
      hidDevices: { ok: true, items: [scanner] },
      systemPrinters: { items: [], reason: 'no printer is set up in CUPS' },
    };
    expect(portsFor('thermometer', detection).map((p) => p.address)).toEqual(['/dev/ttyUSB0', '/dev/ttyS0']);
    expect(portsFor('scanner', detection).map((p) => p.address)).toEqual(['/dev/ttyUSB0', 'hid:05e0:1200', '/dev/ttyS0']);
    expect(portsFor('idReader', { ...detection, serialPorts: { ok: false, error: 'no /sys' } })).toEqual([]);
  });
});
