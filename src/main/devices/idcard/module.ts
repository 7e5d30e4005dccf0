/**
 * The ID card reader as a device module: a SAM_V reader on a serial port (configured, or found by probing), whose
 * every read is a `card` event carrying the full card and its view without the number. Holding the card, masking
 * the number and what the renderer receives are the kiosk core's.
 */
import { KioskDeviceSettings } from '../../../shared/domain';
import { defineDeviceModule, type RunningDevice } from '../module';
import { SerialTransport } from '../transport/serialTransport';
import { IdCardReaderDriver, idCardView, probeIdCardReader, type IdCard, type IdCardReaderOptions, type IdCardView } from './index';

export type IdReaderEvent = { type: 'card'; card: IdCard; view: IdCardView };
export type IdReaderTuning = Omit<IdCardReaderOptions, 'transport'>;

export const idReaderModule = defineDeviceModule<'idReader', KioskDeviceSettings['idReader'], RunningDevice, IdReaderEvent, IdReaderTuning>({
  kind: 'idReader',
  settings: KioskDeviceSettings.shape.idReader,
  enabled: (s) => s.enabled,
  claimedPort: (s) => s.port,
  detect: {
    order: 3,
    wants: (s) => !s.port,
    async probe(path, s, { timeoutMs, log }) {
      const found = await probeIdCardReader((baud) => new SerialTransport(path, baud), { timeoutMs, ...(s.baudRate ? { baudRates: [s.baudRate] } : {}) });
      if (found) log(`ID card reader found on ${path}`);
      return !!found;
    },
  },
  // eslint-disable-next-line @typescript-eslint/require-await -- open is async by contract: a throw here must reject, not throw
  async open(s, ctx, tuning) {
    const port = s.port ?? ctx.detectedPort;
    if (!port) {
      ctx.report({ status: 'disconnected', detail: 'no port configured or detected' });
      return undefined;
    }
    const driver = IdCardReaderDriver.serial(port, { ...tuning, ...(s.baudRate ? { baudRates: [s.baudRate] } : {}) });
    const offs = [
      driver.on('state', (st) => ctx.report({ status: st.status, address: port, ...(st.detail === undefined ? {} : { detail: st.detail }) })),
      driver.on('card', (card) => ctx.emit({ type: 'card', card, view: idCardView(card) })),
    ];
    driver.start();
    return {
      async stop() {
        await driver.stop();
        for (const off of offs) off();
      },
    };
  },
  unavailable: () => 'no ID card reader is connected',
});
