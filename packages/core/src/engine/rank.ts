import type { CallOptions, Pair, RankLimits, RankResult, Reranker } from '../api.js';
import { checkDenseArray } from './pairs.js';
import { RerankerError } from '../errors.js';

/**
 * `rank` of an in-thread engine (the browser reranker runs the same steps across its worker):
 * scores the query against every passage, then orders them.
 *
 * @example
 * const top3 = await rankWith(reranker, 'what is panda?', passages, { topK: 3 });
 */
export async function rankWith(reranker: Reranker, query: string, passages: readonly string[], options?: CallOptions & RankLimits): Promise<RankResult[]> {
  const { topK, returnDocuments, ...scoreOptions } = options ?? {};
  // Several cutoff layers give one list per layer: there is no single order.
  const scores: readonly (number | number[])[] = await reranker.computeScore(rankPairs(query, passages), scoreOptions);
  if (scores.some((score) => Array.isArray(score))) throw new RerankerError('INVALID_OPTION', 'rank orders by one score: pass one cutoff layer');
  return rankResults(scores as readonly number[], passages, { topK, returnDocuments });
}

/** The pairs `rank` scores: the query against every passage, after checking both. */
export function rankPairs(query: unknown, passages: unknown): Pair[] {
  if (typeof query !== 'string') throw new RerankerError('INVALID_INPUT', 'rank: the query must be a string');
  if (!Array.isArray(passages)) throw new RerankerError('INVALID_INPUT', 'rank: passages must be an array of strings');
  const pairs: Pair[] = [];
  // Holes of a sparse array are refused too (map would skip them and leave holes in the pairs).
  checkDenseArray(passages as unknown[], (i) => `rank: passage ${i}`, (passage, i) => {
    if (typeof passage !== 'string') throw new RerankerError('INVALID_INPUT', `rank: passage ${i} is not a string`);
    pairs.push([query, passage]);
  });
  return pairs;
}

/**
 * Orders scored passages best first (ties keep input order, so results are deterministic),
 * keeps `topK`, and attaches the text when `returnDocuments` is set.
 */
export function rankResults(
  scores: readonly number[],
  passages: readonly string[],
  options: RankLimits | undefined,
): RankResult[] {
  const topK = options?.topK ?? scores.length;
  if (!Number.isInteger(topK) || topK < 0) throw new RerankerError('INVALID_OPTION', `topK must be a non-negative integer, got ${String(topK)}`);
  const returnDocuments: unknown = options?.returnDocuments;
  if (returnDocuments !== undefined && typeof returnDocuments !== 'boolean') {
    throw new RerankerError('INVALID_OPTION', `returnDocuments must be a boolean, got ${typeof returnDocuments}`);
  }
  return scores
    .map((score, index) => ({ index, score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, topK)
    .map((r) => (options?.returnDocuments ? { ...r, document: passages[r.index] as string } : r));
}
