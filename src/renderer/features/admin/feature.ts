import type { RendererFeature } from '../../state/feature';
import { initialAdmin } from './initialState';

/** Administration ends with the visitor's session (home, idle): the session token and what was typed are gone. */
export const adminFeature: RendererFeature = {
  name: 'admin',
  resetOnSessionEnd: () => ({ admin: initialAdmin() }),
};
