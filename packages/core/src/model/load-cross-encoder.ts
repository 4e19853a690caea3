import type { ScoreOptions } from '../api.js';
import { CrossEncoder } from '../engine/cross-encoder.js';
import type { OrtModule, OrtSessionOptions } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import { resolveOnnxFiles, type Dtype } from './dtype.js';
import { openedFor } from './graph-contract.js';
import { checkModelLoadOptions } from './load-options.js';
import type { ActivationQuantization } from './onnx/per-token-quant.js';
import { readCrossEncoderConfig } from './model-config.js';
import { readTokenizer } from './read-tokenizer.js';
import { startSession } from './session.js';
import { readJson, type ModelSource } from './source.js';

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

/**
 * Loads a Hugging Face-layout cross-encoder folder (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model*.onnx and external data) from any source into a reranker
 * that runs on the given onnxruntime module.
 *
 * @example
 * import * as ort from 'onnxruntime-web';
 * const reranker = await loadCrossEncoder(ort, httpSource('https://example.com/bge-reranker-base'), { dtype: 'q8' });
 */
export async function loadCrossEncoder(ort: OrtModule, source: ModelSource, options: LoadCrossEncoderOptions = {}): Promise<CrossEncoder> {
  checkModelLoadOptions(options, 'loadCrossEncoder options');
  return crossEncoderFromConfig(ort, source, await readJson(source, 'config.json'), options, true);
}

/**
 * Loads a cross-encoder whose config.json is already read. `checkArchitecture: false` (an explicit
 * `kind`) skips the `*ForSequenceClassification` test but still requires one output label.
 */
export async function crossEncoderFromConfig(
  ort: OrtModule,
  source: ModelSource,
  configJson: unknown,
  options: LoadCrossEncoderOptions,
  checkArchitecture: boolean,
): Promise<CrossEncoder> {
  const config = readCrossEncoderConfig(configJson, checkArchitecture);
  const files = resolveOnnxFiles(options.dtype, config.transformersJs, options.fallbackDtype ?? 'fp32');
  if (files.externalData.length > 0 && options.externalDataUnsupported) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `${files.graph} keeps its weights in external data, which ${options.externalDataUnsupported}`);
  }
  const pending = startSession(ort, source, files, options);
  const { tokenizer, padTokenId } = await pending.alongside(readTokenizer(source).then((tokenizer) => {
    const padTokenId = config.padTokenId ?? tokenizer.padTokenId;
    if (padTokenId === undefined) throw new RerankerError('MODEL_NOT_SUPPORTED', 'neither config.json nor the tokenizer names a pad token');
    return { tokenizer, padTokenId };
  }));
  const session = await openedFor(await pending.open(), 'cross-encoder', files.graph);
  return new CrossEncoder({ ort, session, tokenizer, padTokenId, maxSequenceLength: config.maxSequenceLength, defaults: options.defaults });
}
