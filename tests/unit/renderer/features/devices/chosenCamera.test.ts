import { describe, expect, it } from 'vitest';
import { CAMERA_SIZE, chosenCameraConstraints, openChosenCamera, type CameraMedia } from '../../../../../src/renderer/features/devices/chosenCamera';

/** A browser's media devices, by shape: the cameras it lists, what getUserMedia was asked for. */
type Asked = Parameters<CameraMedia<string>['getUserMedia']>[0];

function media(listed: string[]): CameraMedia<string> & { asked: Asked[] } {
  const asked: Asked[] = [];
  return {
    asked,
    enumerateDevices: () => Promise.resolve(listed.map((deviceId, i) => ({ kind: 'videoinput', deviceId, label: `Camera ${i + 1}` }))),
    getUserMedia(constraints) {
      asked.push(constraints);
      const exact = constraints.video.deviceId?.exact;
      if (exact !== undefined && !listed.includes(exact)) return Promise.reject(Object.assign(new Error('gone'), { name: 'OverconstrainedError' }));
      return Promise.resolve(exact ?? 'default');
    },
  };
}

describe('the camera chosen at the admin screen', () => {
  it('is asked for by its deviceId while the browser lists it', async () => {
    expect(chosenCameraConstraints({ deviceId: 'cam-2' }, [{ deviceId: 'cam-1' }, { deviceId: 'cam-2' }])).toEqual({
      ...CAMERA_SIZE,
      deviceId: { exact: 'cam-2' },
    });
    const m = media(['cam-1', 'cam-2']);
    const opened = await openChosenCamera(m, { deviceId: 'cam-2', label: 'Camera 2' });
    expect(opened.fellBack).toBe(false);
    expect(m.asked).toEqual([{ video: { ...CAMERA_SIZE, deviceId: { exact: 'cam-2' } }, audio: false }]);
  });

  it('falls back to the default camera, saying so, when the chosen one is gone', async () => {
    expect(chosenCameraConstraints({ deviceId: 'cam-9' }, [{ deviceId: 'cam-1' }])).toBeUndefined();
    const m = media(['cam-1']);
    const opened = await openChosenCamera(m, { deviceId: 'cam-9' });
    expect(opened.fellBack).toBe(true);
    expect(m.asked).toEqual([{ video: CAMERA_SIZE, audio: false }]);
  });

  it('opens the default camera without a note when none was chosen', async () => {
    const m = media(['cam-1']);
    expect((await openChosenCamera(m, {})).fellBack).toBe(false);
    expect((await openChosenCamera(m, undefined)).fellBack).toBe(false);
    expect(m.asked).toEqual([
      { video: CAMERA_SIZE, audio: false },
      { video: CAMERA_SIZE, audio: false },
    ]);
  });
});
