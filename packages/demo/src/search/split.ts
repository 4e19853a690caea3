// Splits a document into the passages Search mode indexes with BM25 and reranks.
//
// Why not core's chunking (packages/core/src/engine/chunking.ts): it cuts windows by the model's
// tokens, beside one query, inside a rank call; an index is built before any query or model
// exists. So documents are split here by characters, model-agnostic, and at query time rank()'s
// `chunking` option still cuts a passage that is too long for the loaded model into token
// windows and reports the winning one (the highlighted chunk).

/** A passage: `text` is the document's characters `start..end` with runs of whitespace made one space. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

export interface SplitOptions {
  /** Longest passage, in characters (about 200 English words at 1,000). */
  maxChars?: number | undefined;
  /** Characters of whole words the next passage repeats from the end of the previous one. */
  overlapChars?: number | undefined;
}

interface Word {
  start: number;
  end: number;
}

/**
 * Windows of whole words of at most `maxChars` characters, each ending where it reads best: at a
 * paragraph break if one lies in the window's second half, else after a sentence, else at the
 * last word that fits. Consecutive windows share up to `overlapChars` characters, so a sentence
 * cut at a window's end is whole in the next. A "word" longer than `maxChars` is cut.
 *
 * @example
 * splitPassages('First paragraph.\n\nSecond one.', { maxChars: 20 }).map((p) => p.text); // ['First paragraph.', 'Second one.']
 */
export function splitPassages(text: string, options: SplitOptions = {}): Piece[] {
  const maxChars = options.maxChars ?? 1000;
  const overlapChars = options.overlapChars ?? 150;
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError(`maxChars must be a positive integer, got ${maxChars}`);
  if (!(overlapChars >= 0 && overlapChars < maxChars)) throw new RangeError(`overlapChars must be in [0, maxChars), got ${overlapChars}`);
  const words: Word[] = Array.from(text.matchAll(new RegExp(`\\S{1,${maxChars}}`, 'g')), (m) => ({ start: m.index, end: m.index + m[0].length }));
  const pieces: Piece[] = [];
  let first = 0;
  while (first < words.length) {
    const start = (words[first] as Word).start;
    let last = first;
    while (last + 1 < words.length && (words[last + 1] as Word).end - start <= maxChars) last++;
    if (last + 1 < words.length) last = bestBreak(text, words, first, last, start + maxChars / 2);
    const end = (words[last] as Word).end;
    pieces.push({ text: text.slice(start, end).replace(/\s+/g, ' '), start, end });
    if (last === words.length - 1) break;
    // The next window starts at the earliest word within `overlapChars` of this end (the
    // earliest that begins a sentence, if one does), and always after `first`, so every step
    // makes progress.
    let next = last + 1;
    while (next - 1 > first && (words[next - 1] as Word).start >= end - overlapChars) next--;
    for (let k = next; k <= last; k++) {
      if (endsSentence(text, words[k - 1] as Word)) {
        next = k;
        break;
      }
    }
    first = next;
  }
  return pieces;
}

// The word to end on among first..last: the last one before a paragraph break, else the last one
// ending a sentence, looking only at words that end at or after `notBefore`; else `last`.
function bestBreak(text: string, words: readonly Word[], first: number, last: number, notBefore: number): number {
  let sentence = -1;
  for (let k = last; k >= first && (words[k] as Word).end >= notBefore; k--) {
    const word = words[k] as Word;
    const gap = text.slice(word.end, (words[k + 1] as Word).start);
    if (/\n[^\S\n]*\n/.test(gap)) return k;
    if (sentence < 0 && endsSentence(text, word)) sentence = k;
  }
  return sentence >= 0 ? sentence : last;
}

function endsSentence(text: string, word: Word): boolean {
  return /[.!?:;]["')\]]*$/.test(text.slice(word.start, word.end));
}
