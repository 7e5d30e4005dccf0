/// <reference types="w3c-web-usb" />
/**
 * A vendor-class USB bulk device (the `usb` package, libusb-free nusb backend) as a ByteTransport.
 * The ID card readers at `0400:C35A` carry SAM_V frames over bulk endpoints (device-protocols.md §1.12), in one of
 * two public patterns:
 *   - one bulk OUT and one bulk IN endpoint (the default: found from the interface descriptor);
 *   - [C15] IDRUSB: the 7-byte header out on EP 0x02 and the rest on EP 0x06, replies on EP 0x81 (header) and
 *     0x85 (body): pass `splitWrite: { headerBytes: 7, headerEndpoint: 2, bodyEndpoint: 6 }` and `inEndpoints: [1, 5]`.
 * Endpoint numbers are without the direction bit (0x81 → 1).
 */
import { usb } from 'usb';
import { ListeningTransport, type ByteTransport } from './transport';
import { messageOf } from '../../../shared/errorText';

export interface UsbBulkTransportOptions {
  /** default 0x0400 */
  vendorId?: number;
  /** default 0xC35A */
  productId?: number;
  /** pick one device among several with the same VID:PID */
  serialNumber?: string;
  /** the interface to claim (default: the first with bulk IN and OUT endpoints) */
  interfaceNumber?: number;
  /** bulk OUT endpoint number (default: the interface's first bulk OUT) */
  outEndpoint?: number;
  /** bulk IN endpoints to read (default: the interface's first bulk IN) */
  inEndpoints?: number[];
  /** write the first `headerBytes` of every write to one endpoint and the rest to another */
  splitWrite?: { headerBytes: number; headerEndpoint: number; bodyEndpoint: number };
  /** bytes asked for per IN transfer (default 4096; replies come in 64-byte packets) */
  readSize?: number;
}

export const DEFAULT_IDCARD_USB = { vendorId: 0x0400, productId: 0xc35a } as const;

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
export const formatVidPid = (vid: number, pid: number): string => `${hex4(vid)}:${hex4(pid)}`;

