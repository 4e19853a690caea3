import { RerankerError } from '../errors.js';
import type { RerankTask } from './rerank-run.js';
import { cutRun } from './run-order.js';
import type { Run } from './trec-files.js';

/**
 * The tasks of a BEIR evaluation: each query of the first-stage run, in run-file order, with its
 * best `topK` documents (cutRun). A qid of the run missing from the queries, or a docno retrieved
 * twice for one query (trec_eval refuses it too), is INVALID_INPUT.
 *
 * @example
 * const tasks = rerankTasks(parseRun(runText), await readBeirQueries(lines), 100);
 */
export function rerankTasks(run: Run, queries: ReadonlyMap<string, string>, topK: number): RerankTask[] {
  if (!Number.isInteger(topK) || topK < 1) throw new RerankerError('INVALID_OPTION', `topK must be a positive integer, got ${String(topK)}`);
  return [...cutRun(run, topK)].map(([qid, entries]) => {
    const query = queries.get(qid);
    if (query === undefined) throw new RerankerError('INVALID_INPUT', `run: query ${qid} is not in the queries file`);
    const seen = new Set<string>();
    for (const { docno } of run.get(qid)!) {
      if (seen.has(docno)) throw new RerankerError('INVALID_INPUT', `run: query ${qid} retrieves document ${docno} twice`);
      seen.add(docno);
    }
    return { qid, query, docnos: entries.map((entry) => entry.docno) };
  });
}

/** Every docno the tasks need: what to keep of the corpus (readBeirCorpus's `wanted`). */
export function neededDocnos(tasks: readonly RerankTask[]): Set<string> {
  return new Set(tasks.flatMap((task) => task.docnos));
}

/** INVALID_INPUT naming the first docnos the tasks need that the corpus lacks; nothing when all are there. */
export function checkCorpusCovers(tasks: readonly RerankTask[], corpus: ReadonlyMap<string, string>): void {
  const missing = [...neededDocnos(tasks)].filter((docno) => !corpus.has(docno));
  if (missing.length === 0) return;
  const shown = missing.slice(0, 5).join(', ');
  throw new RerankerError('INVALID_INPUT', `run: ${missing.length} document(s) not in the corpus: ${shown}${missing.length > 5 ? ', …' : ''}`);
}
