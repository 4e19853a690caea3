import { RerankerError } from '../errors.js';
import { cutOnlySecond } from './truncation.js';

/** The ids FlagLLMReranker puts around every pair: `[bos] query sep passage sep prompt`. */
export interface LlmFrame {
  /** `[bos]`, or `[]` where the recipe adds none (gemma-style with bos equal to pad, or no bos). */
  bos: readonly number[];
  /** The ids of `"\n"` (gemma: one token; Llama/MiniCPM: `▁` and `<0x0A>`). */
  sep: readonly number[];
  /** The ids of the prompt, tokenized without special tokens. */
  prompt: readonly number[];
}

/**
 * Builds the model input of one pair exactly as FlagLLMReranker / LayerWiseFlagLLMReranker do
 * (FlagEmbedding 1.4, reference README rules 9-10, 13): the query ids are cut to
 * `queryMaxLength` and the passage ids to `maxLength`; then `prepare_for_model(first = bos + query,
 * second = sep + passage, truncation='only_second', max_length = maxLength + |sep| + |prompt|)`
 * cuts the end of `second` (transformers 4's rule: only if it is longer than the overflow,
 * otherwise nothing), and `sep + prompt` is appended. No eos.
 *
 * @example
 * buildLlmPairIds([10, 11], [20, 21, 22], { bos: [2], sep: [262], prompt: [7, 8] }, 512, 384);
 * // [2, 10, 11, 262, 20, 21, 22, 262, 7, 8]
 */
export function buildLlmPairIds(
  queryIds: readonly number[],
  passageIds: readonly number[],
  frame: LlmFrame,
  maxLength: number,
  queryMaxLength: number,
): number[] {
  const first = [...frame.bos, ...queryIds.slice(0, queryMaxLength)];
  const encodeMaxLength = maxLength + frame.sep.length + frame.prompt.length;
  const second = cutOnlySecond(first.length, [...frame.sep, ...passageIds.slice(0, maxLength)], encodeMaxLength);
  return [...first, ...second, ...frame.sep, ...frame.prompt];
}

/**
 * The bos part of the frame. FlagLLMReranker (gemma) prepends bos only when the tokenizer has one
 * and it differs from the pad id; LayerWiseFlagLLMReranker always prepends it.
 *
 * @example
 * bosIds('llm', 2, 0);       // [2]
 * bosIds('llm', 0, 0);       // []
 * bosIds('layerwise', 1, 1); // [1]
 */
export function bosIds(kind: 'llm' | 'layerwise', bosTokenId: number | undefined, padTokenId: number | undefined): number[] {
  if (kind === 'layerwise') {
    if (bosTokenId === undefined) throw new RerankerError('MODEL_NOT_SUPPORTED', 'a layerwise reranker prepends bos, and this tokenizer has no bos token');
    return [bosTokenId];
  }
  return bosTokenId !== undefined && bosTokenId !== padTokenId ? [bosTokenId] : [];
}

/**
 * FlagLLMReranker's `yes_loc`: the first id of `tokenizer("Yes", add_special_tokens=False)`.
 *
 * @example
 * yesTokenId((text) => tokenizer.encode(text)); // 1603 for the gemma-tiny reference tokenizer
 */
export function yesTokenId(encode: (text: string) => number[]): number {
  const id = encode('Yes')[0];
  if (id === undefined) throw new RerankerError('MODEL_NOT_SUPPORTED', 'the tokenizer encodes "Yes" to no token, so there is no logit to score');
  return id;
}
