/**
 * The pass printer as a device module: an ESC/POS printer on serial (configured, or found by probing), TCP or USB
 * that prints raw jobs or passes rendered for the configured paper; a `system` printer is the renderer's (print
 * dialog) and only reports ready.
 */
import { KioskDeviceSettings } from '../../../shared/domain';
import { defineDeviceModule, type RunningDevice } from '../module';
import { SerialTransport } from '../transport/serialTransport';
import { EscPosPrinter, createPrinterTransport, probePrinter, type PrintResult } from './driver';
import { passLayout, renderPassJob, type PassLayout, type PassPrintData } from './passJob';

export interface RunningPrinter extends RunningDevice {
  /** prints raw ESC/POS bytes, or a pass rendered for the configured paper width */
  print(job: Uint8Array | PassPrintData): Promise<PrintResult>;
}

export interface PrinterTuning {
  baudRate?: number;
  statusTimeoutMs?: number;
  layout?: Partial<Omit<PassLayout, 'paperWidthMm'>>;
}

export const printerModule = defineDeviceModule<'printer', KioskDeviceSettings['printer'], RunningPrinter, never, PrinterTuning>({
  kind: 'printer',
  settings: KioskDeviceSettings.shape.printer,
  enabled: (s) => s.kind !== 'none',
  claimedPort: (s) => s.port,
  detect: {
    order: 2,
    wants: (s) => s.kind === 'escpos-serial' && !s.port,
    async probe(path, s, { timeoutMs, tuning, log }) {
      const found = await probePrinter(new SerialTransport(path, s.baudRate ?? tuning?.baudRate ?? 9600), timeoutMs);
      if (found) log(`ESC/POS printer found on ${path}`);
      return found;
    },
  },
  async open(s, ctx, tuning) {
    if (s.kind === 'system') {
      ctx.report({ status: 'ready', address: 'system', detail: 'printed by the operating system' });
      return undefined;
    }
    const port = s.port ?? (s.kind === 'escpos-serial' ? ctx.detectedPort : undefined);
    const transport = createPrinterTransport({ ...s, ...(port ? { port } : {}), baudRate: s.baudRate ?? tuning?.baudRate });
    if (!transport) {
      ctx.report({ status: 'disconnected', detail: 'no printer address configured or detected' });
      return undefined;
    }
    const printer = new EscPosPrinter({ transport, ...(tuning?.statusTimeoutMs ? { statusTimeoutMs: tuning.statusTimeoutMs } : {}) });
    const off = printer.on('state', (st) =>
      ctx.report({
        status: st.status,
        address: st.address,
        ...(st.detail === undefined ? {} : { detail: st.detail }),
        paper: st.paper,
      }),
    );
    await printer.start();
    return {
      // a printer without raster (settings `raster: false`) prints the pass without its photo
      print: (job) =>
        printer.print(job instanceof Uint8Array ? job : renderPassJob(job, passLayout(s.paperWidthMm, { raster: s.raster !== false, ...tuning?.layout }))),
      async stop() {
        await printer.stop();
        off();
      },
    };
  },
  unavailable: (s) => (s.kind === 'system' ? 'system printing is done by the host, not the device manager' : 'no ESC/POS printer is connected'),
});
