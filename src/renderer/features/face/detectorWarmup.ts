/**
 * The detection worker started ahead of the camera: the consent screen warms it (tasks-vision's wasm and model load
 * while the visitor reads), the capture takes it over, so detection runs from the camera's first frames. One warm
 * worker at most; one nobody took within a grace period (consent refused, screen left) is closed.
 */
import { startFaceDetector, type FaceDetectorClient } from './detectorClient';

const GRACE_MS = 1500;

let warm: Promise<FaceDetectorClient> | undefined;
let coolTimer: ReturnType<typeof setTimeout> | undefined;

const cancelCooling = (): void => {
  if (coolTimer !== undefined) clearTimeout(coolTimer);
  coolTimer = undefined;
};

/** Starts the worker unless one is warm already (a failed start is dropped: the capture tries again). */
export function warmFaceDetector(): void {
  cancelCooling();
  if (warm) return;
  const started = startFaceDetector();
  warm = started;
  started.catch(() => {
    if (warm === started) warm = undefined;
  });
}

/** The warm worker is no longer wanted: closed after the grace period unless the capture takes it meanwhile. */
export function coolFaceDetector(): void {
  cancelCooling();
  coolTimer = setTimeout(() => {
    coolTimer = undefined;
    const left = warm;
    warm = undefined;
    void left?.then((d) => d.close()).catch(() => undefined);
  }, GRACE_MS);
}

/** The warm worker (now the caller's to close), or a new one. */
export function takeFaceDetector(): Promise<FaceDetectorClient> {
  cancelCooling();
  const taken = warm ?? startFaceDetector();
  warm = undefined;
  return taken;
}
