/**
 * The camera as a kiosk device. The kiosk core (Node) cannot see cameras: only the page can, through getUserMedia,
 * so the camera's state is the renderer's own, told honestly from what the browser says — never `ready` on a guess:
 * - ready: a video input is listed and the camera permission is not refused;
 * - in use: our capture has it open now (busy);
 * - no camera: no video input, or opening found none (disconnected);
 * - permission refused: the browser or the shell's permission handler said no (error);
 * - another program holds it (error).
 * It shows in the status bar beside the core's devices (the core lists the camera only as `disabled`).
 */
import type { DeviceState } from '../../../shared/ipc';

export type CameraCondition = 'ready' | 'in_use' | 'no_camera' | 'permission_refused' | 'held_elsewhere';

const STATUS: Record<CameraCondition, DeviceState['status']> = {
  ready: 'ready',
  in_use: 'busy',
  no_camera: 'disconnected',
  permission_refused: 'error',
  held_elsewhere: 'error',
};
const DETAIL: Record<CameraCondition, string> = {
  ready: 'camera ready',
  in_use: 'camera in use',
  no_camera: 'no camera found',
  permission_refused: 'camera permission refused',
  held_elsewhere: 'camera held by another program',
};

export function cameraDeviceState(condition: CameraCondition, now: Date): DeviceState {
  return { kind: 'camera', status: STATUS[condition], detail: DETAIL[condition], updatedAt: now.toISOString() };
}

/** The condition a getUserMedia failure means. */
export function conditionOfError(err: unknown): CameraCondition {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission_refused';
  if (name === 'NotReadableError' || name === 'AbortError') return 'held_elsewhere';
  return 'no_camera';
}

/**
 * The words shown inline on the camera's chip, for the conditions its status word does not say (refused, held by
 * another program); the others read from the status (就绪 / 工作中 / 未连接), the English detail on hover. Short, so
 * the status bar stays on one line.
 */
export function cameraNoteKey(device: DeviceState): 'camera.refused' | 'camera.heldElsewhere' | undefined {
  if (device.kind !== 'camera') return undefined;
  if (device.detail === DETAIL.permission_refused) return 'camera.refused';
  if (device.detail === DETAIL.held_elsewhere) return 'camera.heldElsewhere';
  return undefined;
}

/** The core's list with the camera's entry replaced by the page's own knowledge of it. */
export function withCamera(devices: readonly DeviceState[], camera: DeviceState | null): DeviceState[] {
  if (!camera) return [...devices];
  return devices.some((d) => d.kind === 'camera') ? devices.map((d) => (d.kind === 'camera' ? camera : d)) : [...devices, camera];
}
