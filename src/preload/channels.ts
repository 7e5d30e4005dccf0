/**
 * The Electron channel names and event list, written out without runtime imports so the sandboxed preload
 * stays self-contained. tests/kiosk/preload/channels.test.ts checks they equal the contract's electronChannel
 * and ipcEvents.
 */
import type { IpcCallName, IpcEventName } from '../shared/ipc';

export const callChannel = (name: IpcCallName): string => `passdesk:call:${name}`;
export const eventChannel = (name: IpcEventName): string => `passdesk:event:${name}`;

/** Every event name of the contract (exhaustive: a missing or extra name fails to compile). */
export const EVENT_NAMES = [
  'sync.state',
  'device.state',
  'device.idCard',
  'device.temperature',
  'device.qr',
  'bookings.changed',
  'walkin.decision',
  'settings.changed',
] as const satisfies readonly IpcEventName[];
type Missing = Exclude<IpcEventName, (typeof EVENT_NAMES)[number]>;
const _exhaustive: [Missing] extends [never] ? true : Missing = true;

export const isEventName = (name: string): name is IpcEventName => (EVENT_NAMES as readonly string[]).includes(name);
