import type { AdminState } from './types';

export const initialAdmin = (): AdminState => ({
  mode: 'unlock',
  step: 'enter',
  pin: '',
  firstPin: '',
  notice: null,
  waitUntil: null,
  busy: false,
  error: null,
  session: null,
  section: 'devices',
  overview: null,
  staffPinSet: false,
  lockAfterS: 120,
  result: null,
  enrolment: null,
});
