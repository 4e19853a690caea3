import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo app lives in packages/demo; static files (icons, later the onnxruntime-web .wasm and
// the test model) come from the root public/, and the build goes to dist/demo at the root.
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Cross-origin isolation: SharedArrayBuffer, and with it multi-threaded WASM, exists only in a
// crossOriginIsolated page. Both servers send these headers on every response.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Everything (scripts, workers, the .wasm, model files) comes from the app's own origin.
// 'wasm-unsafe-eval' lets WebAssembly compile; no inline script, no eval.
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";

export default defineConfig({
  root: fromRoot('./packages/demo'),
  publicDir: fromRoot('./public'),
  // No SPA fallback: a missing file (a model, a .wasm) must be a 404, not index.html with 200.
  appType: 'mpa',
  build: {
    outDir: fromRoot('./dist/demo'),
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    headers: isolationHeaders,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy },
  },
});
