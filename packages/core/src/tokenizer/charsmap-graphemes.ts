/**
 * Extended grapheme clusters for the Precompiled normalizer, which Rust walks with
 * unicode-segmentation `graphemes(true)` (UAX #29). We ask ICU through `Intl.Segmenter`, but
 * only where a cluster can span several chars: a segment costs about 1 µs in V8, more than
 * the whole charsmap lookup, and most text is plain letters.
 */

// BMP ranges whose chars all have Grapheme_Cluster_Break Other (or Control), or are precomposed
// Hangul syllables (LV/LVT). Between two such chars UAX #29 always breaks: every no-break rule
// needs CR+LF (GB3), a conjoining jamo L/V/T (GB6-8), Extend/ZWJ/SpacingMark after (GB9, GB9a),
// Prepend before (GB9b), Extend/Linker before (GB9c), ZWJ before (GB11) or two RIs (GB12/13).
// Deliberately conservative: a char left out only costs a segmenter call.
const PLAIN_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x007f], // ASCII, controls included (GB4/GB5 break around them); CR LF checked apart
  [0x00a0, 0x02ff], // Latin-1 (U+00AD is Control), Latin Extended-A/B, IPA, modifier letters
  [0x0370, 0x0482], // Greek, Cyrillic up to the combining U+0483..0489
  [0x048a, 0x052f], // rest of Cyrillic and Cyrillic Supplement
  [0x0606, 0x060f], // Arabic signs; not the Prepend U+0600..0605 nor the marks U+0610..061A
  [0x061b, 0x061b], // (U+061C ARABIC LETTER MARK is Control)
  [0x061d, 0x064a], // Arabic letters, before the harakat U+064B..065F
  [0x0660, 0x066f], // Arabic-Indic digits and signs (U+0670 is a combining alef)
  [0x0671, 0x06d5], // more letters, before the Quranic marks U+06D6..06ED (U+06DD is Prepend)
  [0x06ee, 0x06ff],
  [0x2010, 0x2027], // dashes, quotes, bullets (not U+200B..200F, ZWJ/ZWNJ are among them)
  [0x2030, 0x205e], // per mille .. (U+2060.. are Control/format: left to the segmenter)
  [0x3000, 0x3029], // CJK symbols and punctuation before the combining tone marks U+302A..302F
  [0x3030, 0x303f],
  [0x3041, 0x3096], // Hiragana letters (U+3099/309A are combining voiced marks)
  [0x309b, 0x30ff], // spacing voiced marks, Katakana
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xac00, 0xd7a3], // Hangul syllables (LV/LVT: no rule joins two of them)
  [0xff01, 0xff9d], // full-width ASCII, half-width punctuation and Katakana (not U+FF9E/FF9F)
];

// Bitset over the BMP, one bit per UTF-16 unit (8 KiB), built once.
const plainBits = new Uint8Array(0x10000 >> 3);
for (const [from, to] of PLAIN_RANGES) for (let c = from; c <= to; c++) plainBits[c >> 3]! |= 1 << (c & 7);

/** Whether UTF-16 unit `c` is a BMP char that never joins a neighbouring plain char. */
export function isPlainUnit(c: number): boolean {
  return ((plainBits[c >> 3] ?? 0) >> (c & 7)) & 1 ? true : false;
}

// One segmenter for the module: creating an ICU break iterator is the expensive part.
let segmenter: Intl.Segmenter | null | undefined;

/** Lazily segmented `text`, or null where Intl.Segmenter is missing (Firefox < 125). */
export function graphemeSegments(text: string): Intl.Segments | null {
  if (segmenter === undefined) {
    // Grapheme clusters are not locale-tailored in ICU; the locale argument is irrelevant.
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenter ? segmenter.segment(text) : null;
}

/**
 * End (UTF-16 index) of the grapheme that starts at boundary `i`. Without Intl.Segmenter it
 * falls back to one code point: exact except for multi-char graphemes under 6 UTF-8 bytes.
 */
export function graphemeEnd(segments: Intl.Segments | null, text: string, i: number): number {
  const segment = segments?.containing(i);
  if (segment) return segment.index + segment.segment.length;
  const c = text.charCodeAt(i);
  const lo = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? i + 2 : i + 1;
}
