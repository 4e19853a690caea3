import { createBm25Index } from '../search/bm25-index.js';
import { beirDocuments } from './beir-files.js';
import type { TextLine } from './text-lines.js';
import type { Run } from './trec-files.js';

/** Documents handed to the index at a time: bounds the passages held besides the index itself. */
const ADD_CHUNK = 1000;

/**
 * The first stage of `webrerank eval` without `--run`: BM25 (@webrerank/core/search, Okapi with
 * k1 1.2, b 0.75) over every document's passage (beirPassage, the text the reranker sees), then
 * each query's best `topK`. A query no document shares a term with gets no entry, as it would
 * have no line in a TREC run file.
 *
 * @example
 * const run = await bm25FirstStage(textLines(corpusChunks), queries, 100);
 */
export async function bm25FirstStage(corpusLines: AsyncIterable<TextLine>, queries: ReadonlyMap<string, string>, topK: number, name = 'corpus.jsonl'): Promise<Run> {
  const index = createBm25Index();
  let chunk: { id: string; text: string }[] = [];
  for await (const { id, passage } of beirDocuments(corpusLines, name)) {
    chunk.push({ id, text: passage });
    if (chunk.length === ADD_CHUNK) {
      index.add(chunk);
      chunk = [];
    }
  }
  index.add(chunk);
  const run: Run = new Map();
  for (const [qid, query] of queries) {
    const hits = index.search(query, topK);
    if (hits.length > 0) run.set(qid, hits.map((hit) => ({ docno: hit.id, score: hit.score })));
  }
  return run;
}
