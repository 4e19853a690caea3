import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';
import { describe } from './resolve-options.js';

/** A character span of a passage: `passage.slice(start, end)` is the chunk's text. */
export interface ChunkSpan {
  start: number;
  end: number;
}

/** The pairs a chunked rank scores: `owner[i]` is the document pair `i` belongs to, `spans[i]` its span. */
export interface ChunkPlan {
  pairs: Pair[];
  owner: number[];
  spans: ChunkSpan[];
}

/** RankChunking, checked, defaults filled in. */
export interface CheckedChunking {
  maxChunksPerDoc: number;
  overlapTokens: number;
}

/** What chunking asks of the engine: does a pair fit whole (no token cut), and how many tokens a text has. */
export interface ChunkMeasure {
  fits(pair: Pair): boolean;
  countTokens(text: string): number;
}

/** Checks `chunking` before any scoring: an object with integer `maxChunksPerDoc` ≥ 1 and `overlapTokens` ≥ 0. */
export function checkChunking(value: unknown): CheckedChunking | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RerankerError('INVALID_OPTION', `chunking must be an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (key !== 'maxChunksPerDoc' && key !== 'overlapTokens') throw new RerankerError('INVALID_OPTION', `unknown option "${key}" in chunking`);
  }
  const { maxChunksPerDoc = 10, overlapTokens = 0 } = value as { maxChunksPerDoc?: unknown; overlapTokens?: unknown };
  if (typeof maxChunksPerDoc !== 'number' || !Number.isInteger(maxChunksPerDoc) || maxChunksPerDoc < 1) throw new RerankerError('INVALID_OPTION', `chunking.maxChunksPerDoc must be an integer of at least 1, got ${describe(maxChunksPerDoc)}`);
  if (typeof overlapTokens !== 'number' || !Number.isInteger(overlapTokens) || overlapTokens < 0) throw new RerankerError('INVALID_OPTION', `chunking.overlapTokens must be a non-negative integer, got ${describe(overlapTokens)}`);
  return { maxChunksPerDoc, overlapTokens };
}

/**
 * Splits each passage into windows of whole words that fit beside the query within the token
 * budget (`measure.fits`: the engine's own pair building, so a chunk is never cut), at most
 * `maxChunksPerDoc` per document, consecutive windows sharing up to `overlapTokens` tokens of
 * words. A passage that fits whole is one chunk: itself. A single word too long for any window
 * is a window alone (FlagEmbedding's truncation then applies, or `truncate: 'error'` refuses it).
 *
 * @example
 * planChunks([['q', longText]], { maxChunksPerDoc: 4, overlapTokens: 16 }, measure).spans; // [{ start: 0, end: 1873 }, …]
 */
export function planChunks(pairs: readonly Pair[], chunking: CheckedChunking, measure: ChunkMeasure): ChunkPlan {
  const plan: ChunkPlan = { pairs: [], owner: [], spans: [] };
  pairs.forEach(([query, passage], doc) => {
    const add = (start: number, end: number): void => {
      plan.pairs.push([query, passage.slice(start, end)]);
      plan.owner.push(doc);
      plan.spans.push({ start, end });
    };
    if (measure.fits([query, passage])) return add(0, passage.length);
    const words = Array.from(passage.matchAll(/\S+/g), (m) => ({ start: m.index, end: m.index + m[0].length }));
    let first = 0;
    for (let n = 0; n < chunking.maxChunksPerDoc && first < words.length; n++) {
      const last = lastFitting(words, first, (end) => measure.fits([query, passage.slice(words[first]!.start, words[end]!.end)]));
      add(words[first]!.start, words[last]!.end);
      if (last === words.length - 1) break;
      first = Math.max(first + 1, overlapStart(words, first, last, chunking.overlapTokens, (s, e) => measure.countTokens(passage.slice(s, e))));
    }
  });
  return plan;
}

// The last word index j >= first such that words first..j fit (binary search: more words, more tokens).
function lastFitting(words: readonly ChunkSpan[], first: number, fits: (end: number) => boolean): number {
  let lo = first;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Where the next window starts: the earliest word after `first` whose run to `last` has at most `overlap` tokens.
function overlapStart(words: readonly ChunkSpan[], first: number, last: number, overlap: number, count: (start: number, end: number) => number): number {
  let start = last + 1;
  while (overlap > 0 && start - 1 > first && count(words[start - 1]!.start, words[last]!.end) <= overlap) start--;
  return start;
}
