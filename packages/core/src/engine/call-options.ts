import type { CallOptions, ScoreOptions, ScoringProgress } from '../api.js';
import { RerankerError } from '../errors.js';
import { checkSignal } from '../shared/abort.js';

/** A call's options split into what steers the call (signal, progress) and what the engine reads. */
export interface SplitCall<T> {
  signal: AbortSignal | undefined;
  onProgress: ((progress: ScoringProgress) => void) | undefined;
  /** The rest, untouched: options that are not an object reach the engine's check (`INVALID_OPTION`). */
  rest: T | undefined;
}

/** Splits `signal` and `onProgress` off a call's options, checking both. */
export function splitCall<T extends CallOptions>(options: T | undefined): SplitCall<Omit<T, 'signal' | 'onProgress'>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { signal: undefined, onProgress: undefined, rest: options };
  const { signal, onProgress, ...rest } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new RerankerError('INVALID_OPTION', 'onProgress must be a function');
  return { signal: checkSignal(signal), onProgress, rest };
}

/** The scoring options of `rank`'s options: everything but RankLimits. */
export function scoreOptionsOf(options: (ScoreOptions & { topK?: unknown; returnDocuments?: unknown; rankFields?: unknown; chunking?: unknown; cascade?: unknown }) | undefined): ScoreOptions | undefined {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return options;
  const { topK, returnDocuments, rankFields, chunking, cascade, ...rest } = options;
  return rest;
}
