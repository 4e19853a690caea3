import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { HARNESS_PORT } from '../support/origins.js';

// Dev server for the browser-test harness pages: every e2e/harness/<name>.html is a page.
// Never built; Playwright starts it (playwright.config.ts).
const fromRoot = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  root: fromRoot('e2e/harness'),
  cacheDir: fromRoot('node_modules/.vite-harness'),
  publicDir: false,
  appType: 'mpa', // a missing file is a 404, not index.html
  server: {
    host: '127.0.0.1',
    port: HARNESS_PORT,
    strictPort: true,
    // crossOriginIsolated: SharedArrayBuffer, hence multi-threaded WASM.
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
    // Pages import packages/core/src and the workspace's node_modules.
    fs: { strict: true, allow: [fromRoot('.')] },
    hmr: false, // tests drive the pages; a reload in the middle of a test would only hurt
  },
  optimizeDeps: {
    // Pre-bundling moves onnxruntime-web into .vite/deps, where its
    // new URL('ort-wasm-simd-threaded.jsep.wasm', import.meta.url) finds no .wasm.
    exclude: ['onnxruntime-web'],
    // Scan every page up front, so a dependency found late does not reload a page mid-test.
    entries: ['*.html'],
  },
  // Module workers (the harness and onnxruntime's own pthread workers use import).
  worker: { format: 'es' },
});
