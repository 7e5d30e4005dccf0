import type { ReplacePhotoState } from './types';

export const initialReplacePhoto = (): ReplacePhotoState => ({
  step: 'find',
  phone: '',
  lookup: null,
  view: null,
  agreedAt: null,
  agreedTo: null,
  photo: null,
  replaced: null,
  refused: false,
  busy: false,
  error: null,
});
