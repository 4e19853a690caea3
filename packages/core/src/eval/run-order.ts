import { compareStrcmp, type Run, type RunEntry } from './trec-files.js';

/**
 * A query's entries in trec_eval's order: score descending, ties by docno in descending strcmp
 * order (form_res_rels.c). Both the first-stage cut and the reranked run use it, so the rank
 * column written agrees with the order trec_eval (and `webrerank metrics`) reads back.
 */
export function trecOrder(entries: readonly RunEntry[]): RunEntry[] {
  return [...entries].sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : compareStrcmp(b.docno, a.docno)));
}

/**
 * Each query's best `topK` entries in trec_eval's order: the candidates a reranker sees. (BEIR
 * and FlagEmbedding sort by score too, but break ties by file order; trec_eval's tie-break makes
 * the cut the same documents the "before" metrics count.)
 */
export function cutRun(run: Run, topK: number): Run {
  const cut: Run = new Map();
  for (const [qid, entries] of run) cut.set(qid, trecOrder(entries).slice(0, topK));
  return cut;
}

/**
 * TREC run lines for one query, `qid Q0 docno rank score tag`, in trecOrder with ranks from 1.
 * Scores are written as JavaScript's shortest round-trip decimal, so reading the file back gives
 * the exact doubles (and the same order).
 *
 * @example
 * formatRunLines('q1', [{ docno: 'd3', score: 2.5 }], 'webrerank'); // 'q1 Q0 d3 1 2.5 webrerank\n'
 */
export function formatRunLines(qid: string, entries: readonly RunEntry[], tag: string): string {
  return trecOrder(entries).map(({ docno, score }, i) => `${qid} Q0 ${docno} ${i + 1} ${String(score)} ${tag}\n`).join('');
}
