// The Unigram vocabulary: deterministic, built from the embedded lists in wordlist.ts.
// Layout follows XLM-R: <s>=0 <pad>=1 </s>=2 <unk>=3, real pieces, synthetic filler up to the
// requested size, <mask> last.
import {
  CAPITALISED, CAPITALISED_WORDS, CJK_CHARACTERS, COMMON_WORDS, CYRILLIC_LETTERS, EXTRA_SYMBOLS,
  LATIN1_LETTERS, SUBWORDS,
} from './wordlist.js';

export const SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const;
export const MASK_TOKEN = '<mask>';
export const UNK_ID = 3;
/** sentencepiece's word-boundary marker. */
export const SPACE_MARK = '\u2581';

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The real (non-filler) pieces, most frequent first. */
function realPieces(): string[] {
  const chars = [
    ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)), // printable ASCII
    ...EXTRA_SYMBOLS, ...LATIN1_LETTERS, ...CYRILLIC_LETTERS, ...CJK_CHARACTERS,
    // Pieces are matched against normalised text: a character NFKC rewrites could never match.
  ].filter((c) => c.normalize('NFKC') === c);
  const ordered = [
    SPACE_MARK,
    ...words(COMMON_WORDS).map((w) => SPACE_MARK + w),
    ...words(SUBWORDS),
    ...words(CAPITALISED).map((w) => SPACE_MARK + capitalise(w)),
    ...words(CAPITALISED_WORDS).map((w) => SPACE_MARK + w),
    // Every character both word-initial and word-internal, so no covered text is <unk>.
    ...chars.map((c) => SPACE_MARK + c),
    ...chars,
  ];
  return [...new Set(ordered)];
}

/**
 * Filler pieces made of two Private Use Area characters: normalised text never contains
 * them, so they pad the vocabulary to the real model's size without changing tokenization.
 */
function fillerPiece(i: number): string {
  return String.fromCharCode(0xe000 + Math.floor(i / 6400), 0xe000 + (i % 6400));
}

/**
 * Log-probability-like scores that decrease with rank (Zipf: log(1 / (rank + 2)) - 1), so
 * Viterbi prefers a whole word over its characters.
 */
function score(rank: number): number {
  return Math.fround(-Math.log(rank + 2) - 1);
}

export interface Vocab {
  /** [piece, score] in id order, as tokenizer.json's Unigram model lists them. */
  readonly pieces: readonly (readonly [string, number])[];
  readonly maskId: number;
}

export function buildVocab(size: number): Vocab {
  const real = realPieces();
  const minimum = SPECIAL_TOKENS.length + real.length + 1;
  if (size < minimum) throw new Error(`vocab size ${size} is below the ${minimum} built-in pieces`);
  const pieces: [string, number][] = SPECIAL_TOKENS.map((t) => [t, 0]);
  real.forEach((p, i) => pieces.push([p, score(i)]));
  for (let i = 0; pieces.length < size - 1; i++) pieces.push([fillerPiece(i), score(real.length + i)]);
  pieces.push([MASK_TOKEN, 0]);
  return { pieces, maskId: size - 1 };
}
