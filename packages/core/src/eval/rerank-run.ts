import type { CallOptions, Pair, Reranker, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import { throwIfAborted } from '../shared/abort.js';
import { nextTurn } from '../shared/next-turn.js';
import { ProgressMeter, type EvalProgress } from './eval-progress.js';
import { trecOrder } from './run-order.js';
import type { RunEntry } from './trec-files.js';

/** One query to rerank: its text and its first-stage candidates (docnos, best first). */
export interface RerankTask {
  qid: string;
  query: string;
  docnos: readonly string[];
}

/** One reranked query: its candidates with the reranker's scores, in trec_eval's order. */
export interface RerankedQuery {
  qid: string;
  ranking: RunEntry[];
  /** Pairs of this query the model scored; the rest came from the cache. */
  scored: number;
}

/**
 * A store of scores already computed, keyed by (query, passage) within one scoring setup (model
 * files, dtype, the options that change scores): the caller builds one per setup. Node keeps one
 * on disk (node/score-cache.ts); a browser could keep one in IndexedDB.
 */
export interface ScoreCache {
  /** The known score of each passage for the query, by position; undefined where unknown. */
  get(query: string, passages: readonly string[]): Promise<readonly (number | undefined)[]>;
  /** Records scores of passages for the query. */
  set(query: string, passages: readonly string[], scores: readonly number[]): Promise<void>;
}

/** Options of rerankRun. */
export interface RerankRunOptions {
  /** The passage of a docno (e.g. beirPassage of its corpus record); throw for an unknown one. */
  passage: (docno: string) => string;
  /** Scoring options passed to computeScore (one score per pair: one cutoff layer at most). */
  scoreOptions?: ScoreOptions | undefined;
  /** Stops at the next batch boundary: the iteration ends with ABORTED; queries yielded before stay valid. */
  signal?: AbortSignal | undefined;
  /** Told after each batch and each query. */
  onProgress?: ((progress: EvalProgress) => void) | undefined;
  cache?: ScoreCache | undefined;
  /** qids finished earlier (a resumed run): skipped, counted as done. */
  done?: ReadonlySet<string> | undefined;
  /** Milliseconds clock for the rate (default Date.now). */
  now?: (() => number) | undefined;
}

/**
 * Reranks each task's candidates with `reranker.computeScore` and yields each query as soon as it
 * is scored, in task order, so a caller can write the run file incrementally and a resumed run
 * continues after the last query written. Each query's uncached pairs go to the model in one
 * computeScore call, so a query's batches (and its scores, to the last bit) do not depend on
 * where a previous run stopped. Scores of a query enter the cache only once the whole query is
 * scored.
 *
 * @example
 * for await (const { qid, ranking } of rerankRun(reranker, tasks, { passage: (id) => corpus.get(id)! })) {
 *   out.write(formatRunLines(qid, ranking, 'webrerank'));
 * }
 */
export async function* rerankRun(reranker: Pick<Reranker, 'computeScore'>, tasks: readonly RerankTask[], options: RerankRunOptions): AsyncGenerator<RerankedQuery> {
  const { passage, cache, signal, onProgress } = options;
  const done = options.done ?? new Set<string>();
  const pairsTotal = tasks.reduce((sum, task) => sum + task.docnos.length, 0);
  const meter = new ProgressMeter(tasks.length, pairsTotal, options.now);
  for (const task of tasks) {
    if (!done.has(task.qid)) continue;
    meter.add(0, task.docnos.length);
    meter.queryDone();
  }
  onProgress?.(meter.snapshot());
  for (const task of tasks) {
    if (done.has(task.qid)) continue;
    // A turn of the event loop, so an abort from a signal handler or a timer lands between queries.
    await nextTurn();
    throwIfAborted(signal, 'evaluation');
    const passages = task.docnos.map((docno) => passage(docno));
    const scores: (number | undefined)[] = cache ? [...await cache.get(task.query, passages)] : passages.map(() => undefined);
    const missing = passages.flatMap((_, i) => (scores[i] === undefined ? [i] : []));
    meter.add(0, passages.length - missing.length);
    if (missing.length > 0) {
      // computeScore reports cumulative pairs per batch; the meter takes the increments.
      let scored = 0;
      const fresh = await scoreQuery(reranker, missing.map((i): Pair => [task.query, passages[i]!]), {
        ...options.scoreOptions,
        signal,
        onProgress: ({ done: batchDone }) => {
          meter.add(batchDone - scored);
          scored = batchDone;
          onProgress?.(meter.snapshot());
        },
      });
      meter.add(fresh.length - scored);
      missing.forEach((index, i) => { scores[index] = fresh[i]; });
      await cache?.set(task.query, missing.map((i) => passages[i]!), fresh);
    }
    meter.queryDone();
    onProgress?.(meter.snapshot());
    yield { qid: task.qid, ranking: trecOrder(task.docnos.map((docno, i) => ({ docno, score: scores[i]! }))), scored: missing.length };
  }
}

async function scoreQuery(reranker: Pick<Reranker, 'computeScore'>, pairs: readonly Pair[], options: CallOptions): Promise<number[]> {
  const scores: unknown = await reranker.computeScore(pairs, options);
  // Several cutoff layers give one list per layer: a run needs one score per pair.
  if (!Array.isArray(scores) || scores.some((score) => typeof score !== 'number')) {
    throw new RerankerError('INVALID_OPTION', 'evaluation needs one score per pair: give at most one cutoff layer');
  }
  return scores as number[];
}
