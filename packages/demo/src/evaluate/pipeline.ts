// The page's evaluation: core's platform-neutral pieces (the BEIR readers, rerankTasks, the
// rerank loop, trec_eval's measures), fed with the picked Files read piece by piece. The
// corpus is streamed once and only the documents the run retrieves are kept; the reranked run
// is built query by query into a Blob. The scoring itself runs in the library's worker.
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
  type Reranker,
  type Run,
} from '@webrerank/core';
import { fileChunks } from './file-text.js';

export interface EvaluateFolderInput {
  reranker: Pick<Reranker, 'computeScore'>;
  corpus: File;
  queries: File;
  qrels: File;
  qrelsName: string;
  run: File;
  runName: string;
  topK: number;
  /** The run tag of the reranked run's lines. */
  tag: string;
  signal: AbortSignal;
  onProgress: (progress: EvalProgress) => void;
  /** Told what is being read, before the scoring starts. */
  onStage?: ((stage: string) => void) | undefined;
}

export interface EvaluateFolderResult {
  /** The first-stage run cut to the top k, as the reranker saw it. */
  before: Evaluation;
  after: Evaluation;
  /** The reranked run, TREC format. */
  reranked: Blob;
  queries: number;
  pairs: number;
}

export async function evaluateFolder(input: EvaluateFolderInput): Promise<EvaluateFolderResult> {
  const { signal } = input;
  const measures = parseMeasures(DEFAULT_MEASURES);
  // Small files first, whole (parseRun and parseBeirQrels take text): a mistake in them costs
  // no corpus read.
  input.onStage?.(`Reading ${input.runName}…`);
  const firstStage = parseRun(await input.run.text(), input.runName);
  const qrels = parseBeirQrels(await input.qrels.text(), input.qrelsName);
  signal.throwIfAborted();
  input.onStage?.('Reading queries.jsonl…');
  const queries = await readBeirQueries(textLines(fileChunks(input.queries, signal)), 'queries.jsonl');
  const tasks = rerankTasks(firstStage, queries, input.topK);
  input.onStage?.('Reading corpus.jsonl (only the documents the run retrieves are kept)…');
  const corpus = await readBeirCorpus(textLines(fileChunks(input.corpus, signal)), neededDocnos(tasks), 'corpus.jsonl');
  checkCorpusCovers(tasks, corpus);

  const reranked: Run = new Map();
  const parts: string[] = [];
  let pairs = 0;
  for await (const query of rerankRun(input.reranker, tasks, { passage: (docno) => corpus.get(docno) as string, signal, onProgress: input.onProgress })) {
    reranked.set(query.qid, query.ranking);
    parts.push(formatRunLines(query.qid, query.ranking, input.tag));
    pairs += query.ranking.length;
  }
  return {
    before: evaluateRun(qrels, cutRun(firstStage, input.topK), measures),
    after: evaluateRun(qrels, reranked, measures),
    reranked: new Blob(parts, { type: 'text/plain' }),
    queries: tasks.length,
    pairs,
  };
}
