/**
 * The Electron shell's kiosk mode (issue 11), its decisions kept pure so that they are tested without Electron: a
 * kiosk window is full screen, has no menu and cannot be closed or reloaded by the person in front of it; it is left
 * only from the admin screen (admin.exitKioskMode, an admin session), after which it is an ordinary window. The
 * system stopping the app (a signal, logging out, shutting down: Electron's before-quit) is never held up.
 */

export interface KioskModeState {
  /** started in kiosk mode (PASSDESK_KIOSK is not 0) */
  readonly kiosk: boolean;
  /** the admin screen left kiosk mode */
  readonly released: boolean;
  /** the app is quitting (before-quit: a signal, the session ending, or the app's own quit) */
  readonly quitting: boolean;
}

export const initialKioskMode = (kiosk: boolean): KioskModeState => ({ kiosk, released: false, quitting: false });

/** Whether kiosk mode holds now: started in it, not released by an admin. */
export const kioskModeHolds = (s: KioskModeState): boolean => s.kiosk && !s.released;

/**
 * A window's `close` (the window manager's close button, Alt+F4, a script): allowed when kiosk mode does not hold,
 * or when the app is quitting anyway; refused otherwise.
 */
export const allowsWindowClose = (s: KioskModeState): boolean => !kioskModeHolds(s) || s.quitting;

/** The window left full screen while kiosk mode holds (a key the window manager handles): put it back. */
export const reassertsFullScreen = (s: KioskModeState): boolean => kioskModeHolds(s) && !s.quitting;

/** A key press as Electron's before-input-event describes it. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Keys that would close, reload, leave full screen or open the developer tools, swallowed while kiosk mode holds:
 * Alt+F4, Ctrl/Cmd+W, Ctrl/Cmd+Q, Ctrl/Cmd+R, F5, F11, F12, Ctrl/Cmd+Shift+I/J/C. Everything else (the admin
 * shortcut Ctrl+Alt+A, typing, Escape) reaches the page.
 */
export function blocksKey(s: KioskModeState, input: KeyInput): boolean {
  if (!kioskModeHolds(s) || input.type !== 'keyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const mod = input.control || input.meta;
  if (['F4'].includes(key) && input.alt) return true;
  if (['F5', 'F11', 'F12'].includes(key)) return true;
  if (mod && !input.alt && ['w', 'q', 'r'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  return false;
}
