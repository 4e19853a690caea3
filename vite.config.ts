import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { coreSourceAlias } from './packages/core/source-alias.js';
import { ensureTinyModel } from './packages/testkit/src/index.js';
import { localHub } from './packages/demo/vite/local-hub.js';
import { pwa } from './packages/demo/vite/pwa.js';

// The demo app lives in packages/demo; static files (the web app manifest) come from the root
// public/, generated icons and the service worker from packages/demo/vite/pwa.ts, and the build
// goes to dist/demo at the root.
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Cross-origin isolation: SharedArrayBuffer, and with it multi-threaded WASM, exists only in a
// crossOriginIsolated page. Both servers send these headers on every response.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Where models may come from: this origin (the app, onnxruntime's .wasm, the local test models
// under /hub) and the Hugging Face hub with the CDN hosts its LFS downloads redirect to.
export const MODEL_HOSTS = [
  'https://huggingface.co',
  'https://cdn-lfs.hf.co',
  'https://cdn-lfs-us-1.hf.co',
  'https://cas-bridge.xethub.hf.co',
];

// Scripts, workers (the library's module worker and onnxruntime's pthread workers, all plain
// same-origin files: no blob: or data: workers) and styles come from the app's own origin.
// 'wasm-unsafe-eval' lets WebAssembly compile; there is no inline script or style, and no eval.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  `connect-src 'self' ${MODEL_HOSTS.join(' ')}`,
].join('; ');

// The locally served test models, hub layout: /hub/{id}/resolve/{revision}/{file}.
const TINY_DIR = fromRoot('./packages/testkit/models/tiny');
const localModels = {
  'webrerank-test/tiny': TINY_DIR,
  'webrerank-test/xlmr-tiny': fromRoot('./packages/testkit/reference/xlmr-tiny'),
};

export default defineConfig({
  root: fromRoot('./packages/demo'),
  publicDir: fromRoot('./public'),
  // No SPA fallback: a missing file (a model, a .wasm) must be a 404, not index.html with 200.
  appType: 'mpa',
  // @webrerank/core from its sources, not its dist/ (see source-alias.ts).
  resolve: { alias: [coreSourceAlias] },
  plugins: [
    // The tiny test model is generated (deterministic, < 1 s) when it is missing or stale.
    localHub({ models: localModels, headers: isolationHeaders, prepare: () => ensureTinyModel() }),
    // The service worker never holds model files: the library keeps them in IndexedDB. It
    // caches onnxruntime's webgpu build (its chunk and .asyncify.wasm) only once a visitor
    // uses it: a WASM-only visitor never downloads it (packages/demo/src/sw/sw.ts).
    pwa({
      serviceWorker: fromRoot('./packages/demo/src/sw/sw.ts'),
      exclude: ['hub/'],
      lazy: [/^assets\/ort\.webgpu\.bundle\.min-[\w-]+\.js$/, /^assets\/ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/],
    }),
  ],
  build: {
    outDir: fromRoot('./dist/demo'),
    emptyOutDir: true,
    // Two pages: Rerank (index.html) and Evaluate (evaluate.html, a BEIR folder end to end).
    rolldownOptions: {
      input: { index: fromRoot('./packages/demo/index.html'), evaluate: fromRoot('./packages/demo/evaluate.html') },
    },
  },
  optimizeDeps: {
    // Pre-bundling would move onnxruntime-web into .vite/deps, away from the .wasm its
    // new URL('ort-wasm-….wasm', import.meta.url) points at (as e2e/harness/vite.config.ts found).
    exclude: ['onnxruntime-web'],
  },
  worker: {
    // The library's worker is an ES module; so are onnxruntime's own pthread workers.
    format: 'es',
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // No CSP in dev: Vite's dev client injects CSS as <style> elements. `vite preview` (the
    // build, as deployed) sends it.
    headers: isolationHeaders,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { ...isolationHeaders, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
});
