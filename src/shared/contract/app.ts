/** The contract's app feature: who and where this kiosk is, and its settings (the language). */
import { z } from 'zod';
import { KioskSettingsPublic, Language } from '../domain';
import { SettingsErrorCode } from '../errorCodes';
import { call, Empty } from './define';

/**
 * How this kiosk prints passes: `escpos` through pass.print (a receipt printer on serial, TCP or USB), `system`
 * through the renderer's own print dialog (window.print), `none` not at all.
 */
export const PassPrinting = z.enum(['none', 'escpos', 'system']);
export type PassPrinting = z.infer<typeof PassPrinting>;

export const AppInfo = z.object({
  version: z.string(),
  kioskId: z.string().optional(),
  kioskName: z.string(),
  siteName: z.string().optional(),
  language: Language,
  /** the shell carrying the kiosk (the wire keeps the field's older name, `host`) */
  host: z.enum(['electron', 'browser']),
  /** the printer the attached devices drive (with PASSDESK_SIMULATE_DEVICES=1, the simulated one) */
  printer: PassPrinting,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app.info': call(Empty, AppInfo, 'who and where this kiosk is'),
  'settings.get': call(Empty, KioskSettingsPublic, 'the kiosk settings, without secrets'),
  'settings.setLanguage': call(z.object({ language: Language }).strict(), KioskSettingsPublic, 'switch zh-CN / en'),
} as const;

export const appEvents = {
  /** the settings changed in the core (a policy from the cloud, the admin screen): the renderer shows them at once */
  'settings.changed': KioskSettingsPublic,
} as const;

export const appContract = { calls: appCalls, events: appEvents, errors: SettingsErrorCode } as const;
