import { availableParallelism } from 'node:os';
import type { EngineWarning, RerankerKind, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import { LOAD_CHECKS } from '../shared/load-checks.js';
import { checkOptions, type OptionChecks } from '../shared/option-checks.js';
import { capThreads } from '../shared/threads.js';
import type { Dtype } from '../model/dtype.js';
import type { ActivationQuantization } from '../model/onnx/per-token-quant.js';

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

// Every option of loadReranker (score `defaults` are checked by the engine).
const { backend, dtype, threads, defaults, kind, onWarning, earlyExit, signal, stallTimeoutMs, q8Activations } = LOAD_CHECKS;
const NODE_LOAD_CHECKS: OptionChecks<NodeLoadOptions> = { backend, dtype, threads, defaults, kind, onWarning, earlyExit, signal, stallTimeoutMs, q8Activations };

/**
 * Checks `loadReranker`'s arguments before anything is read: the model must be a folder path or
 * URL string and every option known and of the right type (INVALID_OPTION otherwise, where an
 * untyped TypeError or a silently ignored typo came out before).
 */
export function checkNodeLoad(model: unknown, options: unknown): asserts options is NodeLoadOptions | undefined {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new RerankerError('INVALID_OPTION', `loadReranker takes a model folder or an http(s) URL as a string, got ${typeof model === 'string' ? 'an empty string' : typeof model}`);
  }
  checkOptions(options, NODE_LOAD_CHECKS, 'loadReranker options');
}

/** The WASM thread count: the one asked for (default 1), capped at the cores with a THREADS_CAPPED warning. */
export function nodeThreads(requested: number | undefined, onWarning: ((warning: EngineWarning) => void) | undefined): number {
  const { threads, warning } = capThreads(requested ?? 1, availableParallelism());
  if (warning) onWarning?.({ code: 'THREADS_CAPPED', message: warning });
  return threads;
}
