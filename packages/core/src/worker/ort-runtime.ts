import * as ort from 'onnxruntime-web/webgpu';
import type { OrtModule } from '../engine/ort.js';

let configuredThreads: number | undefined;

// The `webgpu` build (native WebGPU EP + WASM), not the default bundle: the default bundle's
// JSEP WebGPU path gives wrong scores (|diff| ~0.4 on the test models) for
// Gather(table, ids) + Gather(row, ids * 0), the XLM-R embedding sum; this build matches
// FlagEmbedding within 5e-7 (e2e/ort-smoke.spec.ts keeps a sentinel on the bug).

/**
 * onnxruntime-web, configured once per worker. Its `.wasm` is found beside its own bundled module
 * (`new URL(…, import.meta.url)`), i.e. on the app's own origin; `wasmPaths` overrides that, and
 * nothing here ever points at a CDN. Threads must be set before the first session: onnxruntime
 * reads `numThreads` once, and its default is 1 on a 2-core machine even when isolated.
 * Returns the thread count actually in effect.
 */
export function ortRuntime(threads: number, wasmPaths: string | undefined): { ort: OrtModule; threads: number } {
  if (configuredThreads === undefined) {
    ort.env.wasm.numThreads = threads;
    if (wasmPaths) ort.env.wasm.wasmPaths = wasmPaths;
    configuredThreads = threads;
  }
  return { ort, threads: configuredThreads };
}
