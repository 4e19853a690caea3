// tokenizer.json, tokenizer_config.json and special_tokens_map.json in the shape of the
// XLM-R rerankers' files (mirrors reference/xlmr-tiny/).
import { MASK_TOKEN, SPACE_MARK, SPECIAL_TOKENS, UNK_ID, type Vocab } from './vocab.js';

export const MODEL_MAX_LENGTH = 512;

function addedToken(id: number, content: string) {
  // Only <mask> strips the space before it, as in XLM-R (`<mask>` lstrip=True).
  return { id, content, single_word: false, lstrip: content === MASK_TOKEN, rstrip: false, normalized: false, special: true };
}

function specialTokens(vocab: Vocab): [number, string][] {
  return [...SPECIAL_TOKENS.map((t, i): [number, string] => [i, t]), [vocab.maskId, MASK_TOKEN]];
}

export function tokenizerJson(vocab: Vocab): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specialTokens(vocab).map(([id, t]) => addedToken(id, t)),
    // The real files carry a `Precompiled` normalizer (sentencepiece's nmt_nfkc charsmap, a
    // serialized darts-clone trie). Building one needs a double-array trie builder, so this
    // generator writes the closest plain pipeline instead: NFKC plus collapsing runs of spaces.
    // Text differs only for characters the charsmap treats specially (control characters,
    // unusual spaces), which are not what the generated models are for.
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'WhitespaceSplit' },
        { type: 'Metaspace', replacement: SPACE_MARK, prepend_scheme: 'always', split: true },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['</s>', 2],
      cls: ['<s>', 0],
      trim_offsets: true,
      add_prefix_space: true,
    },
    decoder: { type: 'Metaspace', replacement: SPACE_MARK, prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: UNK_ID, vocab: vocab.pieces, byte_fallback: false },
  };
}

export function tokenizerConfig(vocab: Vocab): object {
  const decoder: Record<string, object> = {};
  for (const [id, t] of specialTokens(vocab)) {
    const { content, lstrip, rstrip, normalized, single_word, special } = addedToken(id, t);
    decoder[String(id)] = { content, lstrip, normalized, rstrip, single_word, special };
  }
  return {
    added_tokens_decoder: decoder,
    bos_token: '<s>',
    clean_up_tokenization_spaces: true,
    cls_token: '<s>',
    eos_token: '</s>',
    mask_token: MASK_TOKEN,
    model_max_length: MODEL_MAX_LENGTH,
    pad_token: '<pad>',
    padding_side: 'right',
    sep_token: '</s>',
    sp_model_kwargs: {},
    tokenizer_class: 'XLMRobertaTokenizer',
    unk_token: '<unk>',
  };
}

export function specialTokensMap(): object {
  return {
    bos_token: '<s>',
    cls_token: '<s>',
    eos_token: '</s>',
    mask_token: { content: MASK_TOKEN, lstrip: true, normalized: false, rstrip: false, single_word: false },
    pad_token: '<pad>',
    sep_token: '</s>',
    unk_token: '<unk>',
  };
}
