/** The on-screen keyboard's context: the field it types into, whether it is open, what its keys do. */
import { createContext, useContext } from 'react';
import type { FieldKind } from './layouts';

export interface FieldBinding {
  kind: FieldKind;
  value: string;
  onChange: (value: string) => void;
  /** what Enter does (the host search searches); by default it moves to the next field */
  onEnter?: () => void;
}

export interface Registered {
  binding: FieldBinding;
  element: HTMLInputElement | null;
}

export interface ActiveField {
  id: string;
  kind: FieldKind;
  value: string;
  label: string;
  hasOwnEnter: boolean;
}

export interface KeyboardApi {
  open: boolean;
  active: ActiveField | null;
  activate: (id: string, openIt: boolean) => void;
  sync: (id: string, value: string) => void;
  register: (id: string, entry: Registered) => void;
  unregister: (id: string) => void;
  element: () => HTMLInputElement | null;
  setOpen: (open: boolean) => void;
  type: (text: string) => void;
  backspace: () => void;
  clear: () => void;
  enter: () => void;
  next: () => void;
}

export const KeyboardContext = createContext<KeyboardApi | null>(null);

export const useOnScreenKeyboard = (): KeyboardApi | null => useContext(KeyboardContext);
