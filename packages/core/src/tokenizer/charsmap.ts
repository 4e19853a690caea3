/**
 * The `Precompiled` normalizer of Hugging Face `tokenizers` (Rust), applied with the real
 * sentencepiece charsmap, e.g. the nmt_nfkc map of XLM-R / bge-reranker tokenizers.
 *
 * Verified against huggingface/tokenizers `tokenizers/src/normalizers/precompiled.rs`
 * (`impl Normalizer for Precompiled`) and huggingface/spm_precompiled `src/lib.rs`
 * (`Precompiled::transform`, `DoubleArray::common_prefix_search`):
 * - the text is walked by extended grapheme cluster (unicode-segmentation `graphemes(true)`);
 * - a grapheme of fewer than 6 UTF-8 bytes is first looked up whole; on a hit the WHOLE
 *   grapheme becomes the replacement of its shortest matching prefix (even when that prefix
 *   is shorter than the grapheme: Rust drops the rest, and so do we);
 * - otherwise each char is looked up alone and kept as is when it has no entry;
 * - a replacement may be empty: the char (or grapheme) is then deleted.
 * `NormalizedString::transform` only re-aligns offsets: the text is the concatenation above.
 */
import { type Charsmap, parseCharsmap, replacementAt } from './charsmap-parse.js';
import { graphemeEnd, graphemeSegments, isPlainUnit } from './charsmap-graphemes.js';
import { codePointUnits, firstMatch, utf8Length } from './charsmap-trie.js';

export type { Charsmap } from './charsmap-parse.js';
export { parseCharsmap } from './charsmap-parse.js';

// Parsed charsmaps by base64 text: a tokenizer has one, parsing costs a few milliseconds.
const cache = new Map<string, Charsmap>();

/** The parsed form of a base64 charsmap, parsed once per distinct charsmap string. */
export function getCharsmap(base64: string): Charsmap {
  let charsmap = cache.get(base64);
  if (!charsmap) {
    charsmap = parseCharsmap(base64);
    cache.set(base64, charsmap);
  }
  return charsmap;
}

/**
 * spm_precompiled `Precompiled::transform(chunk)`: the replacement of the shortest prefix of
 * `chunk` (UTF-8 bytes) that has an entry, or undefined when no prefix has one.
 */
export function transformWithCharsmap(charsmap: string | Charsmap, chunk: string): string | undefined {
  const cm = typeof charsmap === 'string' ? getCharsmap(charsmap) : charsmap;
  const offset = firstMatch(cm.units, chunk, 0, chunk.length);
  return offset < 0 ? undefined : replacementAt(cm, offset);
}

/**
 * Normalizes `text` exactly as Rust `tokenizers`' `Precompiled` normalizer does with this
 * charsmap (base64 string as in tokenizer.json, or the result of {@link getCharsmap}).
 */
export function normalizeWithCharsmap(charsmap: string | Charsmap, text: string): string {
  const cm = typeof charsmap === 'string' ? getCharsmap(charsmap) : charsmap;
  const n = text.length;
  // Output = text[0..copied) rewritten into `out`, plus text[copied..] untouched: no copy
  // and no allocation at all for text the charsmap leaves alone.
  let out = '';
  let copied = 0;
  let segments: Intl.Segments | null | undefined;
  // Invariant: `i` is always a grapheme boundary.
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0x20;
    // A plain char before a plain char (or the end) is a grapheme of its own, except CR LF
    // (UAX #29 GB3): one lookup (precomputed for ASCII), no segmenter.
    if (isPlainUnit(c) && isPlainUnit(next) && (c !== 0x0d || next !== 0x0a)) {
      const offset = c < 0x80 ? (cm.ascii[c] ?? -1) : firstMatch(cm.units, text, i, i + 1);
      if (offset >= 0) {
        out += text.slice(copied, i) + replacementAt(cm, offset);
        copied = i + 1;
      }
      i++;
      continue;
    }
    // Anything else (combining marks, emoji sequences, jamo, CR LF, ...) asks ICU.
    segments ??= graphemeSegments(text);
    const end = graphemeEnd(segments, text, i);
    // Whole-grapheme lookup, only under 6 UTF-8 bytes (precompiled.rs `grapheme.len() < 6`).
    const bytes = utf8Length(text, i, end);
    const whole = bytes < 6 ? firstMatch(cm.units, text, i, end) : -1;
    if (whole >= 0) {
      out += text.slice(copied, i) + replacementAt(cm, whole);
      copied = end;
    } else if (bytes >= 6 || !isSingleCodePoint(text, i, end)) {
      // Char by char; for a single short char this would repeat the lookup just done.
      for (let s = i; s < end; ) {
        const e = s + codePointUnits(text, s, end);
        const offset = firstMatch(cm.units, text, s, e);
        if (offset >= 0) {
          out += text.slice(copied, s) + replacementAt(cm, offset);
          copied = e;
        }
        s = e;
      }
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// Whether text[i, end) is one code point (then the whole-grapheme lookup was the char lookup).
function isSingleCodePoint(text: string, i: number, end: number): boolean {
  return i + codePointUnits(text, i, end) === end;
}
