/**
 * Face detection off the page's main thread: tasks-vision's FaceDetector (BlazeFace short range, CPU delegate) in
 * VIDEO mode, fed one ImageBitmap per camera frame; answers the faces (boxes in frame pixels, scores) and the blur
 * measure of the face when there is exactly one. Its wasm and model come from the app itself (no network). A classic
 * worker (vite `worker.format: 'iife'`): tasks-vision loads its wasm glue with importScripts.
 */
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import type { Detection } from './decision';
import { MODEL_FILE, WASM_DIR, type FromWorker, type ToWorker } from './protocol';
import { laplacianVariance } from './sharpness';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;
const SHARPNESS_SIDE = 128;

let detector: FaceDetector | undefined;
let lastTimestamp = -1;
let sharpCanvas: OffscreenCanvas | undefined;

async function init(assetsBase: string): Promise<void> {
  const started = performance.now();
  const fileset = await FilesetResolver.forVisionTasks(new URL(WASM_DIR, assetsBase).href);
  detector = await FaceDetector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: new URL(MODEL_FILE, assetsBase).href, delegate: 'CPU' },
    runningMode: 'VIDEO',
    minDetectionConfidence: 0.3,
  });
  scope.postMessage({ type: 'ready', loadMs: Math.round(performance.now() - started) });
}

/** The blur measure of the face region, scaled to a fixed size so the measure does not depend on the face's size. */
function sharpnessOf(bitmap: ImageBitmap, d: Detection): number | undefined {
  sharpCanvas ??= new OffscreenCanvas(SHARPNESS_SIDE, SHARPNESS_SIDE);
  const ctx = sharpCanvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(bitmap, d.box.x, d.box.y, d.box.width, d.box.height, 0, 0, SHARPNESS_SIDE, SHARPNESS_SIDE);
  return laplacianVariance(ctx.getImageData(0, 0, SHARPNESS_SIDE, SHARPNESS_SIDE).data, SHARPNESS_SIDE, SHARPNESS_SIDE);
}

function detect(bitmap: ImageBitmap, timestampMs: number): void {
  try {
    if (!detector) throw new Error('the detector is not ready');
    const started = performance.now();
    const ts = Math.max(timestampMs, lastTimestamp + 1); // VIDEO mode needs strictly increasing timestamps
    lastTimestamp = ts;
    const result = detector.detectForVideo(bitmap, ts);
    const detections: Detection[] = result.detections.flatMap((d) =>
      d.boundingBox
        ? [
            {
              score: d.categories[0]?.score ?? 0,
              box: { x: d.boundingBox.originX, y: d.boundingBox.originY, width: d.boundingBox.width, height: d.boundingBox.height },
            },
          ]
        : [],
    );
    const strong = detections.filter((d) => d.score >= 0.5);
    const sharpness = strong.length === 1 ? sharpnessOf(bitmap, strong[0]!) : undefined;
    scope.postMessage({ type: 'result', detections, width: bitmap.width, height: bitmap.height, sharpness, detectMs: performance.now() - started });
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    bitmap.close();
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'init') {
    init(message.assetsBase).catch((err: unknown) => scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  } else detect(message.bitmap, message.timestampMs);
};
