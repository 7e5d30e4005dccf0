/** The Electron shell's kiosk mode, its pure decisions (issue 11): which close attempts and keys are let through. */
import { describe, expect, it } from 'vitest';
import {
  allowsWindowClose,
  blocksKey,
  initialKioskMode,
  kioskModeHolds,
  reassertsFullScreen,
  type KeyInput,
  type KioskModeState,
} from '../../../../../src/main/shells/electron/kioskMode';

const key = (k: string, mods: Partial<Omit<KeyInput, 'type' | 'key'>> = {}, type = 'keyDown'): KeyInput => ({
  type,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

const kiosk = initialKioskMode(true);
const released: KioskModeState = { ...kiosk, released: true };
const quitting: KioskModeState = { ...kiosk, quitting: true };
const developing = initialKioskMode(false);

describe('kiosk mode decisions', () => {
  it('holds from the start in kiosk mode, until an admin releases it; never in a developer’s window', () => {
    expect(kioskModeHolds(kiosk)).toBe(true);
    expect(kioskModeHolds(released)).toBe(false);
    expect(kioskModeHolds(developing)).toBe(false);
  });

  it('refuses a window close while it holds; lets it through once released, when the app quits, or when developing', () => {
    expect(allowsWindowClose(kiosk)).toBe(false);
    expect(allowsWindowClose(released)).toBe(true);
    expect(allowsWindowClose(quitting)).toBe(true);
    expect(allowsWindowClose(developing)).toBe(true);
  });

  it('puts the window back in full screen while it holds, not once released or quitting', () => {
    expect(reassertsFullScreen(kiosk)).toBe(true);
    expect(reassertsFullScreen(released)).toBe(false);
    expect(reassertsFullScreen(quitting)).toBe(false);
  });

  it.each([
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Cmd+Shift+J', key('J', { meta: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
  ])('swallows %s while it holds, not once released or when developing', (_name, input) => {
    expect(blocksKey(kiosk, input)).toBe(true);
    expect(blocksKey(released, input)).toBe(false);
    expect(blocksKey(developing, input)).toBe(false);
  });

  it.each([
    ['the admin shortcut Ctrl+Alt+A', key('a', { control: true, alt: true })],
    ['typing', key('z')],
    ['a digit', key('7')],
    ['Escape', key('Escape')],
    ['Enter', key('Enter')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['F4 alone', key('F4')],
    ['a key released', key('F11', {}, 'keyUp')],
  ])('lets %s through', (_name, input) => {
    expect(blocksKey(kiosk, input)).toBe(false);
  });
});
