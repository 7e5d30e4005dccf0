/** The discreet way in: five taps on the top bar's logo within 3 seconds. */
export const ADMIN_TAPS = 5;
export const ADMIN_TAP_WINDOW_MS = 3000;

/** Counts taps; `tap(at)` answers true on the tap that completes `taps` within `windowMs` (and starts over). */
export function createTapCounter(taps = ADMIN_TAPS, windowMs = ADMIN_TAP_WINDOW_MS): { tap(at: number): boolean } {
  let times: number[] = [];
  return {
    tap(at) {
      times = [...times.filter((t) => at - t < windowMs), at];
      if (times.length < taps) return false;
      times = [];
      return true;
    },
  };
}

/** Ctrl+Alt+A (any layout's A key), the keyboard's way in. */
export const isAdminShortcut = (e: { ctrlKey: boolean; altKey: boolean; code: string; key: string }): boolean =>
  e.ctrlKey && e.altKey && (e.code === 'KeyA' || e.key.toLowerCase() === 'a');
