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

/**
 * The kiosk renderer: a static bundle the Electron shell loads from disk and the browser shell serves over
 * http://127.0.0.1. Relative base so both work; no inline scripts so the page's CSP can stay strict.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [precomputedPinyinIndex(), react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
