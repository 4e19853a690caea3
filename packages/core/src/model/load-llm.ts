import { decoderScoreOutput, DecoderReranker } from '../engine/decoder-reranker.js';
import { layerOutputName } from '../engine/layer-sessions.js';
import { LayerwiseReranker } from '../engine/layerwise-reranker.js';
import { yesTokenId } from '../engine/llm-inputs.js';
import type { LlmModelParts } from '../engine/llm-parts.js';
import type { OrtModule } from '../engine/ort.js';
import { RerankerError } from '../errors.js';
import { resolveOnnxFiles, type OnnxFiles } from './dtype.js';
import { openedFor } from './graph-contract.js';
import { layerSessions, type OpenCutSession } from './cut-sessions.js';
import { readLayerRange, readLlmConfig } from './llm-config.js';
import type { LoadModelOptions } from './loader-options.js';
import { pruneOnnxModel } from './onnx/prune.js';
import { readTokenizer } from './read-tokenizer.js';
import { readExternalData, readGraph, sessionFromBytes, startSession, type PendingSession } from './session.js';
import type { ModelSource } from './source.js';

/**
 * Loads a decoder LLM reranker (FlagLLMReranker: bge-reranker-v2-gemma) whose config.json is
 * already read. The graph must have `logits` [batch, seq, vocab] or `yes_logits` [batch, seq].
 *
 * @example
 * const reranker = await decoderFromConfig(ort, source, configJson, { dtype: 'fp32' });
 */
export async function decoderFromConfig(ort: OrtModule, source: ModelSource, configJson: unknown, options: LoadModelOptions): Promise<DecoderReranker> {
  const { parts, files, pending } = await llmParts(ort, source, configJson, options);
  const session = await openedFor(await pending.open(), 'llm', files.graph);
  try {
    const output = decoderScoreOutput(session.outputNames, yesTokenId(parts.tokenizer.encode));
    return new DecoderReranker({ ...parts, session, output });
  } catch (error) {
    await session.release();
    throw error;
  }
}

/**
 * Loads a layerwise reranker (LayerWiseFlagLLMReranker: bge-reranker-v2-minicpm-layerwise) whose
 * config.json is already read. The graph must have `layer_<k>_logits` [batch, seq] outputs, at
 * least the one of the last layer (`num_hidden_layers`).
 *
 * @example
 * const reranker = await layerwiseFromConfig(ort, source, configJson, { onWarning: (w) => log(w.message) });
 */
export async function layerwiseFromConfig(ort: OrtModule, source: ModelSource, configJson: unknown, options: LoadModelOptions): Promise<LayerwiseReranker> {
  const range = readLayerRange(configJson);
  const { parts, files, pending } = await llmParts(ort, source, configJson, options);
  const full = await openedFor(await pending.open(), 'layerwise', files.graph);
  if (!full.outputNames.includes(layerOutputName(range.numHiddenLayers))) {
    await full.release();
    throw new RerankerError(
      'MODEL_NOT_SUPPORTED',
      `a layerwise reranker graph needs a ${layerOutputName(range.numHiddenLayers)} output; this one has ${full.outputNames.join(', ')}`,
    );
  }
  const sessions = layerSessions(full, cutOpener(ort, source, files, options));
  return new LayerwiseReranker({ ...parts, sessions, range, onWarning: options.onWarning });
}

// The graph is read again for each new cut rather than kept: a cut is made once per distinct
// deepest layer, and keeping the bytes would double the memory of a large model for good.
function cutOpener(ort: OrtModule, source: ModelSource, files: OnnxFiles, options: LoadModelOptions): OpenCutSession | undefined {
  if (options.earlyExit === false) return undefined;
  // A graph opened by path finds its external data beside it; bytes cannot say where that is.
  if (options.modelInput === 'path' && source.localPath && files.externalData.length > 0) return undefined;
  return async (outputs) => {
    const [graph, externalData] = await Promise.all([readGraph(source, files), readExternalData(source, files)]);
    return sessionFromBytes(ort, pruneOnnxModel(graph, outputs), externalData, files, options);
  };
}

async function llmParts(
  ort: OrtModule,
  source: ModelSource,
  configJson: unknown,
  options: LoadModelOptions,
): Promise<{ parts: LlmModelParts; files: OnnxFiles; pending: PendingSession }> {
  const config = readLlmConfig(configJson);
  const files = resolveOnnxFiles(options.dtype, config.transformersJs, options.fallbackDtype ?? 'fp32');
  if (files.externalData.length > 0 && options.externalDataUnsupported) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `${files.graph} keeps its weights in external data, which ${options.externalDataUnsupported}`);
  }
  // The weights download while the tokenizer is read (see startSession).
  const pending = startSession(ort, source, files, options);
  const tokenizer = await pending.alongside(readTokenizer(source));
  // FlagEmbedding reads bos and pad from the tokenizer; BAAI's fine-tuning sets pad = unk when the
  // tokenizer has none (bge-reranker-v2-minicpm-layerwise), which config.json may not record.
  const parts: LlmModelParts = {
    ort,
    tokenizer,
    padTokenId: tokenizer.padTokenId ?? config.padTokenId ?? tokenizer.unkTokenId,
    bosTokenId: tokenizer.bosTokenId ?? config.bosTokenId,
    paddingSide: tokenizer.paddingSide,
    maxSequenceLength: config.maxSequenceLength,
    defaults: options.defaults,
  };
  return { parts, files, pending };
}

