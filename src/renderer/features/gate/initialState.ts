import type { GateState } from './types';

/** Scanning, entry by default; the direction is the gate's, so it survives a session's end (see feature.ts). */
export const initialGate = (direction: GateState['direction'] = 'entry'): GateState => ({ direction, text: '', busy: false, verdict: null, error: null });
