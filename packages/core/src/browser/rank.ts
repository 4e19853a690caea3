import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';

/** The pairs `rank` scores: the query against every passage, after checking both. */
export function rankPairs(query: unknown, passages: unknown): Pair[] {
  if (typeof query !== 'string') throw new RerankerError('INVALID_INPUT', 'rank: the query must be a string');
  if (!Array.isArray(passages)) throw new RerankerError('INVALID_INPUT', 'rank: passages must be an array of strings');
  return passages.map((passage: unknown, i): Pair => {
    if (typeof passage !== 'string') throw new RerankerError('INVALID_INPUT', `rank: passage ${i} is not a string`);
    return [query, passage];
  });
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
