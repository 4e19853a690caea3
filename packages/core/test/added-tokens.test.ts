import { readFileSync } from 'node:fs';
import { AddedToken as LibraryAddedToken } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { AddedTokenMatcher } from '../src/tokenizer/added-tokens.js';
import { createTextTokenizer, type TextTokenizer } from '../src/tokenizer/text-tokenizer.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// Expected ids follow Rust `tokenizers` (what FlagEmbedding runs), added_vocabulary.rs: tokens
// with `normalized: false` are matched in the RAW text only, those with `normalized: true` in
// each normalized stretch; `lstrip`/`rstrip` take the Unicode White_Space (regex `\s`) next to a
// match into the token; a `single_word` match next to a regex `\w` char is dropped. What no
// added token claims goes through normalizer, pre-tokenizer and model, so it must encode as it
// would with no added tokens at all (`bare` below).

type AddedTokenJson = { content: string } & Record<string, unknown>;
const read = (model: string, file: string): { added_tokens: AddedTokenJson[] } & Record<string, unknown> =>
  JSON.parse(readFileSync(`${REFERENCE_DIR}${model}/${file}`, 'utf8'));

/** A reference tokenizer, its added tokens optionally edited (filter them, change options). */
function load(model: string, edit: (tokens: AddedTokenJson[]) => AddedTokenJson[] = (t) => t): TextTokenizer {
  const json = read(model, 'tokenizer.json');
  return createTextTokenizer({ ...json, added_tokens: edit(json.added_tokens) }, read(model, 'tokenizer_config.json'));
}
const withMask = (options: Record<string, unknown>) => (tokens: AddedTokenJson[]) =>
  tokens.map((t) => (t.content === '<mask>' ? { ...t, ...options } : t));

