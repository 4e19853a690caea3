import type { CallOptions, Pair, RankCallOptions, RankDocument, RankResult, RerankerKind, ScoreOptions } from '../api.js';
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
 * A call's options as they cross: plain data. The signal and onProgress stay on the page and
 * ride on the call's port (boundary/call-port-messages.ts).
 */
export type WireOptions<O extends CallOptions> = Omit<O, 'signal' | 'onProgress'>;

/**
 * The API the worker exposes over comlink; the page holds a `Remote<WorkerApi>`. Past `load`,
 * it is the Reranker interface (`computeScore`, `rank`, `rankStream`, `dispose`) served by the
 * same facade as in Node, so input checks and result shapes happen once, in the worker. Each
 * call takes its own transferred MessagePort for abort, progress and partial rankings; errors
 * come back as RerankerError with their code.
 */
export interface WorkerApi {
  /** Holds the named Web Lock for the worker's lifetime, so the page learns when it dies. */
  hello(lockName: string): Promise<void>;
  load(config: WorkerLoadConfig, onEvent: (event: RerankerEvent) => void): Promise<RerankerInfo>;
  computeScore(input: Pair | readonly Pair[], options: WireOptions<CallOptions> | undefined, port?: MessagePort): Promise<number | number[] | number[][]>;
  rank(query: string, documents: readonly RankDocument[], options: WireOptions<RankCallOptions> | undefined, port?: MessagePort): Promise<RankResult<RankDocument>[]>;
  /** Runs `rankStream`, posting each partial ranking on the port (then `end`). */
  rankStream(query: string, documents: readonly RankDocument[], options: WireOptions<RankCallOptions> | undefined, port: MessagePort): Promise<void>;
  dispose(): Promise<void>;
}
