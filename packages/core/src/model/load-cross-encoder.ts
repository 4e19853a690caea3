import { CrossEncoder } from '../engine/cross-encoder.js';
import type { OrtModule } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import { resolveOnnxFiles } from './dtype.js';
import { openedFor } from './graph-contract.js';
import { checkModelLoadOptions, type LoadCrossEncoderOptions } from './loader-options.js';
import { readCrossEncoderConfig } from './model-config.js';
import { readTokenizer } from './read-tokenizer.js';
import { startSession } from './session.js';
import { readJson, type ModelSource } from './source.js';

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
