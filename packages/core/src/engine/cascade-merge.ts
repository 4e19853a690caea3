import type { RankCascade, RankDocument, RankResult } from '../api.js';
import { RerankerError } from '../errors.js';
import { describe } from './resolve-options.js';

/**
 * Checks a `cascade` rank option before anything is scored: an object with a positive integer
 * `topN` and one integer `cutoffLayers` (its range is the engine's check, as for any layer).
 */
export function checkCascade(value: unknown): RankCascade | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RerankerError('INVALID_OPTION', `cascade must be an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (key !== 'topN' && key !== 'cutoffLayers') throw new RerankerError('INVALID_OPTION', `unknown option "${key}" in cascade`);
  }
  const { topN, cutoffLayers } = value as { topN?: unknown; cutoffLayers?: unknown };
  checkTopN(topN, 'cascade.topN');
  if (cutoffLayers === undefined) {
    throw new RerankerError('INVALID_OPTION', 'cascade.cutoffLayers is required: the layer of the cheap first stage (layerwise rerankers); to cascade two models, use cascade(first, second, { topN })');
  }
  if (typeof cutoffLayers !== 'number' || !Number.isInteger(cutoffLayers)) {
    throw new RerankerError('INVALID_OPTION', `cascade.cutoffLayers must be one integer layer number, got ${describe(cutoffLayers)}`);
  }
  return { topN: topN as number, cutoffLayers };
}

/** `topN` of a cascade: a positive integer (0 would rescore nothing: no cascade at all). */
export function checkTopN(topN: unknown, name: string): asserts topN is number {
  if (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1) {
    throw new RerankerError('INVALID_OPTION', `${name} must be a positive integer, got ${describe(topN)}`);
  }
}

/**
 * The documents the second stage rescores: the first stage's best `topN`, in input order (not
 * rank order), so that with `topN` ≥ the document count the second stage gets exactly the call a
 * plain `rank` makes, same pairs in the same batches, and so the same scores to the bit.
 */
export function chosenForRescore(firstRanking: readonly RankResult<RankDocument>[], topN: number): number[] {
  return firstRanking.slice(0, topN).map((r) => r.index).sort((a, b) => a - b);
}

/**
 * One cascade ranking from the two stages' rankings (both over the caller's document indices):
 * every document the second stage scored, by its score (`stage: 'final'`), then every other
 * document in first-stage order with its first-stage score (`stage: 'first'`), then `topK`.
 * While streaming, `final` holds the rescored documents so far; the chosen ones not yet
 * rescored stay in the first-stage part until they are.
 */
export function mergeCascade<D extends RankDocument>(
  first: readonly RankResult<RankDocument>[],
  final: readonly RankResult<RankDocument>[],
  documents: readonly D[],
  limits: { topK: number | undefined; returnDocuments: boolean },
): RankResult<D>[] {
  const rescored = new Set(final.map((r) => r.index));
  const merged = [
    ...final.map((r) => ({ ...r, stage: 'final' as const })),
    ...first.filter((r) => !rescored.has(r.index)).map((r) => ({ ...r, stage: 'first' as const })),
  ].slice(0, limits.topK);
  // Stages run without documents (nothing to clone twice across a worker): attach the caller's own.
  return merged.map(({ document: _document, ...r }) => (limits.returnDocuments ? { ...r, document: documents[r.index] as D } : r));
}
