/**
 * Fix for @huggingface/tokenizers 0.2.0 (transformers.js 4.3.1): its `Precompiled` normalizer
 * ignores `precompiled_charsmap` and approximates it with NFKC plus a fixed character list,
 * which e.g. turns U+200D ZERO WIDTH JOINER into a space (splitting emoji ZWJ sequences) where
 * XLM-R's real nmt_nfkc charsmap keeps it. We swap in a normalizer that reads the charsmap.
 */
import { PrecompiledNormalizer, SequenceNormalizer, type Normalizer, type Tokenizer } from '@huggingface/tokenizers';
import { type Charsmap, getCharsmap, normalizeWithCharsmap } from './charsmap.js';

// The library does not export its config types; take the one its constructor declares.
type PrecompiledConfig = ConstructorParameters<typeof PrecompiledNormalizer>[0];

/**
 * A `Precompiled` normalizer that applies the charsmap like Rust `tokenizers` does.
 * Still an instance of the library's `PrecompiledNormalizer` (and callable, like every
 * library normalizer), so code that inspects the pipeline sees the same type.
 */
export class CharsmapNormalizer extends PrecompiledNormalizer {
  /** The parsed charsmap, shared by every normalizer built from the same base64 text. */
  readonly parsed: Charsmap;

  /** Throws when the charsmap is missing or malformed (Rust fails to load such a tokenizer). */
  constructor(config: PrecompiledConfig) {
    super(config);
    this.parsed = getCharsmap(config.precompiled_charsmap);
  }

  /** Normalizes with the charsmap (see `normalizeWithCharsmap`). */
  override normalize(text: string): string {
    return normalizeWithCharsmap(this.parsed, text);
  }
}

/**
 * Replaces, in place, every library `Precompiled` normalizer of `tokenizer` (at the top level
 * or inside a `Sequence`, at any depth) that has a charsmap with a {@link CharsmapNormalizer}.
 * One with an empty or null charsmap is left as the library built it. Idempotent.
 * Call it right after constructing the Tokenizer, before `createEncoder` (encode-text.ts),
 * which normalizes the contents of `normalized: true` added tokens with the patched normalizer.
 */
export function patchPrecompiledNormalizers(tokenizer: Tokenizer): void {
  tokenizer.normalizer = patched(tokenizer.normalizer);
}

// The replacement for one normalizer (itself when nothing changes); recurses into Sequences.
function patched(normalizer: Normalizer | null): Normalizer | null {
  if (normalizer instanceof CharsmapNormalizer) return normalizer;
  if (normalizer instanceof PrecompiledNormalizer) {
    const config = normalizer.config;
    // `config` is typed as the union of all normalizer configs; the tag narrows it. At
    // runtime `precompiled_charsmap` may be null although typed string, hence the truthy test.
    if (config.type === 'Precompiled' && config.precompiled_charsmap) return new CharsmapNormalizer(config);
    return normalizer;
  }
  if (normalizer instanceof SequenceNormalizer) {
    // SequenceNormalizer.normalize reads `this.normalizers` at every call: replace in place.
    normalizer.normalizers = normalizer.normalizers.map(patched);
  }
  return normalizer;
}
