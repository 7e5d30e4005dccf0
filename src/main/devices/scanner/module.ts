/**
 * The QR scanner as a device module: a serial (USB-COM) scanner, or a HID-POS one named `hid:VID:PID`; every code
 * it reads is a `scan` event. Serial scanners are not auto-detected (they send nothing until they scan).
 */
import { KioskDeviceSettings } from '../../../shared/domain';
import { defineDeviceModule, type RunningDevice } from '../module';
import { HidTransport } from '../transport/hidTransport';
import { SerialTransport } from '../transport/serialTransport';
import type { ByteTransport } from '../transport/transport';
import { parseVidPid } from '../transport/usbBulkTransport';
import { ScannerDriver, type ScannerOptions } from './driver';

export type ScannerEvent = { type: 'scan'; text: string; at: Date };
export type ScannerTuning = Omit<ScannerOptions, 'transport'> & { baudRate?: number };

export const scannerModule = defineDeviceModule<'scanner', KioskDeviceSettings['scanner'], RunningDevice, ScannerEvent, ScannerTuning>({
  kind: 'scanner',
  settings: KioskDeviceSettings.shape.scanner,
  enabled: (s) => s.enabled,
  claimedPort: (s) => s.port,
  async open(s, ctx, tuning) {
    const port = s.port;
    if (!port) {
      ctx.report({ status: 'disconnected', detail: 'no port configured (serial scanners are not auto-detected)' });
      return undefined;
    }
    const { baudRate, ...rest } = tuning ?? {};
    // "hid:VID:PID" = a HID-POS scanner (usage page 0x8C) through node-hid; anything else is a serial port
    const hid = /^hid:(.+)$/i.exec(port);
    const transport: ByteTransport = hid
      ? new HidTransport({ ...parseVidPid(hid[1]!), stripReportId: false })
      : new SerialTransport(port, s.baudRate ?? baudRate ?? 9600);
    const scanner = new ScannerDriver({ ...rest, transport, framing: hid ? 'hid-pos' : (rest.framing ?? 'lines') });
    const offs = [
      scanner.on('state', (st) => ctx.report({ status: st.status, address: st.address, ...(st.detail === undefined ? {} : { detail: st.detail }) })),
      scanner.on('scan', (scan) => ctx.emit({ type: 'scan', text: scan.text, at: scan.at })),
    ];
    await scanner.start();
    return {
      async stop() {
        await scanner.stop();
        for (const off of offs) off();
      },
    };
  },
  unavailable: () => 'no QR scanner is connected',
});
