import type { OrtModule, OrtSession, OrtSessionOptions } from '../engine/ort.js';
import { asRerankerError, RerankerError } from '../errors.js';
import type { OnnxFiles } from './dtype.js';
import { quantizeActivationsPerToken, type ActivationQuantization } from './onnx/per-token-quant.js';
import type { ModelSource } from './source.js';

/** External data as onnxruntime-web takes it: file name (relative to the graph) and bytes. */
export type ExternalData = { path: string; data: Uint8Array }[];

/** How a session gets its model: read as bytes (every runtime) or opened by path (onnxruntime-node). */
export interface SessionRequest {
  sessionOptions?: OrtSessionOptions | undefined;
  modelInput?: 'bytes' | 'path' | undefined;
  /** Dynamically quantized graphs: per-token activation scales (default, batch-invariant) or as exported. */
  q8Activations?: ActivationQuantization | undefined;
}

// Dtypes whose transformers.js exports are onnxruntime's quantize_dynamic (DynamicQuantizeLinear
// before MatMulInteger). Only their graphs are read ahead of a by-path open to be rewritten.
const DYNAMIC_QUANT_DTYPES: ReadonlySet<string> = new Set(['q8', 'int8', 'uint8']);

/** A session whose files are already being read: `open` creates it once they are in. */
export interface PendingSession {
  open(): Promise<OrtSession>;
  /**
   * Awaits other loading work (the tokenizer) while the files download; when that work fails,
   * the downloads are cancelled, so a model that cannot load does not go on fetching its weights.
   */
  alongside<T>(work: Promise<T>): Promise<T>;
}

/**
 * Starts reading the dtype's graph and external data now, to be opened later. The loaders read
 * the tokenizer files meanwhile: the load takes the longer of the two instead of their sum, and
 * every file is under way from the start, so the overall progress does not fall back when the
 * big file begins. A local source asked for `modelInput: 'path'` is opened by path instead
 * (onnxruntime-node finds external data beside the graph itself) and reads nothing ahead,
 * except a dynamically quantized graph to be rewritten per token: that graph is read, and its
 * external data is still read by onnxruntime from the folder.
 *
 * @example
 * const pending = startSession(ort, source, files, {});
 * const tokenizer = await pending.alongside(readJson(source, 'tokenizer.json'));
 * const session = await pending.open();
 */
export function startSession(ort: OrtModule, source: ModelSource, files: OnnxFiles, request: SessionRequest): PendingSession {
  const perToken = (request.q8Activations ?? 'per-token') === 'per-token';
  if (request.modelInput === 'path' && source.localPath && !(perToken && DYNAMIC_QUANT_DTYPES.has(files.dtype))) {
    const path = source.localPath(files.graph);
    return { open: () => sessionFromPath(ort, path, files, request.sessionOptions), alongside: (work) => work };
  }
  const controller = new AbortController();
  // A by-path source with external data keeps it there: onnxruntime-node reads it from the folder.
  const graphPath = request.modelInput === 'path' ? source.localPath?.(files.graph) : undefined;
  const folder = graphPath?.slice(0, Math.max(graphPath.lastIndexOf('/'), graphPath.lastIndexOf('\\')));
  const reads = Promise.all([readGraph(source, files, controller.signal), folder !== undefined ? Promise.resolve([]) : readExternalData(source, files, controller.signal)]);
  // Awaited by open(); until then (or for good, once cancelled) its rejection is expected.
  reads.catch(() => undefined);
  return {
    async open() {
      const [graph, externalData] = await reads;
      return sessionFromBytes(ort, graph, externalData, files, request, folder);
    },
    alongside: (work) => work.catch((error: unknown) => {
      controller.abort(error);
      throw error;
    }),
  };
}

/** Reads the ONNX graph of the dtype, naming the dtype when the file is missing. */
export async function readGraph(source: ModelSource, files: OnnxFiles, signal?: AbortSignal): Promise<Uint8Array> {
  try {
    return await source.read(files.graph, signal ? { signal } : undefined);
  } catch (error) {
    if (error instanceof RerankerError && error.code === 'MODEL_FILE_NOT_FOUND') {
      throw new RerankerError('MODEL_FILE_NOT_FOUND', `${source.location} has no ${files.graph} for dtype ${files.dtype}`, { cause: error });
    }
    throw error;
  }
}

/** Reads the external data chunks; the graph names them by file name, relative to its folder. */
export function readExternalData(source: ModelSource, files: OnnxFiles, signal?: AbortSignal): Promise<ExternalData> {
  const options = signal ? { signal } : undefined;
  return Promise.all(files.externalData.map(async (path) => ({ path: path.slice(path.lastIndexOf('/') + 1), data: await source.read(path, options) })));
}

/**
 * Creates a session from graph bytes (whole or cut) and its external data. A dynamically
 * quantized graph gets per-token activation scales first (see quantizeActivationsPerToken)
 * unless `request.q8Activations` is `per-tensor`.
 */
export async function sessionFromBytes(
  ort: OrtModule,
  graph: Uint8Array,
  externalData: ExternalData,
  files: OnnxFiles,
  request: SessionRequest,
  externalFolder?: string,
): Promise<OrtSession> {
  const model = (request.q8Activations ?? 'per-token') === 'per-token' ? quantizeActivationsPerToken(graph).bytes : graph;
  const options: OrtSessionOptions = { ...request.sessionOptions, ...(externalData.length > 0 ? { externalData } : {}) };
  if (externalFolder !== undefined && externalData.length === 0 && files.externalData.length > 0) {
    // onnxruntime-node resolves external data against the model's path; bytes have none.
    const extra = request.sessionOptions?.extra ?? {};
    options.extra = { ...extra, session: { ...(extra.session as object | undefined), model_external_initializers_file_folder_path: externalFolder } };
  }
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(model, options);
  } catch (error) {
    throw asRerankerError(error, 'SESSION_CREATE_FAILED', `onnxruntime could not load ${files.graph}`);
  }
  return checkInputs(session, files);
}

async function sessionFromPath(ort: OrtModule, path: string, files: OnnxFiles, sessionOptions: OrtSessionOptions | undefined): Promise<OrtSession> {
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

/** For `.catch` on an optional file: a missing file is `undefined`, other failures stay failures. */
export function optionalFile(error: unknown): undefined {
  if (error instanceof RerankerError && error.code === 'MODEL_FILE_NOT_FOUND') return undefined;
  throw error;
}
