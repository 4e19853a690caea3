// The options of the runtime-neutral loaders (loadModel, loadCrossEncoder): their types and their
// checks. The loaders import these; nothing here imports a loader.
import type { EngineWarning, RerankerKind, ScoreOptions } from '../api.js';
import type { OrtSessionOptions } from '../engine/ort.js';
import { DTYPES, type Dtype } from './dtype.js';
import type { ActivationQuantization } from './onnx/per-token-quant.js';
import { LOAD_CHECKS } from '../shared/load-checks.js';
import { checkOptions, isObject, isString, oneOf, type OptionChecks } from '../shared/option-checks.js';

/** How to load a cross-encoder. */
export interface LoadCrossEncoderOptions {
  /** Which ONNX file: `auto` (default) takes config.json's `transformers.js_config.dtype`, else `fallbackDtype`. */
  dtype?: Dtype | 'auto' | undefined;
  /** The dtype `auto` falls back to. Default `fp32`, the exact one. */
  fallbackDtype?: Dtype | undefined;
  /** Passed to `InferenceSession.create` (execution providers, threads, optimisation level). */
  sessionOptions?: OrtSessionOptions | undefined;
  /** Defaults for every `computeScore` call, like FlagReranker's constructor arguments. */
  defaults?: ScoreOptions | undefined;
  /**
   * `bytes` (default): the graph and its external data are read from the source and handed over
   * in memory. `path`: a local source's files are opened by path (onnxruntime-node finds the
   * external data next to the graph itself; it cannot take external data as bytes).
   */
  modelInput?: 'bytes' | 'path' | undefined;
  /** Set when the runtime cannot load external data at all, with the reason to report. */
  externalDataUnsupported?: string | undefined;
  /**
   * Internal, for measurements: how q8 (int8, uint8) graphs quantize activations. `per-token`
   * (default) rewrites the graph at load so each token has its own scale and a pair's score
   * does not depend on the rest of its batch; `per-tensor` runs the graph as exported.
   */
  q8Activations?: ActivationQuantization | undefined;
}

/** How to load any reranker: the cross-encoder options, plus the model kind and what only LLM rerankers use. */
export interface LoadModelOptions extends LoadCrossEncoderOptions {
  /** Overrides the kind config.json's `architectures` implies (see detectModelKind). */
  kind?: RerankerKind | undefined;
  /** Told about things done differently from what a call asked, without failing it (dropped cutoff layers). */
  onWarning?: ((warning: EngineWarning) => void) | undefined;
  /**
   * Layerwise models: run only the layers up to the deepest requested one, from a graph cut there
   * (default `true`). Each distinct cut is a session of its own, holding its own copy of the
   * weights up to that layer; `false` keeps one session of the full graph.
   */
  earlyExit?: boolean | undefined;
}

const { dtype, defaults, kind, onWarning, earlyExit, q8Activations } = LOAD_CHECKS;
// Every option of loadModel / loadCrossEncoder (the runtime-neutral loaders).
const MODEL_LOAD_CHECKS: OptionChecks<LoadModelOptions> = {
  dtype, defaults, kind, onWarning, earlyExit, q8Activations,
  fallbackDtype: oneOf(DTYPES),
  sessionOptions: isObject,
  modelInput: oneOf(['bytes', 'path']),
  externalDataUnsupported: isString,
};

/**
 * Checks the options of `loadModel` and `loadCrossEncoder` (INVALID_OPTION for an unknown key or
 * a wrong value), with the same checks as `loadReranker` and `createReranker`.
 */
export function checkModelLoadOptions(options: unknown, what: string): void {
  checkOptions<LoadModelOptions>(options, MODEL_LOAD_CHECKS, what);
}
