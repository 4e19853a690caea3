import type { RankCallOptions, RankDocument, RankResult } from '../api.js';
import { RerankerError } from '../errors.js';
import { checkTopN } from './cascade-merge.js';
import { cascadeRank, cascadeRankStream, type StageRanker } from './cascade-rank.js';
import { describe } from './resolve-options.js';

/** Options of a two-model cascade. */
export interface CascadeOptions {
  /** How many of the first model's best documents the second model rescores (a positive integer). */
  topN: number;
}

/** Options of a cascade's `rank`: a plain rank's, without `cascade` (the cascade is the object itself). */
export type CascadeRankOptions = Omit<RankCallOptions, 'cascade'>;

/**
 * Two rerankers as one ranking: `rank` and `rankStream` with the same options and results as a
 * reranker's, each result marked by the stage that scored it (see `cascade`).
 */
export interface RerankerCascade {
  rank<D extends RankDocument>(query: string, documents: readonly D[], options?: CascadeRankOptions): Promise<RankResult<D>[]>;
  rankStream<D extends RankDocument>(query: string, documents: readonly D[], options?: CascadeRankOptions): AsyncIterableIterator<RankResult<D>[]>;
}

/**
 * Cascade reranking with two models: `first` (small, cheap: e.g. bge-reranker-base) ranks every
 * document, `second` (big: e.g. bge-reranker-v2-m3) rescores the first's best `topN`. Results
 * scored by `second` come first, by its score, with `stage: 'final'`; the rest follow in
 * `first`'s order with its scores and `stage: 'first'`; `topK` applies to that merged list.
 * With `topN` at least the document count, the result equals `second.rank` exactly.
 *
 * Any two rerankers compose: Node engines, or two `createReranker` handles (each model in its
 * own worker; the cascade runs on the page and sends each worker only its own stage). The call's
 * options go to both models; options only one model takes (`cutoffLayers`, `prompt`) belong in
 * that model's load-time `defaults`. Nothing is owned: dispose the two rerankers yourself.
 *
 * @example
 * const ranked = await cascade(small, large, { topN: 20 }).rank(query, passages, { topK: 10 });
 */
export function cascade(first: StageRanker, second: StageRanker, options: CascadeOptions): RerankerCascade {
  checkRanker(first, 'first');
  checkRanker(second, 'second');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new RerankerError('INVALID_OPTION', `cascade options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) if (key !== 'topN') throw new RerankerError('INVALID_OPTION', `unknown option "${key}" in cascade options`);
  checkTopN(options.topN, 'topN');
  const { topN } = options;
  const stages = [{ ranker: first, options: {} }, { ranker: second, options: {} }] as const;
  return {
    async rank(query, documents, callOptions) {
      refuseNested(callOptions);
      return cascadeRank(stages[0], stages[1], topN, query, documents, callOptions);
    },
    async* rankStream(query, documents, callOptions) {
      refuseNested(callOptions);
      yield* cascadeRankStream(stages[0], stages[1], topN, query, documents, callOptions);
    },
  };
}

function checkRanker(ranker: unknown, which: string): void {
  const r = ranker as Partial<StageRanker> | null;
  if (typeof r !== 'object' || r === null || typeof r.rank !== 'function' || typeof r.rankStream !== 'function') {
    throw new RerankerError('INVALID_OPTION', `cascade: the ${which} reranker must have rank and rankStream, got ${describe(ranker)}`);
  }
}

// A cascade option inside a cascade would make a third stage nobody asked for.
function refuseNested(options: unknown): void {
  if (typeof options === 'object' && options !== null && (options as { cascade?: unknown }).cascade !== undefined) {
    throw new RerankerError('INVALID_OPTION', 'a cascade() already ranks in two stages: its rank takes no cascade option');
  }
}
