/**
 * The terms BM25 indexes: NFKC-normalised, lower-cased runs of letters, marks and digits, as
 * Lucene's StandardAnalyzer keeps them (no stemming, no stop words), except that ideographs,
 * kana and hangul, written without spaces between words, become one term per character, so
 * that a Chinese or Japanese query matches inside a sentence.
 */
const SPACELESS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const TERM = new RegExp(String.raw`[${SPACELESS}]|(?:(?![${SPACELESS}])[\p{L}\p{M}\p{N}])+`, 'gu');

export function searchTerms(text: string): string[] {
  return Array.from(text.normalize('NFKC').toLowerCase().matchAll(TERM), (match) => match[0]);
}
