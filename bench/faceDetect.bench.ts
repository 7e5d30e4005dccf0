/**
 * Face detection's frame rate (issue 10, goal ≥ 30 fps at 640×480): the built renderer's own detection worker in
 * headless Debian Chromium (scripts/faceDetectorPage.ts, as `npm run face` loads it), fed 640×480 frames one after
 * the other as the kiosk feeds camera frames (a frame only when the previous answer came back). One sample is one
 * frame: bitmap made → worker's answer back in the page. 30 fps is 33.3 ms a frame.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openFaceDetectorPage } from '../scripts/faceDetectorPage';
import { stats, type Bench } from './types';

const FACE = fileURLToPath(new URL('../tests/support/fixtures/faces/astronaut.png', import.meta.url));
const WARM_UP = 10;

const bench: Bench = {
  name: 'face-detect-fps',
  description: 'face detection at 640×480 in the built renderer worker (headless Chromium, CPU delegate): ms per frame, goal ≥ 30 fps',
  async run({ samples = 300, log }) {
    const detector = await openFaceDetectorPage();
    try {
      const png = readFileSync(FACE);
      await detector.frameLoop(png, 'image/png', WARM_UP, 640, 480);
      const loop = await detector.frameLoop(png, 'image/png', samples, 640, 480);
      const median = stats(loop.frameMs).median;
      log(`face-detect-fps: model+wasm load ${Math.round(detector.loadMs)} ms, median ${median.toFixed(1)} ms/frame = ${(1000 / median).toFixed(1)} fps`);
      return {
        name: bench.name,
        metric: '640×480 frame → detection answer (bitmap, transfer to the worker, FaceDetector, blur measure), frames back to back',
        unit: 'ms',
        samples: loop.frameMs,
        target: { stat: 'median', max: 33.3 },
        notes: {
          fpsAtMedian: Math.round((1000 / median) * 10) / 10,
          detectorMsMedian: Math.round(stats(loop.detectMs).median * 10) / 10,
          facesPerFrame: Math.round((loop.faces / samples) * 100) / 100,
          loadMs: Math.round(detector.loadMs),
        },
      };
    } finally {
      await detector.close();
    }
  },
};
export default bench;
