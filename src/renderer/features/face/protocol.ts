/** The messages between the page and the face detection worker (detector.worker.ts). */
import type { Detection } from './decision';

export type ToWorker = { type: 'init'; assetsBase: string } | { type: 'frame'; bitmap: ImageBitmap; timestampMs: number };

export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'result'; detections: Detection[]; width: number; height: number; sharpness: number | undefined; detectMs: number }
  | { type: 'error'; message: string };

export { MODEL_FILE, WASM_DIR } from './assets';
