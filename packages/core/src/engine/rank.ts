import type { Pair, RankCascade, RankDocument, RankLimits, RankResult } from '../api.js';
import { checkDenseArray } from './pairs.js';
import { RerankerError } from '../errors.js';
import { checkCascade } from './cascade-merge.js';
import { checkChunking, type CheckedChunking, type ChunkPlan } from './chunking.js';
import { describe } from './resolve-options.js';

/** RankLimits, checked, with the default filled in. */
export interface CheckedRankLimits {
  topK: number | undefined;
  returnDocuments: boolean;
  rankFields: readonly string[] | undefined;
  chunking: CheckedChunking | undefined;
  cascade: RankCascade | undefined;
}

/**
 * Checks `topK`, `returnDocuments`, `rankFields`, `chunking` and `cascade`, before anything is scored (a bad `topK`
 * must not cost a whole scoring pass).
 */
export function checkRankLimits(options: RankLimits | undefined): CheckedRankLimits {
  const topK: unknown = options?.topK;
  if (topK !== undefined && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 0)) {
    throw new RerankerError('INVALID_OPTION', `topK must be a non-negative integer, got ${describe(topK)}`);
  }
  const returnDocuments: unknown = options?.returnDocuments;
  if (returnDocuments !== undefined && typeof returnDocuments !== 'boolean') {
    throw new RerankerError('INVALID_OPTION', `returnDocuments must be a boolean, got ${describe(returnDocuments)}`);
  }
  const rankFields: unknown = options?.rankFields;
  if (rankFields !== undefined) {
    if (!Array.isArray(rankFields) || rankFields.length === 0) throw new RerankerError('INVALID_OPTION', `rankFields must be a non-empty array of field names, got ${describe(rankFields)}`);
    checkDenseArray(rankFields, (i) => `rankFields[${i}]`, (field, i) => {
      if (typeof field !== 'string') throw new RerankerError('INVALID_OPTION', `rankFields[${i}] must be a string, got ${describe(field)}`);
    });
  }
  return {
    topK, returnDocuments: returnDocuments ?? false, rankFields: rankFields as readonly string[] | undefined,
    chunking: checkChunking(options?.chunking), cascade: checkCascade(options?.cascade),
  };
}

/**
 * The pairs `rank` scores: the query against every document's passage, after checking both.
 * A string is its own passage; an object gives `field: value` lines of `rankFields`, in order
 * (Cohere's rank_fields), or its `text` field as it is when no `rankFields` are given.
 *
 * @example
 * rankPairs('q', [{ title: 'T', text: 'x' }], ['title', 'text']); // [['q', 'title: T\ntext: x']]
 */
export function rankPairs(query: unknown, documents: unknown, rankFields?: readonly string[]): Pair[] {
  if (typeof query !== 'string') throw new RerankerError('INVALID_INPUT', 'rank: the query must be a string');
  if (!Array.isArray(documents)) throw new RerankerError('INVALID_INPUT', 'rank: documents must be an array of strings or objects');
  const pairs: Pair[] = [];
  // Holes of a sparse array are refused too (map would skip them and leave holes in the pairs).
  checkDenseArray(documents as unknown[], (i) => `rank: document ${i}`, (document, i) => {
    pairs.push([query, passageOf(document, i, rankFields)]);
  });
  return pairs;
}

function passageOf(document: unknown, i: number, rankFields: readonly string[] | undefined): string {
  if (typeof document === 'string') return document;
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new RerankerError('INVALID_INPUT', `rank: document ${i} must be a string or an object, got ${describe(document)}`);
  }
  const record = document as Record<string, unknown>;
  if (rankFields === undefined) {
    if (typeof record.text !== 'string') throw new RerankerError('INVALID_INPUT', `rank: document ${i} has no string "text" field; pass rankFields to say which fields to rank on`);
    return record.text;
  }
  return rankFields.map((field) => {
    const value = record[field];
    if (typeof value !== 'string') throw new RerankerError('INVALID_INPUT', `rank: document ${i} field "${field}" must be a string, got ${describe(value)}`);
    return `${field}: ${value}`;
  }).join('\n');
}

/**
 * Orders scored documents best first (ties keep input order, so results are deterministic),
 * keeps `topK`, and attaches the document when `returnDocuments` is set. `scored` lists the
 * indices that have a score yet (a partial ranking while streaming); default: all.
 */
export function rankResults<D extends RankDocument>(
  scores: ArrayLike<number>,
  documents: readonly D[],
  options: RankLimits | undefined,
  scored?: readonly number[],
): RankResult<D>[] {
  const { topK, returnDocuments } = checkRankLimits(options);
  const indices = scored ?? Array.from({ length: scores.length }, (_, i) => i);
  return indices
    .map((index) => ({ index, score: scores[index] as number }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, topK)
    .map((r) => (returnDocuments ? { ...r, document: documents[r.index] as D } : r));
}

/**
 * Document scores from the scores of their pairs (one per document, or one per chunk): a
 * document scores its best chunk, and remembers which one. Fed batch by batch while streaming.
 */
export class DocumentScores {
  readonly scores: Float64Array;
  /** Documents with at least one scored pair, in the order they got it. */
  readonly scored: number[] = [];
  private readonly best: number[];
  private readonly plan: ChunkPlan | undefined;

  constructor(documents: number, plan: ChunkPlan | undefined) {
    this.scores = new Float64Array(documents).fill(Number.NEGATIVE_INFINITY);
    this.best = new Array<number>(documents).fill(-1);
    this.plan = plan;
  }

  add(pair: number, score: number): void {
    const doc = this.plan ? (this.plan.owner[pair] as number) : pair;
    if (this.best[doc] === -1) this.scored.push(doc);
    // NaN never wins over a number, but a document whose only score is NaN keeps it.
    if (this.best[doc] === -1 || score > (this.scores[doc] as number)) {
      this.scores[doc] = score;
      this.best[doc] = pair;
    }
  }

  /** The ranking of the documents scored so far, with each one's winning chunk span when chunked. */
  rank<D extends RankDocument>(documents: readonly D[], limits: RankLimits): RankResult<D>[] {
    const ranked = rankResults(this.scores, documents, limits, this.scored);
    const plan = this.plan;
    if (!plan) return ranked;
    return ranked.map((r) => ({ ...r, chunk: { ...(plan.spans[this.best[r.index] as number] as { start: number; end: number }) } }));
  }
}
