import type { ScoreOptions } from '../api.js';
import type { CrossEncoder } from '../engine/cross-encoder.js';
import type { OrtModule } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import type { Dtype } from '../model/dtype.js';
import { httpSource } from '../model/http-source.js';
import { loadCrossEncoder } from '../model/load-cross-encoder.js';
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
}

/**
 * Loads a reranker in Node from a local folder or an http(s) base URL.
 *
 * @example
 * const reranker = await loadReranker('./models/bge-reranker-base', { dtype: 'q8' });
 * console.log(await reranker.computeScore(['what is panda?', 'The giant panda is a bear.']));
 */
export async function loadReranker(model: string, options: NodeLoadOptions = {}): Promise<CrossEncoder> {
  const backend = options.backend ?? 'wasm';
  const ort = await loadOrt(backend, options.threads ?? 1);
  return loadCrossEncoder(ort, sourceFor(model), {
    dtype: options.dtype,
    defaults: options.defaults,
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
