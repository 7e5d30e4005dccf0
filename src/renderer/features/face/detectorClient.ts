/**
 * The page's side of the face detection worker: starts it with the app's own asset folder, then one frame at a time
 * (a frame is sent only when the previous answer came back, so frames never queue up behind a slow one).
 */
import type { FromWorker, ToWorker } from './protocol';

export type DetectionResult = Extract<FromWorker, { type: 'result' }>;

export interface FaceDetectorClient {
  detect(bitmap: ImageBitmap, timestampMs: number): Promise<DetectionResult>;
  close(): void;
}

export function startFaceDetector(assetsBase: string = new URL('./', document.baseURI).href): Promise<FaceDetectorClient> {
  const worker = new Worker(new URL('./detector.worker.ts', import.meta.url));
  const post = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  let pending: { resolve(r: DetectionResult): void; reject(e: Error): void } | undefined;
  return new Promise((resolve, reject) => {
    let ready = false;
    worker.onerror = (event) => {
      const error = new Error(`face detection worker failed: ${event.message}`);
      if (!ready) reject(error);
      pending?.reject(error);
      pending = undefined;
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === 'ready') {
        ready = true;
        resolve({
          detect(bitmap, timestampMs) {
            if (pending) return Promise.reject(new Error('one frame at a time'));
            return new Promise<DetectionResult>((res, rej) => {
              pending = { resolve: res, reject: rej };
              post({ type: 'frame', bitmap, timestampMs }, [bitmap]);
            });
          },
          close: () => worker.terminate(),
        });
      } else if (m.type === 'result') {
        pending?.resolve(m);
        pending = undefined;
      } else {
        const error = new Error(m.message);
        if (!ready) {
          worker.terminate();
          reject(error);
        }
        pending?.reject(error);
        pending = undefined;
      }
    };
    post({ type: 'init', assetsBase });
  });
}
