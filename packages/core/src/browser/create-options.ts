import type { CallOptions, RankLimits, RerankerKind, ScoreOptions } from '../api.js';
import type { Dtype } from '../model/dtype.js';
import type { ActivationQuantization } from '../model/onnx/per-token-quant.js';
import type { ProgressEvent, RerankerEvent } from '../protocol.js';
import type { DeviceRequest } from '../shared/device-policy.js';

/** Options of `createReranker`. */
export interface CreateRerankerOptions {
  /** A hub id (`BAAI/bge-reranker-v2-m3`; BAAI's ids map to their public ONNX exports) or the base URL of a model folder. */
  model: string;
  /** Which kind of reranker the folder holds. Default: read from config.json's `architectures`. */
  kind?: RerankerKind | undefined;
  /** A host with the hub's `/{id}/resolve/{revision}/{file}` layout. Default `https://huggingface.co`. */
  host?: string | undefined;
  /** Branch, tag or commit; a branch may hold slashes (`refs/pr/1`). Default `main`. */
  revision?: string | undefined;
  /** `auto` (default): WebGPU when the browser has an adapter, else WASM. */
  device?: DeviceRequest | undefined;
  /** `auto` (default): fp16 on WebGPU with shader-f16, fp32 on other WebGPU, q8 on WASM. */
  dtype?: Dtype | 'auto' | undefined;
  /**
   * WASM threads. Default: the core count when cross-origin isolated, else 1. More than the core
   * count (or 64) is capped, with a `THREADS_CAPPED` warning event.
   */
  threads?: number | undefined;
  /** `indexeddb` (default): weights are kept for the next visit and for offline use. `none`: always download. */
  cache?: 'indexeddb' | 'none' | undefined;
  /** Defaults of every call (normalize, maxLength, instructions, …). */
  defaults?: ScoreOptions | undefined;
  /** Download progress, per file and overall. */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** Every event: progress, warnings (quota, no WebGPU, no threads, threads capped), the device chosen. */
  onEvent?: ((event: RerankerEvent) => void) | undefined;
  /** Aborts loading (`ABORTED`). */
  signal?: AbortSignal | undefined;
  /**
   * A download that receives nothing (not even its response headers) for this long fails with
   * `MODEL_FETCH_FAILED` instead of waiting forever. Default 30 000 ms; `Infinity` never gives up.
   */
  stallTimeoutMs?: number | undefined;
  /**
   * Starts the worker. Default: the library's own module worker. Pass your own to control
   * bundling: `() => new Worker(new URL('./reranker.worker.ts', import.meta.url), { type: 'module' })`
   * with a worker file that calls `exposeReranker()`.
   */
  worker?: (() => Worker) | undefined;
  /**
   * Where onnxruntime-web's `.wasm` files are served, if not beside its bundled module. Same origin
   * by default. Serve both there: `ort-wasm-simd-threaded.wasm` (its `wasm` build, used unless
   * WebGPU is tried) and `ort-wasm-simd-threaded.asyncify.wasm` (its `webgpu` build).
   */
  wasmPaths?: string | undefined;
  /**
   * Internal, for benchmarks: `per-tensor` runs a q8 graph's activation quantization as exported
   * (a pair's score then depends on its batch). Default `per-token`.
   */
  q8Activations?: ActivationQuantization | undefined;
}

// One call's options are the same everywhere (Node's engines take the signal too).
export type { CallOptions } from '../api.js';

/** Options of `rank` and `rankStream`: a call's, plus `topK`, `returnDocuments` and `rankFields` (RankLimits, as in Node). */
export interface RankOptions extends CallOptions, RankLimits {}
