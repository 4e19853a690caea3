import type { Pair } from '../api.js';
import { checkDenseArray } from '../engine/pairs.js';
import { RerankerError } from '../errors.js';

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
  options: { topK?: number; returnDocuments?: boolean } | undefined,
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
    .map((r) => (options?.returnDocuments ? { ...r, document: passages[r.index] } : r));
}

/** One ranked passage: its position in the input, its score, and its text if asked for. */
export interface RankResult {
  index: number;
  score: number;
  document?: string;
}
