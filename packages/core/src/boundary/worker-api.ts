import type { Pair, RerankerKind, ScoreOptions } from '../api.js';
import type { Dtype } from '../model/dtype.js';
import type { ActivationQuantization } from '../model/onnx/per-token-quant.js';
import type { RerankerEvent } from '../protocol.js';
import type { DeviceRequest } from '../shared/device-policy.js';

/** What the page asks the worker to load. Plain data: it crosses the boundary by structured clone. */
export interface WorkerLoadConfig {
  model: string;
  /** Overrides the kind config.json implies (cross-encoder, llm, layerwise). */
  kind: RerankerKind | undefined;
  host: string | undefined;
  revision: string | undefined;
  device: DeviceRequest;
  dtype: Dtype | 'auto';
  threads: number | undefined;
  cache: 'indexeddb' | 'none';
  defaults: ScoreOptions | undefined;
  /** Where onnxruntime-web's .wasm/.mjs files are, if not beside its bundled module (same origin). */
  wasmPaths: string | undefined;
  /** No data for this long (ms) fails a download; undefined: the default (30 s). */
  stallTimeoutMs: number | undefined;
  /** q8 activations per token (default) or per tensor as exported (benchmarks only). */
  q8Activations?: ActivationQuantization | undefined;
}

/** What a loaded reranker reports about itself (`info()`). */
export interface RerankerInfo {
  model: string;
  /** cross-encoder (bge-reranker-base/-large/-v2-m3), llm (v2-gemma) or layerwise (v2-minicpm-layerwise). */
  kind: RerankerKind;
  /** Base URL the files came from, and each file with where its bytes came from. */
  baseUrl: string;
  files: { path: string; bytes: number; from: 'network' | 'cache' }[];
  device: 'webgpu' | 'wasm';
  dtype: Dtype;
  threads: number;
  /** Every option not used, and why (no adapter, no shader-f16, not cross-origin isolated, …). */
  rejected: { device: string; dtype?: string; reason: string }[];
  timings: { downloadMs: number; sessionMs: number; totalMs: number };
}

/**
 * Scores of one call: one array per layer. `layered` is true when a layerwise model was asked
 * for several layers (the caller then gets one list per layer); otherwise `scores` has one array.
 */
export interface WorkerScores {
  scores: Float64Array[];
  layered: boolean;
}

/**
 * The API the worker exposes over comlink; the page holds a `Remote<WorkerApi>`. Scores come
 * back as transferred Float64Arrays (no copy); errors as RerankerError with their code.
 */
export interface WorkerApi {
  /** Holds the named Web Lock for the worker's lifetime, so the page learns when it dies. */
  hello(lockName: string): Promise<void>;
  load(config: WorkerLoadConfig, onEvent: (event: RerankerEvent) => void): Promise<RerankerInfo>;
  score(callId: number, pairs: readonly Pair[], options: ScoreOptions | undefined): Promise<WorkerScores>;
  /** Stops call `callId` at its next batch boundary. */
  cancel(callId: number): void;
  dispose(): Promise<void>;
}
