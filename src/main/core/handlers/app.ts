/** The app feature's calls (src/shared/contract/app.ts): who this kiosk is, its settings. */
import type { appCalls } from '../../../shared/contract/app';
import type { HandlerTable } from './handler';

export const appHandlers: HandlerTable<typeof appCalls> = {
  'app.info': (core) => core.info(),
  'settings.get': (core) => core.publicSettings(),
  'settings.setLanguage': (core, { language }) => core.setLanguage(language),
};
