/**
 * Opening the camera the admin chose (settings `devices.camera`, issue 10 item 1): by its deviceId when the browser
 * still lists it, else the default camera, saying so (`fellBack`) so the screen can show a note. Typed by shape, so it
 * is testable without a DOM.
 */
import type { CameraSettings } from '../../../shared/deviceSetup';

export interface CameraMedia {
  enumerateDevices(): Promise<readonly { kind: string; deviceId: string; label: string }[]>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export const CAMERA_SIZE = { width: { ideal: 640 }, height: { ideal: 480 } } as const;

/** The video inputs the browser lists (labels are empty until the camera permission is granted). */
export async function listCameras(media: Pick<CameraMedia, 'enumerateDevices'>): Promise<{ deviceId: string; label: string }[]> {
  return (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/** The constraints for the chosen camera, or undefined when it is not listed (then: the default, with a note). */
export function chosenCameraConstraints(choice: CameraSettings | undefined, listed: readonly { deviceId: string }[]): MediaTrackConstraints | undefined {
  if (!choice?.deviceId) return undefined;
  return listed.some((c) => c.deviceId === choice.deviceId) ? { ...CAMERA_SIZE, deviceId: { exact: choice.deviceId } } : undefined;
}

/** Opens the chosen camera, or the default one; `fellBack` when a camera was chosen and is gone. */
export async function openChosenCamera(media: CameraMedia, choice: CameraSettings | undefined): Promise<{ stream: MediaStream; fellBack: boolean }> {
  const listed = choice?.deviceId ? await listCameras(media).catch(() => []) : [];
  const chosen = chosenCameraConstraints(choice, listed);
  if (chosen) {
    try {
      return { stream: await media.getUserMedia({ video: chosen, audio: false }), fellBack: false };
    } catch (err) {
      // the chosen one went away between listing and opening: the default below; anything else is the caller's
      if (!(err instanceof Error) || (err.name !== 'OverconstrainedError' && err.name !== 'NotFoundError')) throw err;
    }
  }
  return { stream: await media.getUserMedia({ video: CAMERA_SIZE, audio: false }), fellBack: choice?.deviceId !== undefined };
}
