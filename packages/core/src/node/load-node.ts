import type { RerankerKind } from '../api.js';
import type { OrtModule } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import { httpSource } from '../model/http-source.js';
import { loadModel, type LoadedReranker, type RerankerOfKind } from '../model/load-model.js';
import { withSignal } from '../model/signal-source.js';
import type { ModelSource } from '../model/source.js';
import { checkSignal, raceAbort, throwIfAborted } from '../shared/abort.js';
import { checkStallTimeout } from '../store/stall-watch.js';
import { fsSource } from './fs-source.js';
import { checkNodeLoad, nodeThreads, type NodeBackend, type NodeLoadOptions } from './load-options.js';

export type { NodeBackend, NodeLoadOptions } from './load-options.js';

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
