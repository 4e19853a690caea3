import { RerankerError } from '../errors.js';
import type { PairTemplate } from '../tokenizer/pair-template.js';

/** How many special tokens the template adds to a pair. */
export function specialTokenCount(template: PairTemplate): number {
  return template.prefix.length + template.middle.length + template.suffix.length;
}

/**
 * Builds the model input of one pair exactly as FlagReranker.compute_score does (FlagEmbedding
 * 1.4 on transformers 4): the query ids are cut to `queryMaxLength`, the passage ids to
 * `maxLength`, then `prepare_for_model(truncation='only_second')` removes the overflow from the
 * end of the passage so the pair with its special tokens fits `maxLength`.
 *
 * Quirk kept on purpose: transformers 4 only cuts when the passage is strictly longer than the
 * overflow; otherwise it logs an error and cuts nothing, so the pair stays longer than
 * `maxLength` (reference call `max16`: 7 such pairs). Matching scores means matching this.
 */
export function buildPairIds(
  queryIds: readonly number[],
  passageIds: readonly number[],
  template: PairTemplate,
  maxLength: number,
  queryMaxLength: number,
): number[] {
  const query = queryIds.slice(0, queryMaxLength);
  const passage = cutOnlySecond(query.length + specialTokenCount(template), passageIds.slice(0, maxLength), maxLength);
  return [...template.prefix, ...query, ...template.middle, ...passage, ...template.suffix];
}

/**
 * transformers 4's `truncation='only_second'`: when `fixedLength` tokens plus `second` exceed
 * `maxLength`, the overflow is removed from the end of `second` - but only if `second` is
 * strictly longer than the overflow; otherwise nothing is cut (transformers logs an error and
 * returns the ids unchanged). FlagReranker and both LLM rerankers go through this rule.
 *
 * @example
 * cutOnlySecond(10, [1, 2, 3, 4], 12); // [1, 2]
 * cutOnlySecond(10, [1, 2], 11);       // [1]: the overflow (1) is cut
 * cutOnlySecond(12, [1, 2], 12);       // [1, 2]: overflow 2 is not less than 2 tokens, nothing cut
 */
export function cutOnlySecond(fixedLength: number, second: readonly number[], maxLength: number): number[] {
  const overflow = fixedLength + second.length - maxLength;
  if (overflow > 0 && second.length > overflow) return second.slice(0, second.length - overflow);
  return [...second];
}

/**
 * `truncate: 'error'`: refuses pair `i` when truncation dropped tokens (`kept` of `full`), with
 * INVALID_INPUT naming the pair and the budgets (never its text). A pair kept whole passes,
 * even one longer than `maxLength` by transformers' no-cut quirk: nothing of it is lost.
 * `atLeast`: `full` counts only the ids tokenized (a head of a long text), so the pair has more.
 */
export function refuseTruncation(mode: 'flagembedding' | 'error', i: number, kept: number, full: number, maxLength: number, queryMaxLength: number, atLeast = false): void {
  if (mode === 'error' && kept < full) {
    // `atLeast`: the ids came from TextTokenizer.encodeHead, which stops counting past the budget.
    throw new RerankerError('INVALID_INPUT', `pair ${i} is ${atLeast ? 'more than ' : ''}${full} tokens and would be truncated to ${kept} (maxLength ${maxLength}, queryMaxLength ${queryMaxLength}); truncate: 'error' refuses it`);
  }
}
