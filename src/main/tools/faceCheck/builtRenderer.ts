/**
 * The built renderer's face detection files (vite.renderer.config.ts puts them there): the worker
 * (assets/detector.worker-<hash>.js), tasks-vision's wasm and the model under mediapipe/. What `npm run face` and the
 * face benches load; when something is missing, which and the command that builds it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILE, WASM_DIR } from '../../../renderer/features/face/assets';

export const BUILD_COMMAND = 'npm run build:renderer';

export function findBuiltWorker(rendererDir: string): { ok: true; worker: string } | { ok: false; message: string } {
  const build = `run \`${BUILD_COMMAND}\` first`;
  const missing = ['index.html', MODEL_FILE, `${WASM_DIR}/vision_wasm_internal.wasm`, `${WASM_DIR}/vision_wasm_internal.js`].filter(
    (f) => !existsSync(join(rendererDir, f)),
  );
  if (missing.length > 0) return { ok: false, message: `the renderer is not built (${rendererDir} lacks ${missing.join(', ')}): ${build}` };
  const assets = join(rendererDir, 'assets');
  const worker = existsSync(assets) ? readdirSync(assets).find((f) => /^detector\.worker-[\w-]+\.js$/.test(f)) : undefined;
  if (!worker) return { ok: false, message: `the renderer in ${rendererDir} has no face detection worker (assets/detector.worker-*.js): ${build}` };
  return { ok: true, worker: `assets/${worker}` };
}
