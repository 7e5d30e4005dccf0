import type { RendererFeature } from '../../state/feature';
import { initialAdmin } from './initialState';

/**
 * The kiosk's settings as the core changes them (a policy from the cloud applies at once), and administration, which
 * ends with the visitor's session (home, idle): the session token and what was typed are gone.
 */
export const adminFeature: RendererFeature = {
  name: 'admin',
  on: {
    // a policy from the cloud (or the admin screen) is in effect at once: idle timeout, language
    'settings.changed': (settings, { set }) => set({ settings, language: settings.language }),
  },
  resetOnSessionEnd: () => ({ admin: initialAdmin() }),
};
