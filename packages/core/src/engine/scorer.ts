import type { Pair, ScoreOptions } from '../api.js';

/** One finished batch: which pairs it scored, and their scores (one array per score list, aligned with `indices`). */
export interface BatchScores {
  indices: readonly number[];
  scores: readonly Float64Array[];
  /** Pairs scored so far in this call, this batch included, and the call's total. */
  done: number;
  total: number;
}

/** How a caller steers one scoring call from outside: stop it, and hear about each batch. */
export interface ScoreControl {
  /** Asked before each batch: true stops the call with `ABORTED`. */
  isCancelled?: (() => boolean) | undefined;
  /** Told after each batch, in order; an exception thrown here is ignored by nobody: it fails the call. */
  onBatch?: ((batch: BatchScores) => void) | undefined;
}

/** Scores of one call: one Float64Array per score list (one list, or one per cutoff layer), in input order. */
export interface EngineScores {
  scores: Float64Array[];
}

/**
 * The one contract every engine (cross-encoder, decoder LLM, layerwise) implements: checked
 * pairs in, raw per-list scores out, cancellable between batches, telling each batch. The
 * facade (facade/reranker-facade.ts) builds `computeScore`, `rank` and `rankStream` on it once.
 */
export interface PairScorer {
  /**
   * Checks the options (merged over the engine's defaults) without scoring anything and says
   * how many score lists a call with them gives (several only for a layerwise model asked for
   * several layers). Throws `INVALID_OPTION` like a call would.
   */
  scoreLists(options: ScoreOptions | undefined): number;
  scoreLayers(pairs: readonly Pair[], options: ScoreOptions | undefined, control?: ScoreControl): Promise<EngineScores>;
  dispose(): Promise<void>;
}
