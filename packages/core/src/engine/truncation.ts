/** Where the special tokens of a pair go: `prefix A middle B suffix` (XLM-R: `<s> A </s></s> B </s>`). */
export interface PairTemplate {
  prefix: readonly number[];
  middle: readonly number[];
  suffix: readonly number[];
}

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
  let passage = passageIds.slice(0, maxLength);
  const overflow = query.length + passage.length + specialTokenCount(template) - maxLength;
  if (overflow > 0 && passage.length > overflow) passage = passage.slice(0, passage.length - overflow);
  return [...template.prefix, ...query, ...template.middle, ...passage, ...template.suffix];
}
