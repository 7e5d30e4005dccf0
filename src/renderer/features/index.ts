/**
 * The renderer's features, in the order their reactions run: the store assembles their event reactions and their
 * resets at the end of a visitor's session from this list (home has neither: it is a screen only).
 */
import type { RendererFeature } from '../state/feature';
import { adminFeature } from './admin/feature';
import { checkinFeature } from './checkin/feature';
import { devicesFeature } from './devices/feature';
import { gateFeature } from './gate/feature';
import { replacePhotoFeature } from './staffphoto/feature';
import { signOutFeature } from './signout/feature';
import { syncFeature } from './sync/feature';
import { walkInFeature } from './walkin/feature';

export const rendererFeatures: readonly RendererFeature[] = [
  walkInFeature,
  checkinFeature,
  signOutFeature,
  gateFeature,
  syncFeature,
  devicesFeature,
  adminFeature,
  replacePhotoFeature,
];
