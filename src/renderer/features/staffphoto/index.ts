/**
 * The staff's face photo sections of the admin home (issue 10), for the admin and staff sessions: 替换注册照片, and
 * today's visitors with the photo taken at the desk (never on the visitor-facing screens).
 */
export { ReplacePhotoSection } from './ReplacePhotoSection';
export { VisitPhotosSection } from './VisitPhotosSection';
export { replacePhotoFeature } from './feature';
export { createReplacePhotoSlice } from './slice';
export { createVisitPhotosSlice } from './visitPhotosSlice';
export { initialReplacePhoto } from './initialState';
export type { ReplacePhotoFeatureState, ReplacePhotoSlice, ReplacePhotoState } from './types';
