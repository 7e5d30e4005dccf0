import type { CheckinState, PassPrintState } from './types';

export const initialPassPrint = (): PassPrintState => ({ status: 'idle', error: null });

export const initialCheckin = (): CheckinState => ({
  query: '',
  searching: false,
  results: null,
  selected: null,
  staffAcknowledged: false,
  confirming: false,
  visitId: null,
  issued: null,
  error: null,
  card: null,
  readingCard: false,
  temperature: null,
  face: null,
  measuring: false,
  print: initialPassPrint(),
});
