import type { ScoreOptions } from '../api.js';
import { CrossEncoder } from '../engine/cross-encoder.js';
import type { OrtModule, OrtSession, OrtSessionOptions } from '../engine/ort.js';
import { asRerankerError, RerankerError } from '../errors.js';
import { createTextTokenizer } from '../tokenizer/text-tokenizer.js';
import { resolveOnnxFiles, type Dtype, type OnnxFiles } from './dtype.js';
import { readCrossEncoderConfig } from './model-config.js';
import { readJson, type ModelSource } from './source.js';

/** How to load a cross-encoder. */
export interface LoadCrossEncoderOptions {
  /** Which ONNX file: `auto` (default) takes config.json's `transformers.js_config.dtype`, else `fallbackDtype`. */
  dtype?: Dtype | 'auto';
  /** The dtype `auto` falls back to. Default `fp32`, the exact one. */
  fallbackDtype?: Dtype;
  /** Passed to `InferenceSession.create` (execution providers, threads, optimisation level). */
  sessionOptions?: OrtSessionOptions;
  /** Defaults for every `computeScore` call, like FlagReranker's constructor arguments. */
  defaults?: ScoreOptions;
  /**
   * `bytes` (default): the graph and its external data are read from the source and handed over
   * in memory. `path`: a local source's files are opened by path (onnxruntime-node finds the
   * external data next to the graph itself; it cannot take external data as bytes).
   */
  modelInput?: 'bytes' | 'path';
  /** Set when the runtime cannot load external data at all, with the reason to report. */
  externalDataUnsupported?: string;
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
  const config = readCrossEncoderConfig(await readJson(source, 'config.json'));
  const files = resolveOnnxFiles(options.dtype, config.transformersJs, options.fallbackDtype ?? 'fp32');
  const [tokenizerJson, tokenizerConfig] = await Promise.all([
    readJson(source, 'tokenizer.json'),
    readJson(source, 'tokenizer_config.json').catch(optionalFile),
  ]);
  const tokenizer = createTextTokenizer(tokenizerJson, tokenizerConfig ?? {});
  const padTokenId = config.padTokenId ?? tokenizer.padTokenId;
  if (padTokenId === undefined) throw new RerankerError('MODEL_NOT_SUPPORTED', 'neither config.json nor the tokenizer names a pad token');
  if (files.externalData.length > 0 && options.externalDataUnsupported) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `${files.graph} keeps its weights in external data, which ${options.externalDataUnsupported}`);
  }
  const session = options.modelInput === 'path' && source.localPath
    ? await createSessionFromPath(ort, source.localPath(files.graph), files, options.sessionOptions)
    : await createSession(ort, source, files, options.sessionOptions);
  return new CrossEncoder({ ort, session, tokenizer, padTokenId, maxSequenceLength: config.maxSequenceLength, defaults: options.defaults });
}

async function createSession(ort: OrtModule, source: ModelSource, files: OnnxFiles, sessionOptions: OrtSessionOptions | undefined): Promise<OrtSession> {
  const graph = source.read(files.graph).catch((error: unknown) => {
    if (error instanceof RerankerError && error.code === 'MODEL_FILE_NOT_FOUND') {
      throw new RerankerError('MODEL_FILE_NOT_FOUND', `${source.location} has no ${files.graph} for dtype ${files.dtype}`, { cause: error });
    }
    throw error;
  });
  // The graph names its external data by file name, relative to the graph's folder.
  const externalData = await Promise.all(
    files.externalData.map(async (path) => ({ path: path.slice(path.lastIndexOf('/') + 1), data: await source.read(path) })),
  );
  const options: OrtSessionOptions = { ...sessionOptions, ...(externalData.length > 0 ? { externalData } : {}) };
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(await graph, options);
  } catch (error) {
    throw asRerankerError(error, 'SESSION_CREATE_FAILED', `onnxruntime could not load ${files.graph}`);
  }
  return checkInputs(session, files);
}

async function createSessionFromPath(ort: OrtModule, path: string, files: OnnxFiles, sessionOptions: OrtSessionOptions | undefined): Promise<OrtSession> {
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    // onnxruntime-node's message for a missing file names the path; keep our code for it.
    const missing = error instanceof Error && /no such file|does not exist|ENOENT/i.test(error.message) && !/external data/i.test(error.message);
    throw asRerankerError(error, missing ? 'MODEL_FILE_NOT_FOUND' : 'SESSION_CREATE_FAILED', `onnxruntime could not load ${path} (dtype ${files.dtype})`);
  }
  return checkInputs(session, files);
}

async function checkInputs(session: OrtSession, files: OnnxFiles): Promise<OrtSession> {
  for (const name of ['input_ids', 'attention_mask']) {
    if (!session.inputNames.includes(name)) {
      await session.release();
      throw new RerankerError('MODEL_NOT_SUPPORTED', `${files.graph} has no ${name} input (inputs: ${session.inputNames.join(', ')})`);
    }
  }
  return session;
}

function optionalFile(error: unknown): undefined {
  if (error instanceof RerankerError && error.code === 'MODEL_FILE_NOT_FOUND') return undefined;
  throw error;
}
