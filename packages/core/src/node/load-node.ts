import type { EngineWarning, RerankerKind, ScoreOptions } from '../api.js';
import type { OrtModule } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import type { Dtype } from '../model/dtype.js';
import type { ActivationQuantization } from '../model/onnx/per-token-quant.js';
import { httpSource } from '../model/http-source.js';
import { loadModel, type LoadedReranker, type RerankerOfKind } from '../model/load-model.js';
import { withSignal } from '../model/signal-source.js';
import type { ModelSource } from '../model/source.js';
import { checkSignal, raceAbort, throwIfAborted } from '../shared/abort.js';
import { checkStallTimeout } from '../store/stall-watch.js';
import { fsSource } from './fs-source.js';
import { checkNodeLoad, nodeThreads } from './load-options.js';

/** Which onnxruntime runs the model in Node: the web build's WASM (default) or the native addon. */
export type NodeBackend = 'wasm' | 'node';

/** Options of `loadReranker` in Node. */
export interface NodeLoadOptions {
  backend?: NodeBackend | undefined;
  dtype?: Dtype | 'auto' | undefined;
  /**
   * WASM threads (default 1: onnxruntime-web's threads in Node gain little and cost start-up).
   * More than the machine's cores are capped with a `THREADS_CAPPED` warning.
   */
  threads?: number | undefined;
  defaults?: ScoreOptions | undefined;
  /** Overrides the model kind config.json's `architectures` implies. */
  kind?: RerankerKind | undefined;
  /** Told about things done differently from what a call asked (dropped cutoff layers). */
  onWarning?: ((warning: EngineWarning) => void) | undefined;
  /** Layerwise models: cut the graph after the deepest requested layer (default true). */
  earlyExit?: boolean | undefined;
  /**
   * Aborts loading: the promise rejects with `ABORTED` at once, downloads in flight stop, and a
   * model that finishes loading anyway is released.
   */
  signal?: AbortSignal | undefined;
  /** An http(s) download that receives nothing for this long fails with `MODEL_FETCH_FAILED`. Default 30 000 ms. */
  stallTimeoutMs?: number | undefined;
  /** Internal, for benchmarks: `per-tensor` runs q8 graphs as exported (batch-dependent scores). Default `per-token`. */
  q8Activations?: ActivationQuantization | undefined;
}

/**
 * Loads a reranker in Node from a local folder or an http(s) base URL: a cross-encoder, a decoder
 * LLM reranker or a layerwise one, as config.json (or `kind`) says.
 *
 * @example
 * const reranker = await loadReranker('./models/bge-reranker-base', { dtype: 'q8' });
 * console.log(await reranker.computeScore(['what is panda?', 'The giant panda is a bear.']));
 * const layerwise = await loadReranker('./models/minicpm-layerwise', { kind: 'layerwise', onWarning: (w) => console.warn(w.message) });
 */
export async function loadReranker<K extends RerankerKind>(model: string, options: NodeLoadOptions & { kind: K }): Promise<RerankerOfKind[K]>;
export async function loadReranker(model: string, options?: NodeLoadOptions): Promise<LoadedReranker>;
export async function loadReranker(model: string, options: NodeLoadOptions = {}): Promise<LoadedReranker> {
  checkNodeLoad(model, options);
  const signal = checkSignal(options.signal);
  throwIfAborted(signal, 'loading');
  const stallTimeoutMs = checkStallTimeout(options.stallTimeoutMs);
  const backend = options.backend ?? 'wasm';
  const ort = await raceAbort(loadOrt(backend, nodeThreads(options.threads, options.onWarning)), signal, 'loading');
  const loading = loadModel(ort, withSignal(sourceFor(model, { stallTimeoutMs }), signal), {
    dtype: options.dtype,
    defaults: options.defaults,
    kind: options.kind,
    onWarning: options.onWarning,
    earlyExit: options.earlyExit,
    q8Activations: options.q8Activations,
    // The native addon opens files itself (and only it finds external data beside a path);
    // onnxruntime-web's Node build has no way to mount external data (Module.MountedFiles).
    modelInput: backend === 'node' ? 'path' : 'bytes',
    externalDataUnsupported: backend === 'wasm' ? 'onnxruntime-web cannot load in Node: use backend "node" (--backend node)' : undefined,
  });
  return raceAbort(loading, signal, 'loading', (late) => void late.dispose().catch(() => undefined));
}

/** A local folder or, for `http://` and `https://`, a base URL. */
export function sourceFor(model: string, options: { stallTimeoutMs?: number } = {}): ModelSource {
  return /^https?:\/\//i.test(model) ? httpSource(model, undefined, options) : fsSource(model);
}

/** Imports the chosen onnxruntime, with a clear error when the optional native addon is missing. */
export async function loadOrt(backend: NodeBackend, threads: number): Promise<OrtModule> {
  if (backend === 'node') {
    try {
      return await import('onnxruntime-node');
    } catch (error) {
      throw new RerankerError('INVALID_OPTION', 'backend "node" needs the onnxruntime-node package: install it next to @webrerank/core', { cause: error });
    }
  }
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = threads;
  return ort;
}
