/**
 * Text to ids without special tokens, in the order of Rust `tokenizers`
 * (`AddedVocabulary::extract_and_normalize`, then `TokenizerImpl::do_pre_tokenize` and
 * `do_tokenize`): added tokens are cut out of the raw text first (those with
 * `normalized: false`), each remaining stretch is normalized on its own and the
 * `normalized: true` tokens are cut out of that, and only what is left goes through the
 * pre-tokenizer and the model. A stretch is never an added token because of what it reads
 * like after normalization (see added-tokens.ts). Uses the library's own normalizer,
 * pre-tokenizer and model, as patched by text-tokenizer.ts.
 */
import type { AddedToken, Tokenizer } from '@huggingface/tokenizers';
import { RerankerError } from '../errors.js';
import { AddedTokenMatcher } from './added-tokens.js';

/** Builds `encode(text)` for `tokenizer`; call it after every normalizer patch. */
export function createEncoder(tokenizer: Tokenizer, tokenizerConfig: Record<string, unknown>): (text: string) => number[] {
  const { normalizer, pre_tokenizer: preTokenizer, model } = tokenizer;
  if (!model) throw new RerankerError('MODEL_NOT_SUPPORTED', 'tokenizer.json has no model');
  const normalize = (text: string): string => (normalizer ? normalizer(text) : text);
  // Rust adds the special tokens first, then the others, each in file order; the first token
  // for a text wins.
  const all = [...tokenizer.get_added_tokens_decoder().values()];
  const ordered = [...all.filter((t) => t.special), ...all.filter((t) => !t.special)];
  const onRaw = new AddedTokenMatcher(ordered.filter((t) => !t.normalized).map((t): [string, AddedToken] => [t.content, t]));
  const onNormalized = new AddedTokenMatcher(ordered.filter((t) => t.normalized).map((t): [string, AddedToken] => [normalize(t.content), t]));
  const beforeNormalizer = legacyCleanup(tokenizerConfig);

  return (text) => {
    const ids: number[] = [];
    for (const [i, rawPiece] of onRaw.split(text).entries()) {
      if (typeof rawPiece === 'number') {
        ids.push(rawPiece);
        continue;
      }
      for (const [j, piece] of onNormalized.split(normalize(beforeNormalizer(rawPiece))).entries()) {
        if (typeof piece === 'number') {
          ids.push(piece);
          continue;
        }
        // Metaspace's prepend_scheme "first" prefixes only the stretch at the start of the text.
        const words = preTokenizer ? preTokenizer(piece, { section_index: i === 0 && j === 0 ? 0 : 1 }) : [piece];
        for (const token of model(words)) {
          // A model token missing from the vocabulary is the unknown token; with none, Rust drops it.
          const id = model.tokens_to_ids.get(token) ?? model.unk_token_id;
          if (id !== undefined) ids.push(id);
        }
      }
    }
    return ids;
  };
}

// tokenizer_config.json options @huggingface/tokenizers applies before the normalizer; kept
// so that this pipeline changes nothing but added-token handling.
function legacyCleanup(config: Record<string, unknown>): (text: string) => string {
  const removeSpace = config.remove_space === true;
  const lowercase = Boolean(config.do_lowercase_and_remove_accent);
  if (!removeSpace && !lowercase) return (text) => text;
  return (text) => {
    let out = removeSpace ? text.trim().split(/\s+/).join(' ') : text;
    if (lowercase) out = out.toLowerCase().replace(/\p{M}/gu, '');
    return out;
  };
}
