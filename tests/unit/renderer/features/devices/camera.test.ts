/**
 * The camera's state as the page tells it (src/renderer/features/devices/camera.ts, cameraProbe.ts): ready only when
 * a video input is listed and permission is not refused; getUserMedia's failures named; the status bar's list gets
 * the page's camera in place of the core's placeholder.
 */
import { describe, expect, it } from 'vitest';
import { cameraDeviceState, cameraNoteKey, conditionOfError, withCamera } from '../../../../../src/renderer/features/devices/camera';
import { probeCamera } from '../../../../../src/renderer/features/devices/cameraProbe';

const NOW = new Date('2026-11-26T10:00:00Z');
const env = (inputs: string[], permission?: 'granted' | 'denied' | 'prompt' | 'throws') => ({
  mediaDevices: { enumerateDevices: () => Promise.resolve(inputs.map((kind) => ({ kind }))) },
  cameraPermission: () =>
    permission === 'throws' ? Promise.reject(new TypeError('no camera permission')) : Promise.resolve({ state: permission ?? 'prompt' }),
});

describe('the camera state', () => {
  it('maps each condition to a status and a note', () => {
    expect(cameraDeviceState('ready', NOW)).toMatchObject({ kind: 'camera', status: 'ready' });
    expect(cameraDeviceState('in_use', NOW)).toMatchObject({ status: 'busy' });
    expect(cameraDeviceState('no_camera', NOW)).toMatchObject({ status: 'disconnected' });
    expect(cameraDeviceState('permission_refused', NOW)).toMatchObject({ status: 'error' });
    expect(cameraNoteKey(cameraDeviceState('permission_refused', NOW))).toBe('camera.refused');
    expect(cameraNoteKey(cameraDeviceState('no_camera', NOW))).toBeUndefined();
    expect(cameraNoteKey(cameraDeviceState('ready', NOW))).toBeUndefined();
  });

  it("names getUserMedia's failures", () => {
    expect(conditionOfError({ name: 'NotAllowedError' })).toBe('permission_refused');
    expect(conditionOfError({ name: 'NotFoundError' })).toBe('no_camera');
    expect(conditionOfError({ name: 'NotReadableError' })).toBe('held_elsewhere');
    expect(conditionOfError('weird')).toBe('no_camera');
  });

  it('probes: ready with a video input, no camera without, refused when the permission is denied', async () => {
    expect(await probeCamera(env(['audioinput', 'videoinput']))).toBe('ready');
    expect(await probeCamera(env(['audioinput']))).toBe('no_camera');
    expect(await probeCamera(env(['videoinput'], 'denied'))).toBe('permission_refused');
    expect(await probeCamera(env(['videoinput'], 'throws'))).toBe('ready');
    expect(await probeCamera({})).toBe('no_camera');
  });

  it("replaces the core's camera placeholder in the status bar's list", () => {
    const core = [
      { kind: 'idReader' as const, status: 'ready' as const, updatedAt: NOW.toISOString() },
      { kind: 'camera' as const, status: 'disabled' as const, updatedAt: NOW.toISOString() },
    ];
    expect(withCamera(core, null)).toEqual(core);
    expect(withCamera(core, cameraDeviceState('ready', NOW)).map((d) => [d.kind, d.status])).toEqual([
      ['idReader', 'ready'],
      ['camera', 'ready'],
    ]);
  });
});
