import { describe, expect, it } from 'vitest';
import { callChannel, EVENT_NAMES, eventChannel } from '../../../src/preload/channels';
import { electronChannel, ipcCalls, ipcEvents, type IpcCallName, type IpcEventName } from '../../../src/shared/ipc';

describe('preload channel names', () => {
  it('equal the contract for every call and event', () => {
    for (const name of Object.keys(ipcCalls) as IpcCallName[]) expect(callChannel(name)).toBe(electronChannel.call(name));
    for (const name of Object.keys(ipcEvents) as IpcEventName[]) expect(eventChannel(name)).toBe(electronChannel.event(name));
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(ipcEvents).sort());
  });
});
