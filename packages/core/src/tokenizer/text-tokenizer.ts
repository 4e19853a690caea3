import { Tokenizer } from '@huggingface/tokenizers';
import type { PairTemplate } from '../engine/truncation.js';
import { asRerankerError } from '../errors.js';
import { patchPrecompiledNormalizers } from './charsmap-normalizer.js';
import { readPairTemplate } from './pair-template.js';
import { patchWhitespaceSplit } from './whitespace-split.js';

/** What the engine needs from a tokenizer: ids without special tokens, and the pair template. */
export interface TextTokenizer {
  encode(text: string): number[];
  readonly pairTemplate: PairTemplate;
  /** The pad id the tokenizer declares, if any (config.json's `pad_token_id` takes precedence). */
  readonly padTokenId: number | undefined;
}

/**
 * Builds the tokenizer from the parsed `tokenizer.json` and `tokenizer_config.json` with
 * @huggingface/tokenizers (the library transformers.js uses), then mends what it gets wrong:
 * its `Precompiled` normalizer ignores the sentencepiece charsmap, which changes ids for
 * real XLM-R text (zero-width joiners, see charsmap-normalizer.ts), and its `WhitespaceSplit`
 * uses JS whitespace instead of Unicode's (see whitespace-split.ts).
 */
export function createTextTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown): TextTokenizer {
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(tokenizerJson as object, tokenizerConfig as object);
  } catch (error) {
    throw asRerankerError(error, 'MODEL_NOT_SUPPORTED', 'tokenizer.json could not be loaded');
  }
  patchPrecompiledNormalizers(tokenizer);
  patchWhitespaceSplit(tokenizer);
  const padToken = (tokenizerConfig as { pad_token?: unknown } | null)?.pad_token;
  const padName = typeof padToken === 'string' ? padToken : (padToken as { content?: string } | undefined)?.content;
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    pairTemplate: readPairTemplate((tokenizerJson as { post_processor?: unknown }).post_processor),
    padTokenId: padName === undefined ? undefined : tokenizer.token_to_id(padName),
  };
}
