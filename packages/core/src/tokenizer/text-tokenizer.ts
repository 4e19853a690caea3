import { Tokenizer } from '@huggingface/tokenizers';
import { asRerankerError } from '../errors.js';
import { patchPrecompiledNormalizers } from './charsmap-normalizer.js';
import { encodeHead } from './encode-head.js';
import { createEncoder } from './encode-text.js';
import { readPairTemplate, type PairTemplate } from './pair-template.js';
import { type CutPlan, planCuts } from './safe-cut.js';
import { restoreUnigramUnkScore } from './unigram-scores.js';
import { patchWhitespaceSplit } from './whitespace-split.js';

/** What the engine needs from a tokenizer: ids without special tokens, and the pair template. */
export interface TextTokenizer {
  encode(text: string): number[];
  /**
   * `encode(text)`, or a prefix of it with more than `count` ids, without tokenizing the rest
   * of a long text (see encode-head.ts): `ids.slice(0, count)` is exact either way.
   */
  encodeHead(text: string, count: number): number[];
  /** Where `encodeHead` may cut a text (safe-cut.ts); undefined where no cut is proven safe. */
  readonly cuts: CutPlan | undefined;
  /** The cross-encoder pair layout, read from the post-processor on first use (LLM rerankers never ask). */
  readonly pairTemplate: PairTemplate;
  /** The pad id the tokenizer declares, if any (config.json's `pad_token_id` takes precedence for cross-encoders). */
  readonly padTokenId: number | undefined;
  /** tokenizer_config.json's `bos_token`, as an id. */
  readonly bosTokenId: number | undefined;
  /** tokenizer_config.json's `unk_token`, as an id. */
  readonly unkTokenId: number | undefined;
  /** tokenizer_config.json's `padding_side`; transformers' default `right` when absent. */
  readonly paddingSide: 'left' | 'right';
}

/**
 * Builds the tokenizer from the parsed `tokenizer.json` and `tokenizer_config.json` with
 * @huggingface/tokenizers (the library transformers.js uses), then mends what it gets wrong:
 * its `Precompiled` normalizer ignores the sentencepiece charsmap, which changes ids for
 * real XLM-R text (zero-width joiners, see charsmap-normalizer.ts), its `WhitespaceSplit`
 * uses JS whitespace instead of Unicode's (see whitespace-split.ts), its `Unigram` loses the
 * `<unk>` piece's score (see unigram-scores.ts), and it finds added tokens in the normalized
 * text where Rust looks for most of them in the raw text (see encode-text.ts).
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
  restoreUnigramUnkScore(tokenizer);
  const config = (tokenizerConfig ?? {}) as Record<string, unknown>;
  // After the patches: normalized added tokens are matched by their patched normalization.
  const encode = createEncoder(tokenizer, config);
  const normalizer = tokenizer.normalizer;
  const addedContents = [...tokenizer.get_added_tokens_decoder().values()].map((t) => t.content);
  const cuts = planCuts(tokenizerJson, (text) => (normalizer ? normalizer(text) : text), addedContents);
  const idOf = (key: string): number | undefined => {
    const name = tokenName(config[key]);
    return name === undefined ? undefined : tokenizer.token_to_id(name);
  };
  let pairTemplate: PairTemplate | undefined;
  return {
    encode,
    encodeHead: (text, count) => encodeHead(text, count, encode, cuts),
    cuts,
    // Lazy: an LLM tokenizer may carry a post-processor no cross-encoder template reads.
    get pairTemplate() {
      return (pairTemplate ??= readPairTemplate((tokenizerJson as { post_processor?: unknown }).post_processor));
    },
    padTokenId: idOf('pad_token'),
    bosTokenId: idOf('bos_token'),
    unkTokenId: idOf('unk_token'),
    paddingSide: config.padding_side === 'left' ? 'left' : 'right',
  };
}

// tokenizer_config.json names a special token as a string or as an AddedToken object.
function tokenName(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  const content = (entry as { content?: unknown } | null | undefined)?.content;
  return typeof content === 'string' ? content : undefined;
}
