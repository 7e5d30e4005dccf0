import type { RendererFeature } from '../../state/feature';
import { initialReplacePhoto } from './initialState';
import { initialVisitPhotos } from './visitPhotosSlice';

/**
 * The staff photo sections' reactions: an ID card read while staff look a visitor up finds them; the visitors and
 * photos shown are forgotten when the session ends.
 */
export const replacePhotoFeature: RendererFeature = {
  name: 'staffphoto',
  on: {
    'device.idCard': (card, { get }) => get().receiveReplacePhotoCard(card),
  },
  resetOnSessionEnd: () => ({ replacePhoto: initialReplacePhoto(), visitPhotos: initialVisitPhotos() }),
};
