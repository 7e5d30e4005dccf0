import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The visitors' and hosts' web app (issue 13 item 5): a static bundle the cloud serves under /app/ (src/cloud/routes/
 * webApp.ts). Absolute base /app/ (client routes such as /app/host/inbox load the same hashed assets); no inline
 * script, style or data: asset, so the page's CSP can forbid them all; hashed files under assets/ (cached immutable).
 */
export default defineConfig({
  root: fromRoot('./src/webapp'),
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fromRoot('./out/webapp'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
