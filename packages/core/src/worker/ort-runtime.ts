import type * as Ort from 'onnxruntime-web';
import type { OrtModule } from '../engine/ort.js';
import type { OrtBuild } from '../shared/device-policy.js';

// onnxruntime-web ships one build per set of execution providers, each with its own .wasm:
//  - `wasm`: the WASM EP only, ort-wasm-simd-threaded.wasm (14.2 MB in 1.30.0);
//  - `webgpu`: the native WebGPU EP + the WASM EP, ort-wasm-simd-threaded.asyncify.wasm (26.8 MB).
// The `webgpu` build, not the default bundle, is the one for WebGPU: the default bundle's
// JSEP WebGPU path gives wrong scores (|diff| ~0.4 on the test models) for
// Gather(table, ids) + Gather(row, ids * 0), the XLM-R embedding sum; this build matches
// FlagEmbedding within 5e-7 (e2e/ort-smoke.spec.ts keeps a sentinel on the bug).
// Their WASM EPs run at the same speed (docs/performance.md, "onnxruntime-web build").
//
// Each build is a dynamic import() with a literal specifier: bundlers (Vite, webpack) put each in
// its own chunk with its own .wasm asset, and a page fetches only the one it imports. A worker
// holds one model, so it imports one build.
function importBuild(build: OrtBuild): Promise<typeof Ort> {
  return build === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
}

const runtimes = new Map<OrtBuild, Promise<{ ort: OrtModule; threads: number }>>();

/**
 * The onnxruntime-web build `build`, loaded and configured once per worker. Its `.wasm` is found
 * beside its own bundled module (`new URL(…, import.meta.url)`), i.e. on the app's own origin;
 * `wasmPaths` overrides that, and nothing here ever points at a CDN. Threads must be set before
 * the first session: onnxruntime reads `numThreads` once, and its default is 1 on a 2-core
 * machine even when isolated. Returns the thread count actually in effect.
 */
export function ortRuntime(build: OrtBuild, threads: number, wasmPaths: string | undefined): Promise<{ ort: OrtModule; threads: number }> {
  let runtime = runtimes.get(build);
  if (!runtime) {
    runtime = importBuild(build).then((ort) => {
      // Each build bundles its own copy of onnxruntime-common, hence its own `env`.
      ort.env.wasm.numThreads = threads;
      if (wasmPaths) ort.env.wasm.wasmPaths = wasmPaths;
      return { ort, threads };
    });
    runtimes.set(build, runtime);
    void runtime.catch(() => runtimes.delete(build));
  }
  return runtime;
}
