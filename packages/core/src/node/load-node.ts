import type { EngineWarning, RerankerKind, ScoreOptions } from '../api.js';
import type { OrtModule } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import type { Dtype } from '../model/dtype.js';
import type { ActivationQuantization } from '../model/onnx/per-token-quant.js';
import { httpSource } from '../model/http-source.js';
import { loadModel, type LoadedReranker, type RerankerOfKind } from '../model/load-model.js';
import type { ModelSource } from '../model/source.js';
import { fsSource } from './fs-source.js';

/** Which onnxruntime runs the model in Node: the web build's WASM (default) or the native addon. */
export type NodeBackend = 'wasm' | 'node';

/** Options of `loadReranker` in Node. */
export interface NodeLoadOptions {
  backend?: NodeBackend;
  dtype?: Dtype | 'auto';
  /** WASM threads (default 1: onnxruntime-web's threads in Node gain little and cost start-up). */
  threads?: number;
  defaults?: ScoreOptions;
  /** Overrides the model kind config.json's `architectures` implies. */
  kind?: RerankerKind;
  /** Told about things done differently from what a call asked (dropped cutoff layers). */
  onWarning?: (warning: EngineWarning) => void;
  /** Layerwise models: cut the graph after the deepest requested layer (default true). */
  earlyExit?: boolean;
  /** Internal, for benchmarks: `per-tensor` runs q8 graphs as exported (batch-dependent scores). Default `per-token`. */
  q8Activations?: ActivationQuantization;
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
  const backend = options.backend ?? 'wasm';
  const ort = await loadOrt(backend, options.threads ?? 1);
  return loadModel(ort, sourceFor(model), {
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
}

/** A local folder or, for `http://` and `https://`, a base URL. */
export function sourceFor(model: string): ModelSource {
  return /^https?:\/\//i.test(model) ? httpSource(model) : fsSource(model);
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