describe('special-token look-alikes (xlmr-tiny: all added tokens normalized: false)', () => {
  const xlmr = load('xlmr-tiny');
  const bare = load('xlmr-tiny', () => []);

  it('encodes fullwidth ＜s＞ ＜/s＞ ＜pad＞ ＜unk＞ ＜mask＞ as ordinary model pieces, not as the special token', () => {
    // NFKC turns U+FF1C/U+FF1E into < >, but the raw text holds no `<s>`: Rust gives the text to
    // Metaspace ("▁<s>") and Unigram. XLM-R's Unigram vocabulary itself holds <s> <pad> </s> <unk>
    // (ids 0-3) and <mask> (2999) with score 0.0, so the best path is "▁" (4, -2.297) + the piece
    // (0.0): the look-alike still ends in the piece's id, but after a "▁" the special token lacks.
    expect(xlmr.encode('＜s＞')).toEqual([4, 0]);
    expect(xlmr.encode('＜/s＞')).toEqual([4, 2]);
    expect(xlmr.encode('＜pad＞')).toEqual([4, 1]);
    // <unk> scored 0.0 as a vocabulary piece (Rust), not with the unknown-char penalty.
    expect(xlmr.encode('＜unk＞')).toEqual([4, 3]);
    expect(xlmr.encode('＜mask＞')).toEqual([4, 2999]);
  });

  it('encodes look-alikes anywhere exactly as a tokenizer without added tokens does', () => {
    for (const text of ['＜s＞', '＜unk＞', 'a＜s＞b', 'word＜/s＞word', 'what is ＜s＞ panda＜/s＞?', '＜mask＞ ＜pad＞x', '＜unk＞ab']) {
      expect(xlmr.encode(text), text).toEqual(bare.encode(text));
    }
    // Inside a word the pieces merge with their neighbours: "▁a" <s> "b".
    expect(xlmr.encode('a＜s＞b')).toEqual([12, 0, 50]);
  });

  it('keeps real special tokens special next to look-alikes', () => {
    expect(xlmr.encode('<s>＜s＞')).toEqual([0, 4, 0]);
    expect(xlmr.encode('＜s＞<s>')).toEqual([4, 0, 0]);
    expect(xlmr.encode('＜/s＞</s>')).toEqual([4, 2, 2]);
    // The reference battery's "what is <s> panda</s>?" is [754, 14, 0, 212, 331, 17, 2, 4, 804];
    // the look-alike adds the stretch " ＜s＞" = "▁" <s> after the real <s>.
    expect(xlmr.encode('what is <s> ＜s＞ panda</s>?')).toEqual([754, 14, 0, 4, 0, 212, 331, 17, 2, 4, 804]);
  });

  it('strips Unicode whitespace before the real <mask> (lstrip), and only before it', () => {
    // On this tokenizer stripped or not the whitespace vanishes (WhitespaceSplit, and the charsmap
    // maps U+FEFF to a space), so all read "▁x" <mask>; the gemma cases below tell them apart.
    for (const text of ['x <mask>', 'x  <mask>', 'x\t<mask>', 'x\u0085<mask>', 'x\uFEFF<mask>']) {
      expect(xlmr.encode(text), JSON.stringify(text)).toEqual([4, 78, 2999]);
    }
    expect(xlmr.encode('\uFEFF<mask>')).toEqual([2999]);
    // No rstrip: the space after <mask> stays with "x" (prefixed "▁", as any stretch is).
    expect(xlmr.encode('<mask> x')).toEqual([2999, 4, 78]);
    expect(xlmr.encode('＜mask＞ <mask>')).toEqual([4, 2999, 2999]);
  });

  it('matches normalized: true tokens in the normalized text', () => {
    const normalized = load('xlmr-tiny', withMask({ normalized: true }));
    // Now the NFKC form of ＜mask＞ IS the token's (normalized) content: the token, no "▁".
    expect(normalized.encode('＜mask＞')).toEqual([2999]);
    expect(normalized.encode('x＜mask＞y')).toEqual([4, 78, 2999, 4, 35]);
    expect(normalized.encode('x ＜mask＞')).toEqual([4, 78, 2999]);
    expect(normalized.encode('<s>＜mask＞')).toEqual([0, 2999]);
  });

  it('normalizes a normalized: true token with the charsmap, as it normalizes the text', () => {
    // The library's own Precompiled approximation turns the ZWJ into a space ("a b"); the
    // charsmap keeps it (see charsmap-normalizer.ts), so only the charsmap form can match.
    const zwj = { id: 3000, content: 'a\u200Db', single_word: false, lstrip: false, rstrip: false, normalized: true, special: false };
    const tokenizer = load('xlmr-tiny', (tokens) => [...tokens, zwj]);
    expect(tokenizer.encode('x a\u200Db')).toEqual([4, 78, 3000]);
    expect(tokenizer.encode('x ａ\u200Dｂ')).toEqual([4, 78, 3000]);
  });
});

describe('lstrip / rstrip / single_word (gemma-tiny: whitespace survives to the BPE bytes)', () => {
  // gemma-tiny's <mask> (4) has none of these options; the variants set them. Its BPE keeps
  // every char: U+0085 is <0xC2><0x85> (199, 138), U+FEFF is <0xEF><0xBB><0xBF> (244, 192, 196).
  const gemma = load('gemma-tiny');
  const bare = load('gemma-tiny', (tokens) => tokens.filter((t) => t.content !== '<mask>'));

  it('lstrip/rstrip take U+0085 (White_Space) into the token and leave U+FEFF (not White_Space)', () => {
    const strip = load('gemma-tiny', withMask({ lstrip: true, rstrip: true }));
    expect(gemma.encode('x\u0085')).toEqual([347, 199, 138]);
    expect(strip.encode('x\u0085<mask>')).toEqual([347, 4]);
    expect(strip.encode('x\uFEFF<mask>')).toEqual([...gemma.encode('x\uFEFF'), 4]);
    expect(strip.encode('x<mask>\u0085y')).toEqual([347, 4, 348]);
    expect(strip.encode('x<mask>\uFEFFy')).toEqual([347, 4, 244, 192, 196, 348]);
    expect(strip.encode('x <mask> y')).toEqual([347, 4, 348]);
  });

  it('strips a normalized: true token in the normalized text, where gemma has turned spaces into "▁"', () => {
    const strip = load('gemma-tiny', withMask({ normalized: true, lstrip: true }));
    expect(strip.encode('x\u0085<mask>')).toEqual([347, 4]);
    // Replace(" " -> "▁") ran first: "▁" is not whitespace, so it stays (huggingface/tokenizers#1408).
    expect(strip.encode(' <mask>')).toEqual([419, 4]);
  });

  it('single_word drops a match touching a Unicode word char (letters, marks, digits, "_")', () => {
    const single = load('gemma-tiny', withMask({ single_word: true }));
    for (const text of ['a<mask>b', 'é<mask>', '<mask>_', 'x<mask>\u0085y', '9<mask>']) {
      expect(single.encode(text), text).toEqual(bare.encode(text));
      expect(single.encode(text), text).not.toContain(4);
    }
    expect(single.encode('-<mask>')).toEqual([274, 4]);
    expect(single.encode('a <mask> b')).toEqual(gemma.encode('a <mask> b'));
    expect(single.encode('a <mask> b')).toContain(4);
  });
});