/** "0400:C35A" → { vendorId, productId } */
export function parseVidPid(text: string): { vendorId: number; productId: number } {
  const m = /^\s*(?:0x)?([0-9a-f]{1,4})\s*:\s*(?:0x)?([0-9a-f]{1,4})\s*$/i.exec(text);
  if (!m) throw new RangeError(`bad VID:PID "${text}" (want e.g. 0400:C35A)`);
  return { vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
}

export class UsbDeviceNotFoundError extends Error {
  override name = 'UsbDeviceNotFoundError';
}

export class UsbBulkTransport extends ListeningTransport implements ByteTransport {
  readonly address: string;
  private readonly vendorId: number;
  private readonly productId: number;
  private device: USBDevice | undefined;
  private claimed: number | undefined;
  private reading = false;
  private onDisconnect: ((ev: USBConnectionEvent) => void) | undefined;

  constructor(private readonly options: UsbBulkTransportOptions = {}) {
    super();
    this.vendorId = options.vendorId ?? DEFAULT_IDCARD_USB.vendorId;
    this.productId = options.productId ?? DEFAULT_IDCARD_USB.productId;
    this.address = `usb:${formatVidPid(this.vendorId, this.productId)}${options.serialNumber ? `/${options.serialNumber}` : ''}`;
  }

  get isOpen(): boolean {
    return this.device?.opened === true && this.reading;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const id = formatVidPid(this.vendorId, this.productId);
    let device: USBDevice | undefined;
    try {
      device = this.options.serialNumber ? await usb.findDeviceBySerial(this.options.serialNumber) : await usb.findDeviceByIds(this.vendorId, this.productId);
    } catch (e) {
      throw new UsbDeviceNotFoundError(`USB device ${id}: cannot enumerate USB devices (${messageOf(e)})`);
    }
    if (!device || (this.options.serialNumber && (device.vendorId !== this.vendorId || device.productId !== this.productId))) {
      throw new UsbDeviceNotFoundError(
        `USB device ${id} not found: is the reader plugged in? (Linux: a udev rule must give this user access; Windows: it needs a WinUSB driver)`,
      );
    }
    try {
      await device.open();
      if (device.configuration === null) await device.selectConfiguration(1);
      const ifc = this.pickInterface(device);
      await device.claimInterface(ifc.interfaceNumber);
      this.claimed = ifc.interfaceNumber;
      const eps = ifc.alternate.endpoints.filter((e) => e.type === 'bulk');
      const outEp = this.options.outEndpoint ?? eps.find((e) => e.direction === 'out')?.endpointNumber;
      const inEps =
        this.options.inEndpoints ??
        eps
          .filter((e) => e.direction === 'in')
          .slice(0, 1)
          .map((e) => e.endpointNumber);
      if (outEp === undefined && !this.options.splitWrite) throw new Error('no bulk OUT endpoint');
      if (inEps.length === 0) throw new Error('no bulk IN endpoint');
      this.outEndpoint = outEp;
      this.inEps = inEps;
      this.device = device;
    } catch (e) {
      await device.close().catch(() => undefined);
      throw new Error(`USB device ${id}: cannot open: ${messageOf(e)}`, { cause: e });
    }
    this.onDisconnect = (ev) => {
      if (ev.device === this.device) void this.shutdown(new Error(`USB device ${id} was unplugged`));
    };
    usb.addEventListener('disconnect', this.onDisconnect);
    this.reading = true;
    for (const ep of this.inEps) void this.readLoop(device, ep);
  }

  private outEndpoint: number | undefined;
  private inEps: number[] = [];

  private pickInterface(device: USBDevice): USBInterface {
    const ifcs = device.configuration?.interfaces ?? [];
    const wanted = this.options.interfaceNumber;
    const ifc =
      wanted !== undefined
        ? ifcs.find((i) => i.interfaceNumber === wanted)
        : (ifcs.find((i) => i.alternate.endpoints.some((e) => e.type === 'bulk' && e.direction === 'in')) ?? ifcs[0]);
    if (!ifc) throw new Error(wanted !== undefined ? `no interface ${wanted}` : 'no interfaces');
    return ifc;
  }

  private async readLoop(device: USBDevice, endpoint: number): Promise<void> {
    const size = this.options.readSize ?? 4096;
    while (this.reading && this.device === device) {
      try {
        const r = await device.transferIn(endpoint, size);
        if (r.status === 'stall') {
          await device.clearHalt('in', endpoint);
          continue;
        }
        if (r.data && r.data.byteLength > 0) {
          this.data.emit(new Uint8Array(r.data.buffer.slice(r.data.byteOffset, r.data.byteOffset + r.data.byteLength)));
        }
      } catch (e) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may have stopped the reading while the transfer was awaited
        if (this.reading && this.device === device) await this.shutdown(e instanceof Error ? e : new Error(String(e)));
        return;
      }
    }
  }

  async write(data: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device || !this.isOpen) throw new Error(`${this.address} is not open`);
    const split = this.options.splitWrite;
    const send = async (ep: number, bytes: Uint8Array): Promise<void> => {
      if (bytes.length === 0) return;
      // a copy on its own ArrayBuffer: with the DOM lib (the Electron build) WebUSB's BufferSource refuses a view over ArrayBufferLike
      const r = await device.transferOut(ep, new Uint8Array(bytes));
      if (r.status !== 'ok' || r.bytesWritten !== bytes.length) {
        throw new Error(`${this.address}: bulk OUT ${ep} wrote ${r.bytesWritten}/${bytes.length} bytes (${r.status})`);
      }
    };
    if (split) {
      await send(split.headerEndpoint, data.subarray(0, split.headerBytes));
      await send(split.bodyEndpoint, data.subarray(split.headerBytes));
    } else {
      await send(this.outEndpoint!, data);
    }
  }

  async close(): Promise<void> {
    await this.shutdown(undefined);
  }

  private async shutdown(err: Error | undefined): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.reading = false;
    this.device = undefined;
    if (this.onDisconnect) usb.removeEventListener('disconnect', this.onDisconnect);
    this.onDisconnect = undefined;
    try {
      if (this.claimed !== undefined) await device.releaseInterface(this.claimed);
    } catch {
      /* unplugged */
    }
    this.claimed = undefined;
    await device.close().catch(() => undefined);
    this.closed.emit(err);
  }
}
