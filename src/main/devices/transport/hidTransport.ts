/**
 * A USB-HID device (node-hid) as a ByteTransport.
 *
 * ⚠️ No public source shows how ID card readers wrap SAM_V frames in HID reports (device-protocols.md §1.12 ❓).
 * This transport does the generic thing, configurable once a USB capture of the real device exists:
 *   write: split the bytes into `reportSize`-byte reports, each prefixed with `reportId` (0x00 = unnumbered,
 *          node-hid needs that leading byte) and zero-padded to the exact report length;
 *   read:  every input report is passed on (minus a leading report ID when `stripReportId`); zero padding after a
 *          frame is ignored by the SAM_V parser as noise.
 */
import HID from 'node-hid';
import { ListeningTransport, type ByteTransport } from './transport';
import { formatVidPid } from './usbBulkTransport';
import { messageOf } from '../../../shared/errorText';

export interface HidTransportOptions {
  vendorId?: number;
  productId?: number;
  /** an OS device path from `listHidDevices()`; wins over VID:PID */
  path?: string;
  /** report ID put before every output report (default 0x00) */
  reportId?: number;
  /** output report payload length, without the report ID (default 64) */
  reportSize?: number;
  /** input reports start with a report ID byte to drop (default false) */
  stripReportId?: boolean;
  nonExclusive?: boolean;
}

export class HidDeviceNotFoundError extends Error {
  override name = 'HidDeviceNotFoundError';
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  vidPid: string;
  path?: string;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
  interface: number;
}

export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  const list = await HID.devicesAsync();
  return list.map((d) => ({
    vendorId: d.vendorId,
    productId: d.productId,
    vidPid: formatVidPid(d.vendorId, d.productId),
    ...(d.path ? { path: d.path } : {}),
    ...(d.product ? { product: d.product } : {}),
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
    ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
    ...(d.usage !== undefined ? { usage: d.usage } : {}),
    interface: d.interface,
  }));
}

export class HidTransport extends ListeningTransport implements ByteTransport {
  readonly address: string;
  private device: HID.HIDAsync | undefined;

  constructor(private readonly options: HidTransportOptions) {
    super();
    if (!options.path && (options.vendorId === undefined || options.productId === undefined)) {
      throw new RangeError('HidTransport needs a path or a vendorId and productId');
    }
    this.address = options.path ? `hid:${options.path}` : `hid:${formatVidPid(options.vendorId!, options.productId!)}`;
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  async open(): Promise<void> {
    if (this.device) return;
    const o = this.options;
    let path = o.path;
    if (!path) {
      const found = await HID.devicesAsync(o.vendorId!, o.productId!).catch((e: unknown) => {
        throw new HidDeviceNotFoundError(`${this.address}: cannot enumerate HID devices (${messageOf(e)})`);
      });
      path = found.find((d) => d.path)?.path;
      if (!path)
        throw new HidDeviceNotFoundError(`${this.address} not found: is the device plugged in? (Linux: a udev rule must give this user access to hidraw)`);
    }
    let device: HID.HIDAsync;
    try {
      device = await HID.HIDAsync.open(path, o.nonExclusive ? { nonExclusive: true } : undefined);
    } catch (e) {
      throw new Error(`${this.address}: cannot open: ${messageOf(e)}`, { cause: e });
    }
    this.device = device;
    device.on('data', (buf: Buffer) => {
      const bytes = o.stripReportId ? buf.subarray(1) : buf;
      if (bytes.length) this.data.emit(new Uint8Array(bytes));
    });
    device.on('error', (e: unknown) => void this.shutdown(e instanceof Error ? e : new Error(String(e))));
  }

  async write(data: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new Error(`${this.address} is not open`);
    const size = this.options.reportSize ?? 64;
    for (let off = 0; off < data.length; off += size) {
      const report = Buffer.alloc(size + 1);
      report[0] = this.options.reportId ?? 0;
      report.set(data.subarray(off, off + size), 1);
      const n = await device.write(report);
      if (n < report.length) throw new Error(`${this.address}: wrote ${n}/${report.length} bytes of a report`);
    }
  }

  close(): Promise<void> {
    return this.shutdown(undefined);
  }

  private async shutdown(err: Error | undefined): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.device = undefined;
    device.removeAllListeners();
    await device.close().catch(() => undefined);
    this.closed.emit(err);
  }
}
