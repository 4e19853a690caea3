// The page's evaluation, the steps of `webrerank eval --beir` (core/src/node/eval-beir.ts) on
// core's platform-neutral pieces (the BEIR readers, rerankTasks, the rerank loop, trec_eval's
// measures), fed with the picked Files read piece by piece: the corpus is streamed once and only
// the documents the run retrieves are kept; the reranked run is built query by query into a
// Blob. The scoring itself runs in the library's worker.
import {
  checkCorpusCovers,
  cutRun,
  DEFAULT_MEASURES,
  evaluateRun,
  formatRunLines,
  neededDocnos,
  parseBeirQrels,
  parseMeasures,
  parseRun,
  readBeirCorpus,
  readBeirQueries,
  rerankRun,
  rerankTasks,
  textLines,
  type EvalProgress,
  type Evaluation,
  type Measure,
  type Qrels,
  type Reranker,
  type RerankTask,
  type Run,
  type ScoreCache,
} from '@webrerank/core';
import { bm25FirstStage } from '@webrerank/core/search';
import { fileChunks } from './file-text.js';

export interface FolderInput {
  corpus: File;
  queries: File;
  qrels: File;
  qrelsName: string;
  /** The first-stage run; undefined: BM25 over the corpus, built here, as `webrerank eval` without --run. */
  run: File | undefined;
  runName: string;
  topK: number;
  signal: AbortSignal;
  /** Told what is being read. */
  onStage: (stage: string) => void;
}

/** A folder read and checked, ready to rerank: everything but the model. */
export interface PreparedEvaluation {
  tasks: RerankTask[];
  /** docno → passage, only the documents the tasks need. */
  corpus: Map<string, string>;
  qrels: Qrels;
  /** The first-stage run cut to the top k (what the reranker sees), measured. */
  before: Evaluation;
  measures: Measure[];
}

export interface EvaluationResult {
  before: Evaluation;
  after: Evaluation;
  /** The reranked run, TREC format. */
  reranked: Blob;
  queries: number;
  pairs: number;
}

/**
 * Reads and checks the folder as `webrerank eval` does before its model loads (eval-beir.ts): a
 * bad file, a run against the wrong queries or qrels, a docno the corpus lacks, all fail here,
 * before any model download. The corpus is streamed once, keeping only the retrieved documents.
 */
export async function prepareEvaluation(input: FolderInput): Promise<PreparedEvaluation> {
  const { signal } = input;
  const measures = parseMeasures(DEFAULT_MEASURES);
  // In `webrerank eval`'s order (eval-beir.ts prepare): qrels, queries, the first stage.
  input.onStage(`Reading ${input.qrelsName}…`);
  const qrels = parseBeirQrels(await input.qrels.text(), input.qrelsName);
  signal.throwIfAborted();
  input.onStage('Reading queries.jsonl…');
  const queries = await readBeirQueries(textLines(fileChunks(input.queries, signal)), 'queries.jsonl');
  input.onStage(input.run ? `Reading ${input.runName}…` : 'Indexing corpus.jsonl for BM25…');
  const run = input.run
    ? parseRun(await input.run.text(), input.runName)
    : await bm25FirstStage(textLines(fileChunks(input.corpus, signal)), queries, input.topK);
  signal.throwIfAborted();
  const tasks = rerankTasks(run, queries, input.topK);
  const before = evaluateRun(qrels, cutRun(run, input.topK), measures);
  input.onStage('Reading corpus.jsonl (keeping only the documents the run retrieves)…');
  const corpus = await readBeirCorpus(textLines(fileChunks(input.corpus, signal)), neededDocnos(tasks), 'corpus.jsonl');
  checkCorpusCovers(tasks, corpus);
  return { tasks, corpus, qrels, before, measures };
}

/** Reranks the prepared tasks in the library's worker and measures the reranked run. */
export async function rerankPrepared(
  prepared: PreparedEvaluation,
  reranker: Pick<Reranker, 'computeScore'>,
  options: { tag: string; signal: AbortSignal; onProgress: (progress: EvalProgress) => void; cache: ScoreCache },
): Promise<EvaluationResult> {
  const { tasks, corpus } = prepared;
  const reranked: Run = new Map();
  const parts: string[] = [];
  let pairs = 0;
  const queries = rerankRun(reranker, tasks, {
    passage: (docno) => corpus.get(docno) as string,
    signal: options.signal,
    onProgress: options.onProgress,
    cache: options.cache,
  });
  for await (const query of queries) {
    reranked.set(query.qid, query.ranking);
    parts.push(formatRunLines(query.qid, query.ranking, options.tag));
    pairs += query.ranking.length;
  }
  return {
    before: prepared.before,
    after: evaluateRun(prepared.qrels, reranked, prepared.measures),
    reranked: new Blob(parts, { type: 'text/plain' }),
    queries: tasks.length,
    pairs,
  };
}
