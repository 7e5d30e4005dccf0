/**
 * Asking the browser about the camera without opening it: the camera permission (when the browser can say) and the
 * video inputs listed. Given the browser's objects by useCameraProbe (typed here by shape, so it is testable
 * without a DOM).
 */
import type { CameraCondition } from './camera';

export interface CameraEnvironment {
  mediaDevices?: { enumerateDevices(): Promise<readonly { kind: string }[]> };
  /** asks for the camera permission's state */
  cameraPermission?: () => Promise<{ state: string }>;
}

/** What the browser says about the camera without opening it. */
export async function probeCamera(env: CameraEnvironment): Promise<CameraCondition> {
  if (!env.mediaDevices) return 'no_camera';
  try {
    const permission = await env.cameraPermission?.();
    if (permission?.state === 'denied') return 'permission_refused';
  } catch {
    // no camera permission query in this browser: opening will tell
  }
  const inputs = (await env.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  return inputs.length > 0 ? 'ready' : 'no_camera';
}
