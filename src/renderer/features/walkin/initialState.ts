import type { WalkInForm, WalkInState } from './types';

export const initialWalkInForm = (): WalkInForm => ({
  name: '',
  idType: 'resident_id',
  idNumber: '',
  phone: '',
  company: '',
  title: '',
  visitType: '',
  reason: '',
  area: '',
  start: '',
  end: '',
  remarks: '',
  selfDrive: false,
  plate: '',
  belongings: '',
  overrideReason: '',
});

export const initialWalkIn = (): WalkInState => ({
  options: null,
  card: null,
  lastVisit: null,
  reusedPhone: null,
  today: null,
  form: initialWalkInForm(),
  hostQuery: '',
  hostResult: null,
  host: null,
  companions: [],
  companionCardNext: false,
  temperature: null,
  measuring: false,
  submitting: false,
  registrationId: null,
  error: null,
});
