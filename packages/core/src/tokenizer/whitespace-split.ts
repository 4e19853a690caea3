/**
 * Fix for @huggingface/tokenizers 0.2.0: its `WhitespaceSplit` pre-tokenizer splits on JS `\s`,
 * while Rust `tokenizers` splits on `char::is_whitespace` (Unicode White_Space). The two differ
 * on U+0085 NEXT LINE (Rust splits, JS does not) and U+FEFF (JS splits, Rust does not); XLM-R's
 * charsmap keeps U+0085, so `panda\u0085bear` was one word here and two for FlagEmbedding.
 */
import { SequencePreTokenizer, WhitespaceSplitPreTokenizer, type PreTokenizer, type Tokenizer } from '@huggingface/tokenizers';

// Unicode White_Space, exactly Rust's char::is_whitespace.
// eslint-disable-next-line no-control-regex -- tab, LF, VT, FF, CR are whitespace on purpose.
const RUST_WHITESPACE_RUNS = /[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/** `WhitespaceSplit` with Rust's definition of whitespace. */
export class RustWhitespaceSplit extends WhitespaceSplitPreTokenizer {
  override pre_tokenize_text(text: string): string[] {
    return text.match(RUST_WHITESPACE_RUNS) ?? [];
  }
}

/** Replaces, in place, every library `WhitespaceSplit` of `tokenizer` (also inside a Sequence). */
export function patchWhitespaceSplit(tokenizer: Tokenizer): void {
  tokenizer.pre_tokenizer = patched(tokenizer.pre_tokenizer);
}

function patched(preTokenizer: PreTokenizer | null): PreTokenizer | null {
  if (preTokenizer instanceof RustWhitespaceSplit) return preTokenizer;
  if (preTokenizer instanceof WhitespaceSplitPreTokenizer) return new RustWhitespaceSplit();
  if (preTokenizer instanceof SequencePreTokenizer) {
    // The Sequence reads `this.tokenizers` on every call: replace in place.
    preTokenizer.tokenizers = preTokenizer.tokenizers.map(patched);
  }
  return preTokenizer;
}
