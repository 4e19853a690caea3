import { readFileSync } from 'node:fs';
import { PrecompiledNormalizer, SequenceNormalizer, Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { isPlainUnit } from '../src/tokenizer/charsmap-graphemes.js';
import { CharsmapNormalizer, patchPrecompiledNormalizers } from '../src/tokenizer/charsmap-normalizer.js';
import { decodeBase64 } from '../src/tokenizer/charsmap-parse.js';
import { getCharsmap, normalizeWithCharsmap, parseCharsmap, transformWithCharsmap } from '../src/tokenizer/charsmap.js';

// The real xlmr-tiny tokenizer (sentencepiece nmt_nfkc charsmap) and FlagEmbedding's oracle,
// see packages/testkit/reference/README.md.
const DIR = new URL('../../testkit/reference/xlmr-tiny/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));

interface TokenizerJson {
  normalizer: { type: string; precompiled_charsmap: string };
}
interface Oracle {
  pairs: [string, string][];
  calls: {
    id: string;
    effective: { max_length: number; query_max_length: number };
    per_pair: { pair_index: number; input_ids: number[] }[];
  }[];
}

const tokenizerJson = readJson('tokenizer.json') as TokenizerJson;
const tokenizerConfig = readJson('tokenizer_config.json') as object;
const oracle = readJson('expected.json') as Oracle;
const CHARSMAP = tokenizerJson.normalizer.precompiled_charsmap;

// A fresh Tokenizer per variant: the patch mutates its normalizer in place.
function makeTokenizer(variant: 'patched' | 'library' | 'identity'): Tokenizer {
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  if (variant === 'patched') patchPrecompiledNormalizers(tokenizer);
  // No normalizer at all: encodes text we normalized by hand, to read what the oracle implies.
  if (variant === 'identity') tokenizer.normalizer = null;
  return tokenizer;
}
const patched = makeTokenizer('patched');
const library = makeTokenizer('library');
const identity = makeTokenizer('identity');
const ids = (tokenizer: Tokenizer, text: string): number[] => tokenizer.encode(text, { add_special_tokens: false }).ids;

// Call `default` (max_length 512): input_ids = <s>(0) q </s>(2) </s>(2) p </s>(2), query cut to
// query_max_length, then the passage cut from its end when the pair exceeds max_length (README
// rules 5-6). Splits the ids with the query length our tokenizer gives; the structure check
// (0, 2 2, 2 at the right places) fails if that length is wrong.
const defaultCall = oracle.calls.find((call) => call.id === 'default')!;
function expectedIds(pairIndex: number, queryLength: number): { query: number[]; passage: number[]; truncated: boolean } {
  const record = defaultCall.per_pair.find((p) => p.pair_index === pairIndex)!;
  const inputIds = record.input_ids;
  const q = Math.min(queryLength, defaultCall.effective.query_max_length);
  expect(inputIds[0]).toBe(0);
  expect(inputIds.slice(1 + q, 3 + q)).toEqual([2, 2]);
  expect(inputIds.at(-1)).toBe(2);
  return {
    query: inputIds.slice(1, 1 + q),
    passage: inputIds.slice(3 + q, -1),
    truncated: inputIds.length === defaultCall.effective.max_length,
  };
}

describe('xlmr-tiny battery: patched tokenizer gives FlagEmbedding ids', () => {
  it('the battery and the default call are as documented', () => {
    expect(oracle.pairs.length).toBe(24);
    expect(defaultCall.effective).toMatchObject({ max_length: 512, query_max_length: 384 });
    expect(defaultCall.per_pair.map((p) => p.pair_index).sort((a, b) => a - b)).toEqual(oracle.pairs.map((_, i) => i));
  });

  it.each(oracle.pairs.map((pair, index) => [index, pair] as const))('pair %i', (index, [query, passage]) => {
    const queryIds = ids(patched, query);
    const passageIds = ids(patched, passage);
    const expected = expectedIds(index, queryIds.length);
    expect(queryIds.slice(0, defaultCall.effective.query_max_length)).toEqual(expected.query);
    if (expected.truncated) {
      // Long pairs (3, 5, 21) reach max_length: the oracle holds a prefix of the passage.
      expect(passageIds.length).toBeGreaterThan(expected.passage.length);
      expect(passageIds.slice(0, expected.passage.length)).toEqual(expected.passage);
    } else {
      expect(passageIds).toEqual(expected.passage);
    }
  });

  it('without the patch pair 12 differs (library bug: ZWJ becomes a space)', () => {
    const [, passage] = oracle.pairs[12]!;
    const expected = expectedIds(12, ids(patched, oracle.pairs[12]![0]).length);
    expect(ids(library, passage)).not.toEqual(expected.passage);
    // The family emoji is one <unk> word for FlagEmbedding, three for the library.
    expect(library.normalizer!(passage)).toContain('👩 👩 👧');
    expect(patched.normalizer!(passage)).toContain('👩\u200d👩\u200d👧');
  });
});

describe('normalizeWithCharsmap: what the oracle ids imply', () => {
  // Each hand-normalized text, encoded with NO normalizer, must give the oracle's ids: the ids
  // then pin down the normalization (where JS and Rust whitespace splitting could hide a
  // difference, e.g. NBSP kept vs NBSP -> space, the charsmap case below is the check).
  const cases: [pair: number, side: 0 | 1, normalized: string][] = [
    [12, 1, '🐼🐼🐼 bamboo 🎋 👩\u200d👩\u200d👧 family 👍🏽'], // ZWJ kept
    [16, 0, 'PANDA file 123'], // full-width letters, ligature fi, circled digits
    [16, 1, 'The giant panda TM 1\u20442 \u00e9t\u00e9 \u00c5'], // NFKC-like compatibility mappings, e+U+0301 composed
    [18, 0, 'panda bear'], // U+200B ZERO WIDTH SPACE -> space
    [18, 1, 'giant panda bear  end'], // U+3000, NBSP, U+FEFF, U+2028 -> spaces
    [23, 0, 'tab query  with   spaces '], // tab -> space
    [23, 1, 'line1 line2bell\u0000nul'], // CR LF -> ONE space, BEL removed, NUL kept
  ];
  it.each(cases)('pair %i side %i', (pair, side, normalized) => {
    const text = oracle.pairs[pair]![side];
    expect(normalizeWithCharsmap(CHARSMAP, text)).toBe(normalized);
    const queryLength = ids(patched, oracle.pairs[pair]![0]).length;
    const expected = expectedIds(pair, queryLength);
    expect(ids(identity, normalized)).toEqual(side === 0 ? expected.query : expected.passage);
  });
});

describe('normalizeWithCharsmap: single characters and graphemes', () => {
  const cases: [what: string, input: string, output: string][] = [
    ['ZWJ kept alone', '\u200d', '\u200d'],
    ['ZWJ kept in an emoji sequence', '👩\u200d👩\u200d👧', '👩\u200d👩\u200d👧'],
    ['ZWNJ -> space', 'a\u200cb', 'a b'],
    ['ideographic space -> space', 'a\u3000b', 'a b'],
    ['NBSP -> space', 'a\u00a0b', 'a b'],
    ['full-width letters -> ASCII', '\uff30\uff21\uff2e\uff24\uff21', 'PANDA'],
    ['ligature fi', '\ufb01', 'fi'],
    ['circled digits', '\u2460\u2461\u2462', '123'],
    ['C0 controls and DEL removed', 'a\u0001\u0007\u001f\u007fb', 'ab'],
    ['C1 controls U+008F/U+009F removed, U+0080 kept', '\u0080\u008f\u009f', '\u0080'],
    ['NUL kept (darts-clone keys stop at NUL)', 'a\u0000b', 'a\u0000b'],
    ['tab, LF, CR -> space', '\t\n\r', '   '],
    ['CR LF is one grapheme -> one space', 'a\r\nb', 'a b'],
    ['LF CR are two graphemes', 'a\n\rb', 'a  b'],
    ['U+2581 -> space', '\u2581', ' '],
    ['soft hyphen kept', 'a\u00adb', 'a\u00adb'],
    ['U+2060 word joiner kept', 'a\u2060b', 'a\u2060b'],
    ['e + combining acute composed (whole-grapheme entry)', 'e\u0301', '\u00e9'],
    ['combining mark after x kept', 'x\u0301', 'x\u0301'],
    // Rust quirk: the shortest matching prefix (U+FF21 alone) replaces the whole grapheme.
    ['full-width A + acute: the accent is dropped', '\uff21\u0301', 'A'],
    // 6 UTF-8 bytes: no whole-grapheme lookup, so no composition (NFKC would give U+30D1).
    ['half-width ha + semi-voiced mark: char by char', '\uff8a\uff9f', '\u30cf\u309a'],
    ['NFD Hangul (9 bytes) stays decomposed', '\u1100\u1161\u11a8', '\u1100\u1161\u11a8'],
    ['flag and skin tone kept', '🇯🇵👍🏽', '🇯🇵👍🏽'],
    ['math letters (tokenizers precompiled_test.rs)', '𝔾𝕠𝕠𝕕 𝕞𝕠𝕣𝕟𝕚𝕟𝕘', 'Good morning'],
    // tokenizers precompiled_test.rs `test_failure_mode`: SARA AM decomposed, the rest kept.
    ['Thai (tokenizers precompiled_test.rs)', 'เขาไม่ได้พูดสักคำ', 'เขาไม\u0e48ได\u0e49พ\u0e39ดส\u0e31กค\u0e4dา'],
    ['lone surrogate kept', 'a\ud800b', 'a\ud800b'],
    ['empty', '', ''],
  ];
  it.each(cases)('%s', (_what, input, output) => {
    expect(normalizeWithCharsmap(CHARSMAP, input)).toBe(output);
  });

  it('returns the very same string when nothing changes', () => {
    const text = 'The giant panda, 熊猫, パンダ, 판다, панда.';
    expect(normalizeWithCharsmap(CHARSMAP, text)).toBe(text);
  });

  it('transformWithCharsmap is the shortest-prefix lookup', () => {
    expect(transformWithCharsmap(CHARSMAP, '\ufb01')).toBe('fi');
    expect(transformWithCharsmap(CHARSMAP, '\uff21\u0301')).toBe('A');
    expect(transformWithCharsmap(CHARSMAP, '\u0001')).toBe('');
    expect(transformWithCharsmap(CHARSMAP, 'a')).toBeUndefined();
  });
});

describe('normalizeWithCharsmap: fast paths agree with the plain algorithm', () => {
  // precompiled.rs transcribed without any fast path: segment everything, look up each grapheme.
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const encoder = new TextEncoder();
  function reference(text: string): string {
    let out = '';
    for (const { segment } of segmenter.segment(text)) {
      const whole = encoder.encode(segment).length < 6 ? transformWithCharsmap(CHARSMAP, segment) : undefined;
      if (whole !== undefined) out += whole;
      else for (const char of segment) out += transformWithCharsmap(CHARSMAP, char) ?? char;
    }
    return out;
  }
  // Characters from every branch: ASCII, CR/LF, controls, plain BMP letters, combining marks,
  // ZWJ, emoji and modifiers, regional indicators, Hangul jamo, Prepend, compatibility chars.
  const pool = [
    'a', 'Z', ' ', '.', '\r', '\n', '\t', '\u0000', '\u0007', '\u0085', '\u00a0', '\u00e9', 'ß', 'ω', 'ж', 'ب',
    '\u064b', '\u0600', '\u0301', '\u0308', '\u200b', '\u200c', '\u200d', '\u2028', '\u3000', '\u3099', '熊', 'ぱ',
    'パ', '\uff8a', '\uff9f', '\uff21', '\ufb01', '\u2460', '\u2122', '\ufeff', '\u1100', '\u1161', '\u11a8', '한',
    '👩', '👍', '\u{1f3fd}', '🇯', '🇵', '❤', '\ufe0f', '\u0e33', '\u0e48', 'क', '\u094d', '\ud800', '\u{1d53e}',
  ];
  it('on 3000 random strings', () => {
    // Deterministic LCG so that a failure is reproducible.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const length = 1 + random(12);
      for (let j = 0; j < length; j++) text += pool[random(pool.length)];
      expect(normalizeWithCharsmap(CHARSMAP, text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('every "plain" BMP char never joins a neighbour (checked with ICU)', () => {
    // Joins after 'a' = Extend/ZWJ/SpacingMark; before 'a' = Prepend; with itself = RI or
    // conjoining jamo: together these cover every UAX #29 no-break rule except CR LF.
    const count = (s: string): number => [...segmenter.segment(s)].length;
    for (let c = 0x80; c < 0x10000; c++) {
      if (!isPlainUnit(c)) continue;
      const x = String.fromCharCode(c);
      expect(count(`a${x}a`) === 3 && count(x + x) === 2, c.toString(16)).toBe(true);
    }
  });
});

describe('charsmap parsing', () => {
  it('decodes base64 like the standard alphabet', () => {
    expect([...decodeBase64('AAEC/w==')]).toEqual([0, 1, 2, 255]);
    expect([...decodeBase64('+/+/')]).toEqual([251, 255, 191]);
    expect(() => decodeBase64('AA*A')).toThrow();
  });

  it('matches the layout: trie size, units, NUL-terminated replacements', () => {
    const charsmap = parseCharsmap(CHARSMAP);
    const bytes = decodeBase64(CHARSMAP);
    const trieBytes = new DataView(bytes.buffer).getUint32(0, true);
    expect(charsmap.units.length).toBe(trieBytes / 4);
    expect(charsmap.replacements.length).toBe(bytes.length - 4 - trieBytes);
  });

  it('rejects charsmaps that Rust cannot load', () => {
    expect(() => parseCharsmap('')).toThrow();
    // Trie size 16 bytes but only 4 follow.
    expect(() => parseCharsmap('EAAAAAAAAAA=')).toThrow();
  });

  it('caches one parse per charsmap string', () => {
    expect(getCharsmap(CHARSMAP)).toBe(getCharsmap(CHARSMAP));
  });
});

describe('patchPrecompiledNormalizers', () => {
  it('replaces the top-level Precompiled normalizer; it stays callable and a PrecompiledNormalizer', () => {
    const tokenizer = makeTokenizer('patched');
    expect(tokenizer.normalizer).toBeInstanceOf(CharsmapNormalizer);
    expect(tokenizer.normalizer).toBeInstanceOf(PrecompiledNormalizer);
    expect(tokenizer.normalizer!('a\u200db\u3000c')).toBe('a\u200db c');
    const again = tokenizer.normalizer;
    patchPrecompiledNormalizers(tokenizer);
    expect(tokenizer.normalizer).toBe(again);
  });

  it('walks Sequences and leaves charsmap-less Precompiled alone', () => {
    const tokenizer = makeTokenizer('library');
    const sequence = new SequenceNormalizer({
      type: 'Sequence',
      normalizers: [
        { type: 'Sequence', normalizers: [{ type: 'Precompiled', precompiled_charsmap: CHARSMAP }] },
        { type: 'Precompiled', precompiled_charsmap: '' },
        { type: 'Lowercase' },
      ],
    });
    tokenizer.normalizer = sequence;
    patchPrecompiledNormalizers(tokenizer);
    expect(tokenizer.normalizer).toBe(sequence);
    const [inner, empty, lowercase] = sequence.normalizers;
    expect((inner as SequenceNormalizer).normalizers[0]).toBeInstanceOf(CharsmapNormalizer);
    expect(empty).toBeInstanceOf(PrecompiledNormalizer);
    expect(empty).not.toBeInstanceOf(CharsmapNormalizer);
    expect(lowercase).not.toBeInstanceOf(PrecompiledNormalizer);
  });
});
