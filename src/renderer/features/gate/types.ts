import type { GateVerdict } from '../../../shared/ipc';
import type { PassageDirection } from '../../../shared/sync';
import type { UiError } from '../../state/types';

/** The gate feature's screens. */
export type GateScreenName = 'gate';

export interface GateState {
  /** which way people go through this gate (a toggle on the screen) */
  direction: PassageDirection;
  /** what the wedge scanner or a person typed */
  text: string;
  busy: boolean;
  /** the last answer, shown full screen until it times out */
  verdict: GateVerdict | null;
  /** a failure of the call itself (not a denial) */
  error: UiError | null;
}

export interface GateFeatureState {
  gate: GateState;
  openGate(): void;
  setGateText(text: string): void;
  setGateDirection(direction: PassageDirection): void;
  /** judges the typed (or given) text at the gate */
  scanAtGate(text?: string): Promise<void>;
  /** back to scanning after a verdict */
  clearGateVerdict(): void;
  /** makes the gate (or home) the screen the kiosk starts on */
  setStartScreen(startScreen: 'home' | 'gate'): Promise<void>;
}
