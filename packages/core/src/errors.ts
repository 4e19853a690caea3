/**
 * Every failure the library reports, as one stable string code. Codes are part of the public API:
 * callers branch on them, and they survive the worker boundary (a plain `Error` there keeps only
 * its message), so a code is never renamed once shipped.
 */
export type RerankerErrorCode =
  /** A pair or list of pairs that is not what `computeScore` takes. */
  | 'INVALID_INPUT'
  /** An option with a wrong type, a non-finite number, or a value out of range. */
  | 'INVALID_OPTION'
  /** A pair, after FlagEmbedding's truncation rules, is longer than the model's position table. */
  | 'INPUT_TOO_LONG'
  /** A model file could not be read or downloaded. */
  | 'MODEL_FETCH_FAILED'
  /** The model folder has no file for the requested dtype. */
  | 'MODEL_FILE_NOT_FOUND'
  /**
   * config.json, tokenizer.json or the ONNX graph is not a model this library can run, or they
   * describe different models (a decoder graph in a cross-encoder folder).
   */
  | 'MODEL_NOT_SUPPORTED'
  /** onnxruntime refused the model when creating the session. */
  | 'SESSION_CREATE_FAILED'
  /** onnxruntime failed while running a batch. */
  | 'INFERENCE_FAILED'
  /** A downloaded file does not match the size or sha256 its server announced. */
  | 'INTEGRITY_MISMATCH'
  /** The browser refused to store the model (storage quota); scoring goes on without the cache. */
  | 'QUOTA_EXCEEDED'
  /** The model cache (IndexedDB) cannot be used at all (private mode, blocked storage). */
  | 'CACHE_UNAVAILABLE'
  /** WebGPU was asked for explicitly and the browser has no usable adapter. */
  | 'WEBGPU_UNAVAILABLE'
  /** The caller's AbortSignal fired; the call stopped between batches. */
  | 'ABORTED'
  /** The worker hosting the session died; pending calls reject, the next call starts a new one. */
  | 'WORKER_CRASHED'
  /** The reranker was disposed before or during the call. */
  | 'DISPOSED';

/**
 * The one error class of the library: `code` is stable, `message` is for people, `cause` keeps
 * the platform error it wraps.
 *
 * @example
 * try { await reranker.computeScore(pairs); }
 * catch (e) { if (e instanceof RerankerError && e.code === 'INVALID_INPUT') showHint(e.message); }
 */
export class RerankerError extends Error {
  override readonly name = 'RerankerError';
  readonly code: RerankerErrorCode;

  constructor(code: RerankerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Wraps an unknown thrown value as a `RerankerError`, leaving one that already is untouched. */
export function asRerankerError(error: unknown, code: RerankerErrorCode, context: string): RerankerError {
  if (error instanceof RerankerError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RerankerError(code, `${context}: ${detail}`, { cause: error });
}