describe('minicpm-layerwise-tiny (no normalizer)', () => {
  const minicpm = load('minicpm-layerwise-tiny');
  const bare = load('minicpm-layerwise-tiny', () => []);

  it('finds its special tokens in the raw text and leaves look-alikes to the model', () => {
    expect(minicpm.encode('a</s>')).toEqual([...bare.encode('a'), 2]);
    for (const text of ['＜s＞', 'a＜/s＞b', '<s', 's>']) expect(minicpm.encode(text), text).toEqual(bare.encode(text));
  });
});

describe('AddedTokenMatcher on the cases of Rust added_vocabulary.rs tests', () => {
  // Rust runs these with a Lowercase normalizer and normalized tokens: the matcher sees the
  // lowercased text. Ids as in Rust's tests; strings are the stretches left to tokenize.
  const token = (id: number, content: string, options: Partial<LibraryAddedToken> = {}) => new LibraryAddedToken({ id, content, ...options });

  it('options_use_cases: lstrip+rstrip take the spaces, single_word skips "ony" inside "anthony"', () => {
    const raw = new AddedTokenMatcher([['[CLS]', token(3, '[CLS]')], ['[SEP]', token(4, '[SEP]')]]);
    const normalized = new AddedTokenMatcher(
      [token(0, 'my', { lstrip: true, rstrip: true }), token(1, 'name'), token(2, 'ony', { single_word: true })].map((t) => [t.content, t] as const),
    );
    const pieces = raw.split('[CLS] My name is Anthony [SEP]').flatMap((p) => (typeof p === 'number' ? [p] : normalized.split(p.toLowerCase())));
    expect(pieces).toEqual([3, 0, 1, ' is anthony ', 4]);
  });

  it('test_single_word_is_correct and test_single_word_is_unicode_correct', () => {
    const mask = new AddedTokenMatcher([['<mask>', token(0, '<mask>', { single_word: true })]]);
    expect(mask.split('<mask> my name <mask> a<mask> <mask>ony <mask>')).toEqual([0, ' my name ', 0, ' a<mask> <mask>ony ', 0]);
    // Punctuation is not a word char; the combining mark U+0330 is.
    expect(mask.split('<mask>, <mask>- \u25CC\u0330<mask>')).toEqual([0, ', ', 0, '- \u25CC\u0330<mask>']);
  });

  it('test_lstrip_unicode_space: tab and U+2000 are stripped, a stripped char is not taken twice', () => {
    const mask = new AddedTokenMatcher([['<mask>', token(0, '<mask>', { lstrip: true, rstrip: true, single_word: true })]]);
    expect(mask.split('hi <mask> there\t<mask>\t<mask>\u2000')).toEqual(['hi', 0, 'there', 0, 0]);
  });
});
