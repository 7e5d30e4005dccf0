import { describe, expect, it } from 'vitest';
import { listHid, listSerialPorts, listUsbDevices } from '../../../../../src/main/devices/transport/discovery';
import { HidTransport } from '../../../../../src/main/devices/transport/hidTransport';
import { parseVidPid, UsbBulkTransport, UsbDeviceNotFoundError } from '../../../../../src/main/devices/transport/usbBulkTransport';

// No USB hardware is attached on the build machine: these check the "device absent" paths and the listers.
describe('USB bulk and HID transports without hardware', () => {
  it('USB bulk: a clear error when 0400:C35A is absent', async () => {
    const t = new UsbBulkTransport();
    expect(t.address).toBe('usb:0400:C35A');
    const err = await t.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UsbDeviceNotFoundError);
    expect((err as Error).message).toMatch(/^USB device 0400:C35A/);
    expect(t.isOpen).toBe(false);
    await expect(t.write(Uint8Array.of(1))).rejects.toThrow(/not open/);
  });

  it('VID:PID parsing', () => {
    expect(parseVidPid('0400:c35a')).toEqual({ vendorId: 0x0400, productId: 0xc35a });
    expect(parseVidPid('0x1a86:0x7523')).toEqual({ vendorId: 0x1a86, productId: 0x7523 });
    expect(() => parseVidPid('nope')).toThrow(/bad VID:PID/);
  });

  it('HID: a clear error when the device is absent', async () => {
    const t = new HidTransport({ vendorId: 0x0400, productId: 0xc35a });
    expect(t.address).toBe('hid:0400:C35A');
    await expect(t.open()).rejects.toThrow(/^hid:0400:C35A/);
    expect(() => new HidTransport({})).toThrow(/needs a path/);
  });

  it('listers report instead of throwing', async () => {
    for (const l of [await listSerialPorts(), await listUsbDevices(), await listHid()]) {
      if (l.ok) expect(Array.isArray(l.items)).toBe(true);
      else expect(typeof l.error).toBe('string');
    }
  });
});
