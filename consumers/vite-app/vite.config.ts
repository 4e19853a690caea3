// What a user adds to create-vite's vanilla-ts template to use @webrerank/core (the README's
// "A Vite app" shows the same). Both `vite build` + `vite preview` and the dev server are checked
// with exactly this (run.sh); no optimizeDeps setting is needed (Vite 8.4).
import { defineConfig } from 'vite'

// Cross-origin isolation: onnxruntime's WASM runs on every core only with SharedArrayBuffer,
// i.e. in a crossOriginIsolated page. Without these headers it runs on one thread.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  // Required: the library's worker imports onnxruntime's build for the device with import(),
  // and onnxruntime starts its threads as module workers. With Vite's default ('iife') the
  // build succeeds, but onnxruntime's threads start the worker's file instead of its own and
  // the load fails with SESSION_CREATE_FAILED naming this setting (run.sh checks that too).
  worker: { format: 'es' },
})
