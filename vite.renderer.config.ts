import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { PINYIN_INDEX } from './src/renderer/components/keyboard/pinyinDictionary';

const PINYIN_DICTIONARY = fileURLToPath(new URL('./src/renderer/components/keyboard/pinyinDictionary.ts', import.meta.url));

/**
 * The Chinese keyboard's pinyin index is computed here, at build time, from pinyin-pro: the module that computes it
 * is replaced by its value, so its lazily loaded chunk holds the index alone and pinyin-pro stays out of the page.
 */
function precomputedPinyinIndex(): Plugin {
  return {
    name: 'passdesk-precomputed-pinyin-index',
    enforce: 'pre',
    transform(_code, id) {
      if (id.split('?')[0] !== PINYIN_DICTIONARY.split('\\').join('/')) return null;
      return { code: `export const PINYIN_INDEX = ${JSON.stringify(PINYIN_INDEX)};\n`, map: null };
    },
  };
}

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Face detection's runtime files, served by the app itself (never a CDN): tasks-vision's wasm and its loader (the
 * pinned package's), and the face model with metadata (assets/models, PROVENANCE.md there), at the paths
 * src/renderer/features/face/protocol.ts names.
 */
function faceDetectionAssets(): Plugin {
  const files: Record<string, string> = {
    'mediapipe/wasm/vision_wasm_internal.js': 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.js',
    'mediapipe/wasm/vision_wasm_internal.wasm': 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.wasm',
    'mediapipe/face_detection_short_range.tflite': 'assets/models/face_detection_short_range_with_metadata.tflite',
  };
  return {
    name: 'passdesk-face-detection-assets',
    apply: 'build',
    generateBundle() {
      for (const [fileName, source] of Object.entries(files)) this.emitFile({ type: 'asset', fileName, source: readFileSync(fromRoot(`./${source}`)) });
    },
  };
}

/**
 * The kiosk renderer: a static bundle the Electron shell loads from disk and the browser shell serves over
 * http://127.0.0.1. Relative base so both work; no inline scripts so the page's CSP can stay strict. The face
 * detection worker is a classic script (tasks-vision loads its wasm glue with importScripts).
 */
export default defineConfig({
  root: fromRoot('./src/renderer'),
  base: './',
  plugins: [precomputedPinyinIndex(), react(), faceDetectionAssets()],
  worker: { format: 'iife' },
  build: {
    outDir: fromRoot('./out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
