/**
 * Opening the camera the admin chose (settings `devices.camera`, issue 10 item 1): by its deviceId when the browser
 * still lists it, else the default camera, saying so (`fellBack`) so the screen can show a note. Typed by shape, so it
 * is testable without a DOM.
 */
import type { CameraSettings } from '../../../shared/deviceSetup';
import { conditionOfError } from './camera';

/** What the camera is asked for: 640×480 or its nearest, and (chosen) this camera only. */
export interface VideoConstraints {
  width: { ideal: number };
  height: { ideal: number };
  deviceId?: { exact: string };
}

/** navigator.mediaDevices, by the shape used here; `S` is the stream (MediaStream in the page). */
export interface CameraMedia<S> {
  enumerateDevices(): Promise<readonly { kind: string; deviceId: string; label: string }[]>;
  getUserMedia(constraints: { video: VideoConstraints; audio: false }): Promise<S>;
}

export const CAMERA_SIZE: VideoConstraints = { width: { ideal: 640 }, height: { ideal: 480 } };

/** The video inputs the browser lists (labels are empty until the camera permission is granted). */
export async function listCameras(media: Pick<CameraMedia<unknown>, 'enumerateDevices'>): Promise<{ deviceId: string; label: string }[]> {
  return (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/** The constraints for the chosen camera, or undefined when it is not listed (then: the default, with a note). */
export function chosenCameraConstraints(choice: CameraSettings | undefined, listed: readonly { deviceId: string }[]): VideoConstraints | undefined {
  if (!choice?.deviceId) return undefined;
  return listed.some((c) => c.deviceId === choice.deviceId) ? { ...CAMERA_SIZE, deviceId: { exact: choice.deviceId } } : undefined;
}

/** Opens the chosen camera, or the default one; `fellBack` when a camera was chosen and is gone. */
export async function openChosenCamera<S>(media: CameraMedia<S>, choice: CameraSettings | undefined): Promise<{ stream: S; fellBack: boolean }> {
  const listed = choice?.deviceId ? await listCameras(media).catch(() => []) : [];
  const chosen = chosenCameraConstraints(choice, listed);
  if (chosen) {
    try {
      return { stream: await media.getUserMedia({ video: chosen, audio: false }), fellBack: false };
    } catch (err) {
      // the chosen one went away between listing and opening (no such camera): the default below; a refusal or a
      // camera held elsewhere is the caller's
      if (conditionOfError(err) !== 'no_camera') throw err;
    }
  }
  return { stream: await media.getUserMedia({ video: CAMERA_SIZE, audio: false }), fellBack: choice?.deviceId !== undefined };
}
