/** The app feature (src/shared/contract/app.ts): who and where this kiosk is, its settings (the language). */
import type { appCalls } from '../../../shared/contract/app';
import { KioskSettingsPublic, type Language } from '../../../shared/domain';
import type { AppInfo } from '../../../shared/ipc';
import type { KioskIdentity } from '../db/identityStore';
import { passPrintingOf, type PrinterKind } from '../devices';
import type { SettingsAccess } from '../settings';
import type { HandlerTable } from './feature';

export interface AppFeatureDeps {
  settings: SettingsAccess;
  identity: () => KioskIdentity | undefined;
  /** the site this kiosk belongs to, as last pulled */
  siteName: () => string | undefined;
  /** which shell runs the core */
  shell: AppInfo['host'];
  version: string;
  /** the printer the devices drive (they may run simulators), else the settings' */
  printerKind: () => PrinterKind;
}

export interface AppFeature {
  readonly handlers: HandlerTable<typeof appCalls>;
  info(): AppInfo;
  publicSettings(): KioskSettingsPublic;
  setLanguage(language: Language): KioskSettingsPublic;
}

export function createAppFeature(deps: AppFeatureDeps): AppFeature {
  const info = (): AppInfo => {
    const settings = deps.settings.current();
    const out: AppInfo = {
      version: deps.version,
      kioskName: settings.kioskName,
      language: settings.language,
      host: deps.shell,
      printer: passPrintingOf(deps.printerKind()),
    };
    const identity = deps.identity();
    if (identity) out.kioskId = identity.kioskId;
    const siteName = deps.siteName();
    if (siteName !== undefined) out.siteName = siteName;
    return out;
  };
  const publicSettings = (): KioskSettingsPublic => KioskSettingsPublic.parse(deps.settings.current());
  const setLanguage = (language: Language): KioskSettingsPublic => KioskSettingsPublic.parse(deps.settings.save({ ...deps.settings.current(), language }));
  return {
    handlers: {
      'app.info': () => info(),
      'settings.get': () => publicSettings(),
      'settings.setLanguage': ({ language }) => setLanguage(language),
    },
    info,
    publicSettings,
    setLanguage,
  };
}
