import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';
import type { TextTokenizer } from '../tokenizer/text-tokenizer.js';
import { instructedPair } from './instructions.js';
import { buildLlmPairIds } from './llm-inputs.js';
import type { ResolvedOptions } from './resolve-options.js';
import { cachedHeadEncoder } from './token-cache.js';
import { refuseTruncation } from './truncation.js';

/** The columns of a batch are a multiple of this (the LLM rerankers' `pad_to_multiple_of=8`). */
export const LLM_PAD_MULTIPLE = 8;

/**
 * Turns the pairs of a call into LLM reranker inputs: instructions (`A: ` / `B: ` by default),
 * then `[bos] query \n passage \n prompt` with FlagEmbedding's truncation (see llm-inputs.ts).
 * Rejects with `INPUT_TOO_LONG` a pair whose padded length would pass the model's position table
 * (the exported graphs compute positions 0..columns-1, padding included).
 *
 * @example
 * const ids = buildLlmSequences(tokenizer, [2], pairs, resolved, 8192);
 */
export function buildLlmSequences(
  tokenizer: TextTokenizer,
  bos: readonly number[],
  pairs: readonly Pair[],
  opts: ResolvedOptions,
  maxSequenceLength: number | undefined,
): number[][] {
  const frame = { bos, sep: tokenizer.encode('\n'), prompt: tokenizer.encode(opts.prompt ?? '') };
  // Only the first maxLength ids of a passage (queryMaxLength of a query) can reach the model.
  const budget = Math.max(opts.maxLength, opts.queryMaxLength);
  const encode = cachedHeadEncoder(tokenizer, budget);
  return pairs.map(([query, passage], i) => {
    const [q, p] = instructedPair(query, passage, opts);
    const [queryIds, passageIds] = [encode(q), encode(p)];
    const ids = buildLlmPairIds(queryIds, passageIds, frame, opts.maxLength, opts.queryMaxLength);
    const full = frame.bos.length + queryIds.length + 2 * frame.sep.length + passageIds.length + frame.prompt.length;
    const atLeast = queryIds.length > budget || passageIds.length > budget;
    refuseTruncation(opts.truncate, i, ids.length, full, opts.maxLength, opts.queryMaxLength, atLeast);
    const padded = Math.ceil(ids.length / LLM_PAD_MULTIPLE) * LLM_PAD_MULTIPLE;
    if (maxSequenceLength !== undefined && padded > maxSequenceLength) {
      throw new RerankerError(
        'INPUT_TOO_LONG',
        `pair ${i} is ${ids.length} tokens (${padded} padded) after truncation, more than this model's ${maxSequenceLength} positions; lower maxLength or queryMaxLength`,
      );
    }
    return ids;
  });
}
