/**
 * The devices feature (src/shared/contract/devices.ts): every device's state, a temperature reading; and for the
 * other features, the held ID cards and the pass printer, through the core's device desk (../devices.ts) when the
 * kiosk has devices, honestly "not configured" when it has none.
 */
import type { devicesCalls } from '../../../shared/contract/devices';
import { IpcCallError, type DeviceState, type TemperatureReading } from '../../../shared/ipc';
import { allDeviceStates, printPassOn, type DeviceDesk, type HeldIdCard, type PassPrintRequest, type PrinterKind } from '../devices';
import type { HandlerTable } from './feature';

export interface DevicesFeatureDeps {
  /** the core's policy over its devices; undefined when the kiosk was given none */
  desk: DeviceDesk | undefined;
  now: () => Date;
  /** the printer setting passes are printed with when there is no desk */
  printerKind: () => PrinterKind;
}

/** The cards read and held for the visitor's session. */
export interface HeldCards {
  /** the card held under `cardRef`; IpcCallError card_expired when none is */
  heldCard(cardRef: string): HeldIdCard;
  /** forgets every card held (the visitor's session ended); answers how many were */
  releaseCards(): number;
  /** the next card read is a companion's: the cards held now stay held with it */
  keepCardsForNextRead(): void;
}

export interface DevicesFeature extends HeldCards {
  readonly handlers: HandlerTable<typeof devicesCalls>;
  /** one state per device kind */
  list(): DeviceState[];
  readTemperature(): Promise<TemperatureReading>;
  /** prints a pass on the ESC/POS printer; answers the printer's address */
  print(pass: PassPrintRequest): Promise<{ printer: string }>;
}

export function createDevicesFeature(deps: DevicesFeatureDeps): DevicesFeature {
  const { desk } = deps;
  const feature: Omit<DevicesFeature, 'handlers'> = {
    list: () => allDeviceStates(desk?.devices, deps.now()),
    heldCard(cardRef) {
      if (!desk) throw new IpcCallError('card_expired', 'the ID card read is no longer held by the kiosk; place the card again');
      return desk.heldCard(cardRef);
    },
    releaseCards: () => desk?.releaseCards() ?? 0,
    keepCardsForNextRead: () => desk?.keepCardsForNextRead(),
    async readTemperature() {
      if (!desk) throw new IpcCallError('device_unavailable', 'the thermometer is not ready (not configured)');
      return desk.readTemperature();
    },
    print: (pass) => (desk ? desk.printPass(pass) : printPassOn(undefined, deps.printerKind(), pass)),
  };
  return {
    ...feature,
    handlers: {
      'devices.list': () => ({ devices: feature.list() }),
      'devices.readTemperature': () => feature.readTemperature(),
    },
  };
}
