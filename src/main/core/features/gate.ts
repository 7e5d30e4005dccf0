/**
 * The gate feature (src/shared/contract/gate.ts): gate mode's scans judged offline and recorded (../gate.ts), and the
 * kiosk's start screen (home or the gate).
 */
import type { gateCalls } from '../../../shared/contract/gate';
import { KioskSettingsPublic } from '../../../shared/domain';
import { GateDesk, type GateDeps } from '../gate';
import type { SettingsAccess } from '../settings';
import type { HandlerTable } from './feature';

export interface GateFeatureDeps extends GateDeps {
  settings: SettingsAccess;
}

export interface GateFeature {
  readonly handlers: HandlerTable<typeof gateCalls>;
  readonly desk: GateDesk;
}

export function createGateFeature(deps: GateFeatureDeps): GateFeature {
  const { settings, ...deskDeps } = deps;
  const desk = new GateDesk(deskDeps);
  return {
    desk,
    handlers: {
      'gate.scan': ({ text, direction }) => desk.scan(text, direction),
      'gate.setStartScreen': ({ startScreen }) => KioskSettingsPublic.parse(settings.save({ ...settings.current(), startScreen })),
    },
  };
}
