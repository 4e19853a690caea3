import type { RerankerKind, ScoreOptions } from '../api.js';
import type { Dtype } from '../model/dtype.js';
import type { ActivationQuantization } from '../model/onnx/per-token-quant.js';
import type { ProgressEvent, RerankerEvent } from '../protocol.js';
import type { DeviceRequest } from '../shared/device-policy.js';

/** Options of `createReranker`. */
export interface CreateRerankerOptions {
  /** A hub id (`BAAI/bge-reranker-v2-m3`; BAAI's ids map to their public ONNX exports) or the base URL of a model folder. */
  model: string;
  /** Which kind of reranker the folder holds. Default: read from config.json's `architectures`. */
  kind?: RerankerKind;
  /** A host with the hub's `/{id}/resolve/{revision}/{file}` layout. Default `https://huggingface.co`. */
  host?: string;
  /** Branch, tag or commit. Default `main`. */
  revision?: string;
  /** `auto` (default): WebGPU when the browser has an adapter, else WASM. */
  device?: DeviceRequest;
  /** `auto` (default): fp16 on WebGPU with shader-f16, fp32 on other WebGPU, q8 on WASM. */
  dtype?: Dtype | 'auto';
  /** WASM threads. Default: the core count when cross-origin isolated, else 1. */
  threads?: number;
  /** `indexeddb` (default): weights are kept for the next visit and for offline use. `none`: always download. */
  cache?: 'indexeddb' | 'none';
  /** Defaults of every call (normalize, maxLength, instructions, …). */
  defaults?: ScoreOptions;
  /** Download progress, per file and overall. */
  onProgress?: (event: ProgressEvent) => void;
  /** Every event: progress, warnings (quota, no WebGPU, no threads), the device chosen. */
  onEvent?: (event: RerankerEvent) => void;
  /** Aborts loading (`ABORTED`). */
  signal?: AbortSignal;
  /**
   * Starts the worker. Default: the library's own module worker. Pass your own to control
   * bundling: `() => new Worker(new URL('./reranker.worker.ts', import.meta.url), { type: 'module' })`
   * with a worker file that calls `exposeReranker()`.
   */
  worker?: () => Worker;
  /** Where onnxruntime-web's `.wasm` files are served, if not beside its bundled module. Same origin by default. */
  wasmPaths?: string;
  /**
   * Internal, for benchmarks: `per-tensor` runs a q8 graph's activation quantization as exported
   * (faster, but a pair's score then depends on its batch). Default `per-token`.
   */
  q8Activations?: ActivationQuantization;
}

/** Options of one call on a browser reranker: the engine's, plus an AbortSignal. */
export interface CallOptions extends ScoreOptions {
  /** Stops the call at the next batch boundary; the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/** Options of `rank`. */
export interface RankOptions extends CallOptions {
  /** Keep only the best `topK` results. Default: all. */
  topK?: number;
  /** Include each passage's text in its result. Default false. */
  returnDocuments?: boolean;
}
