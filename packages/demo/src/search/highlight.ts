// Marks the query's words in a passage, as DOM nodes (text and <mark>), never as HTML strings.

// Words that would mark half of any English passage ("what does the panda eat": the, what,
// does). Only for marking: BM25 and the reranker see the whole query.
const STOPWORDS = new Set(
  'a an and are as at be but by can do does did for from had has have how i if in into is it its me my no not of on or our so than that the their them then there these they this to was we were what when where which who why will with you your'.split(' '),
);

/** The query's words worth marking: letters/digits, lowercased, two characters or more, no stopwords. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}

/**
 * `text` cut into runs, each marked when it is one of `terms` (case-insensitive) or starts
 * with one of them (BM25 matched "rerank" for "reranking"-style prefixes the user typed).
 *
 * @example
 * splitMarks('Giant pandas eat bamboo', ['panda']); // [{ text: 'Giant ', mark: false }, { text: 'pandas', mark: true }, …]
 */
export function splitMarks(text: string, terms: readonly string[]): { text: string; mark: boolean }[] {
  if (terms.length === 0) return text ? [{ text, mark: false }] : [];
  const runs: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    if (!terms.some((term) => word === term || (term.length >= 3 && word.startsWith(term)))) continue;
    if (match.index > at) runs.push({ text: text.slice(at, match.index), mark: false });
    runs.push({ text: match[0], mark: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), mark: false });
  return runs;
}

/** `text` as nodes, the query's words in <mark>. */
export function markedNodes(text: string, terms: readonly string[]): Node[] {
  return splitMarks(text, terms).map((run) => {
    if (!run.mark) return document.createTextNode(run.text);
    const mark = document.createElement('mark');
    mark.textContent = run.text;
    return mark;
  });
}
