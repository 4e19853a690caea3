/**
 * Added-token matching as Rust `tokenizers` does it (huggingface/tokenizers
 * `tokenizers/src/tokenizer/added_vocabulary.rs`, `AddedVocabulary::find_matches`), replacing
 * @huggingface/tokenizers 0.2.0's, which differs in three ways that change ids:
 * - it decides that a piece IS an added token by comparing its text with the token contents
 *   AFTER normalization, so fullwidth `＜s＞` (NFKC: `<s>`) became the special `<s>`, although
 *   Rust matches a `normalized: false` token against the raw text only;
 * - its `lstrip` / `rstrip` trim JS `\s` (which has U+FEFF, lacks U+0085) where Rust's regex
 *   `\s` is Unicode White_Space;
 * - it ignores `single_word`.
 */
import type { AddedToken } from '@huggingface/tokenizers';

/** A stretch of text still to tokenize, or the id of an added token found there. */
export type Piece = string | number;

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  token?: AddedToken;
}

/**
 * One of Rust's two matching sets: the `normalized: false` tokens, matched in the raw text, or
 * the `normalized: true` ones, matched (by their normalized content) in the normalized text.
 */
export class AddedTokenMatcher {
  private readonly root: TrieNode = { next: new Map() };

  /** `patterns`: the text to look for and its token; the first token for a text wins. */
  constructor(patterns: Iterable<readonly [string, AddedToken]>) {
    for (const [text, token] of patterns) {
      if (text.length === 0) continue; // Rust skips empty contents (an empty pattern matches everywhere)
      let node = this.root;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) node.next.set(code, (child = { next: new Map() }));
        node = child;
      }
      node.token ??= token;
    }
  }

  /**
   * `find_matches`: leftmost-longest, non-overlapping matches, scanning on after a match's own
   * end; a `single_word` match next to a word character is dropped, `lstrip` / `rstrip` take
   * the whitespace around a match into the token. Empty stretches are left out.
   */
  split(text: string): Piece[] {
    if (this.root.next.size === 0) return text.length > 0 ? [text] : [];
    const pieces: Piece[] = [];
    let taken = 0; // Rust's start_offset: where the text not yet given out begins
    for (let i = 0; i < text.length; ) {
      const [token, end] = this.longestAt(text, i);
      if (!token) {
        i++;
        continue;
      }
      let start = i;
      i = end;
      if (token.single_word && !isSingleWord(text, start, end)) continue;
      // Rust: start = max(newstart, start_offset) - whitespace an rstrip already took stays taken.
      if (token.lstrip) start = whiteSpaceStart(text, start, taken);
      const stop = token.rstrip ? whiteSpaceEnd(text, end) : end;
      if (start > taken) pieces.push(text.slice(taken, start));
      pieces.push(token.id);
      taken = stop;
    }
    if (taken < text.length) pieces.push(text.slice(taken));
    return pieces;
  }

  // The longest pattern starting at `start` and its end, or [undefined, start].
  private longestAt(text: string, start: number): [AddedToken | undefined, number] {
    let node = this.root.next.get(text.charCodeAt(start));
    let found: AddedToken | undefined;
    let end = start;
    for (let j = start + 1; node; j++) {
      if (node.token) [found, end] = [node.token, j];
      node = j < text.length ? node.next.get(text.charCodeAt(j)) : undefined;
    }
    return [found, end];
  }
}

// Rust regex `\w` (Unicode): Alphabetic, marks, decimal digits, connector punctuation, joiners.
const WORD_CHAR = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]$/u;

// `single_word`: neither the char before nor the char after the match is a word character.
function isSingleWord(text: string, start: number, end: number): boolean {
  return !isWordChar(codePointBefore(text, start)) && !isWordChar(text.codePointAt(end));
}

function isWordChar(codePoint: number | undefined): boolean {
  return codePoint !== undefined && WORD_CHAR.test(String.fromCodePoint(codePoint));
}

function codePointBefore(text: string, index: number): number | undefined {
  if (index === 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
  }
  return low;
}

/**
 * Unicode White_Space, what Rust's regex `\s` matches (and `char::is_whitespace`, see
 * whitespace-split.ts): U+0085 is whitespace, U+FEFF is not. All of it is in the BMP.
 */
function isWhiteSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

// Start of the whitespace run ending at `index` (`space_leftmost_at_end`), not before `floor`;
// a loop, not a `\s*$` regex, which backtracks quadratically on long texts.
function whiteSpaceStart(text: string, index: number, floor: number): number {
  while (index > floor && isWhiteSpace(text.charCodeAt(index - 1))) index--;
  return index;
}

// End of the whitespace run starting at `index` (`space_rightmost_at_start`).
function whiteSpaceEnd(text: string, index: number): number {
  while (index < text.length && isWhiteSpace(text.charCodeAt(index))) index++;
  return index;
}
