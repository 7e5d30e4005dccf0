/** Which built renderer files `npm run face` needs, and the message naming the build command when they are missing. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBuiltWorker } from '../../../../../src/main/tools/faceCheck/builtRenderer';

const dirs: string[] = [];
const touch = (dir: string, file: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), '');
};

describe('the built renderer for the face check', () => {
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('an empty folder is not built: names what is missing and npm run build:renderer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-renderer-'));
    dirs.push(dir);
    const found = findBuiltWorker(dir);
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.message).toContain('npm run build:renderer');
      expect(found.message).toContain('mediapipe/face_detection_short_range.tflite');
    }
    expect(findBuiltWorker(join(dir, 'nowhere'))).toMatchObject({ ok: false });
  });

  it('finds the hashed worker once the model and wasm are there, and not before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-renderer-'));
    dirs.push(dir);
    for (const f of [
      'index.html',
      'mediapipe/face_detection_short_range.tflite',
      'mediapipe/wasm/vision_wasm_internal.wasm',
      'mediapipe/wasm/vision_wasm_internal.js',
    ])
      touch(dir, f);
    expect(findBuiltWorker(dir)).toMatchObject({ ok: false, message: expect.stringContaining('no face detection worker') });
    touch(dir, 'assets/index-abc.js');
    touch(dir, 'assets/detector.worker-BTUx8ygn.js');
    expect(findBuiltWorker(dir)).toEqual({ ok: true, worker: 'assets/detector.worker-BTUx8ygn.js' });
  });
});
