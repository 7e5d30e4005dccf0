/**
 * A USB printer-class device (interface class 7) as a ByteTransport, through the `usb` package's WebUSB API:
 * job bytes go to the bulk OUT endpoint, status replies (DLE EOT) come from the bulk IN endpoint when there is
 * one. `address` is `usb:VVVV:PPPP` (hex) or `usb:printer` for the first printer-class device found.
 * On Linux the kernel's usblp driver is detached first. Not exercised by tests (no hardware).
 */
import { WebUSB } from 'usb';
import { ListeningTransport, type ByteTransport } from '../transport/transport';

const PRINTER_CLASS = 7;

type Device = Awaited<ReturnType<WebUSB['getDevices']>>[number];
interface Endpoint {
  endpointNumber: number;
  direction: string;
  type: string;
}

export interface UsbPrinterSelector {
  vendorId?: number;
  productId?: number;
}

export class UsbPrinterTransport extends ListeningTransport implements ByteTransport {
  readonly address: string;
  private device: Device | undefined;
  private iface = -1;
  private outEp = -1;
  private inEp = -1;
  private reading = false;

  constructor(readonly selector: UsbPrinterSelector = {}) {
    super();
    const h = (n: number) => n.toString(16).padStart(4, '0');
    this.address = selector.vendorId !== undefined && selector.productId !== undefined ? `usb:${h(selector.vendorId)}:${h(selector.productId)}` : 'usb:printer';
  }

  /** "0416:5011" or "usb:0416:5011" → selector; "" / "usb:printer" → first printer-class device */
  static fromAddress(address: string | undefined): UsbPrinterTransport {
    const m = /^(?:usb:)?([0-9a-f]{4}):([0-9a-f]{4})$/i.exec((address ?? '').trim());
    if (m) return new UsbPrinterTransport({ vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) });
    return new UsbPrinterTransport();
  }

  get isOpen(): boolean {
    return this.device?.opened === true && this.outEp >= 0;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const webusb = new WebUSB({ allowAllDevices: true });
    const devices = await webusb.getDevices();
    const { vendorId, productId } = this.selector;
    for (const dev of devices) {
      if (vendorId !== undefined && dev.vendorId !== vendorId) continue;
      if (productId !== undefined && dev.productId !== productId) continue;
      const pick = this.pickInterface(dev, vendorId !== undefined);
      if (!pick) continue;
      await dev.open();
      try {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- usb types `configuration` as always set; an unconfigured device has none
        if (!dev.configuration) await dev.selectConfiguration(1);
        try {
          await dev.detachKernelDriver(pick.iface);
        } catch {
          /* no kernel driver attached, or not Linux */
        }
        await dev.claimInterface(pick.iface);
      } catch (e) {
        await dev.close().catch(() => undefined);
        throw new Error(`USB printer ${this.address}: cannot claim interface ${pick.iface}: ${(e as Error).message}`, { cause: e });
      }
      this.device = dev;
      this.iface = pick.iface;
      this.outEp = pick.out;
      this.inEp = pick.in;
      this.readLoop(dev);
      return;
    }
    throw new Error(`USB printer ${this.address}: not found`);
  }

  private pickInterface(dev: Device, anyClass: boolean): { iface: number; out: number; in: number } | undefined {
    for (const config of dev.configurations) {
      for (const i of config.interfaces) {
        for (const alt of i.alternates) {
          if (!anyClass && alt.interfaceClass !== PRINTER_CLASS) continue;
          const eps: readonly Endpoint[] = alt.endpoints;
          const out = eps.find((e) => e.direction === 'out' && e.type === 'bulk');
          if (!out) continue;
          const inn = eps.find((e) => e.direction === 'in' && e.type === 'bulk');
          return { iface: i.interfaceNumber, out: out.endpointNumber, in: inn?.endpointNumber ?? -1 };
        }
      }
    }
    return undefined;
  }

  private readLoop(dev: Device): void {
    if (this.inEp < 0 || this.reading) return;
    this.reading = true;
    const loop = async (): Promise<void> => {
      while (this.device === dev && dev.opened) {
        try {
          const r = await dev.nativeTransferIn(this.inEp, 0, 64);
          if (r && r.length > 0) this.data.emit(Uint8Array.from(r));
        } catch (e) {
          if (this.device === dev) this.fail(e as Error);
          break;
        }
      }
      this.reading = false;
    };
    void loop();
  }

  private fail(err: Error): void {
    const dev = this.device;
    this.device = undefined;
    this.outEp = this.inEp = -1;
    void dev?.close().catch(() => undefined);
    this.closed.emit(err);
  }

  async write(data: Uint8Array): Promise<void> {
    const dev = this.device;
    if (!dev || !this.isOpen) throw new Error(`USB printer ${this.address} is not open`);
    for (let o = 0; o < data.length; o += 4096) {
      try {
        const chunk = data.slice(o, o + 4096);
        const sent = await dev.nativeTransferOut(this.outEp, 10_000, chunk);
        if (sent !== chunk.length) throw new Error(`short transfer (${sent} of ${chunk.length} bytes)`);
      } catch (e) {
        this.fail(e as Error);
        throw new Error(`USB printer ${this.address}: ${(e as Error).message}`, { cause: e });
      }
    }
  }

  async close(): Promise<void> {
    const dev = this.device;
    this.device = undefined;
    this.outEp = this.inEp = -1;
    if (!dev) return;
    await dev.releaseInterface(this.iface).catch(() => undefined);
    await dev.close().catch(() => undefined);
    this.closed.emit(undefined);
  }
}
