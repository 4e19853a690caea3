/**
 * Lookups in the darts-clone double-array trie of a sentencepiece charsmap, walking the UTF-8
 * bytes of a JS string without encoding it first (no TextEncoder, no allocation).
 *
 * Verified against huggingface/spm_precompiled `src/lib.rs` (`ArrayUnitTrait`,
 * `DoubleArray::common_prefix_search`, `Precompiled::transform`), which mirrors darts-clone's
 * `commonPrefixSearch` (google/sentencepiece `third_party/darts_clone/darts.h`).
 */

/** darts-clone unit offset: (unit >> 10) << ((unit & (1 << 9)) >> 6). */
function unitOffset(unit: number): number {
  return (unit >>> 10) << ((unit & 0x200) >>> 6);
}

// Scratch for the UTF-8 bytes of one code point (JS is single-threaded per realm).
const scratch = new Uint8Array(4);

/**
 * Common-prefix search over the UTF-8 bytes of text[start, end) returning the value of the
 * FIRST (shortest) matching key, or -1: spm_precompiled's `transform` uses `results[0]`, so
 * the walk can stop at the first leaf. The value is a byte offset into the replacements.
 */
export function firstMatch(units: Uint32Array, text: string, start: number, end: number): number {
  let node = unitOffset(units[0] ?? 0);
  for (let i = start; i < end; ) {
    const width = codePointUnits(text, i, end);
    const cp = width === 2 ? (text.codePointAt(i) ?? 0) : text.charCodeAt(i);
    i += width;
    const count = encodeUtf8(cp, scratch);
    for (let k = 0; k < count; k++) {
      const c = scratch[k] ?? 0;
      // A NUL byte ends a darts-clone key; no leaf was met before it, so no result.
      if (c === 0) return -1;
      node ^= c;
      const unit = units[node];
      // label = unit & (1 << 31 | 0xff): a unit with bit 31 set never equals a byte.
      if (unit === undefined || (unit & 0x800000ff) !== c) return -1;
      node ^= unitOffset(unit);
      // has_leaf = bit 8; the leaf unit's value = its low 31 bits.
      if ((unit >>> 8) & 1) return (units[node] ?? 0) & 0x7fffffff;
    }
  }
  return -1;
}

/** UTF-16 units of the code point at `i` within [i, end): 2 for a surrogate pair, else 1. */
export function codePointUnits(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= end) return 1;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
}

/** UTF-8 length of text[i, end); a lone surrogate counts 3 (its WTF-8 form, see encodeUtf8). */
export function utf8Length(text: string, i: number, end: number): number {
  let bytes = 0;
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (codePointUnits(text, k, end) === 2) {
      bytes += 4;
      k++;
    } else bytes += 3;
  }
  return bytes;
}

// UTF-8 bytes of one code point. A lone surrogate gets its 3-byte WTF-8 form, which no valid
// charsmap key contains, so it is kept as is (Rust strings cannot even hold one).
function encodeUtf8(cp: number, into: Uint8Array): number {
  if (cp < 0x80) {
    into[0] = cp;
    return 1;
  }
  if (cp < 0x800) {
    into[0] = 0xc0 | (cp >> 6);
    into[1] = 0x80 | (cp & 0x3f);
    return 2;
  }
  if (cp < 0x10000) {
    into[0] = 0xe0 | (cp >> 12);
    into[1] = 0x80 | ((cp >> 6) & 0x3f);
    into[2] = 0x80 | (cp & 0x3f);
    return 3;
  }
  into[0] = 0xf0 | (cp >> 18);
  into[1] = 0x80 | ((cp >> 12) & 0x3f);
  into[2] = 0x80 | ((cp >> 6) & 0x3f);
  into[3] = 0x80 | (cp & 0x3f);
  return 4;
}
