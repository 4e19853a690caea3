import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { RerankerError } from '../errors.js';
import { throwIfAborted } from '../shared/abort.js';
import { bm25FirstStage } from '../eval/bm25-first-stage.js';
import { parseBeirQrels, readBeirCorpus, readBeirQueries } from '../eval/beir-files.js';
import { formatComparison } from '../eval/compare-format.js';
import { rerankRun, type RerankTask } from '../eval/rerank-run.js';
import { checkCorpusCovers, neededDocnos, rerankTasks } from '../eval/rerank-tasks.js';
import { cutRun, formatRunLines } from '../eval/run-order.js';
import { parseRun, type Qrels } from '../eval/trec-files.js';
import { DEFAULT_MEASURES, evaluateRun, parseMeasures, type Evaluation, type Measure } from '../eval/trec-measures.js';
import type { BeirSource, EvalCommand } from './eval-args.js';
import { fileLines, readInput } from './eval-files.js';
import { loadReranker } from './load-node.js';
import { progressReport } from './progress-report.js';
import { RunWriter } from './run-checkpoint.js';
import { diskScoreCache, setupKey } from './score-cache.js';

/** The tag column of the reranked run. */
export const RUN_TAG = 'webrerank';

/** Where an evaluation writes: results on `stdout`, people's messages and progress on `stderr`. */
export interface EvalIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  signal: AbortSignal;
}

/**
 * `webrerank eval --beir`: reads the folder and the first stage, reranks each query's top-k with
 * the model (writing the run query by query, with its checkpoint), then prints the measures of
 * the first stage's top-k and of the written run side by side. Everything that can be checked
 * without the model (files, qids, docnos, judgments) is, before the model loads.
 */
export async function evalBeir(command: EvalCommand, source: BeirSource, io: EvalIo): Promise<void> {
  const measures = parseMeasures(command.measures ?? DEFAULT_MEASURES);
  if (source.run !== undefined && resolve(source.run) === resolve(source.out)) {
    throw new RerankerError('INVALID_OPTION', `--out ${source.out} is the --run file: the first stage would be overwritten`);
  }
  const { qrels, tasks, corpus, before } = await prepare(source, measures);
  throwIfAborted(io.signal, 'evaluation');

  const reranker = await loadReranker(command.model, {
    backend: command.backend, dtype: command.dtype, threads: command.threads, kind: command.kind, signal: io.signal,
    onWarning: (warning) => io.stderr.write(`webrerank: warning: ${warning.code}: ${warning.message}\n`),
  });
  let writer: RunWriter | undefined;
  const report = progressReport(io.stderr);
  try {
    const setup = await setupKey({ model: command.model, dtype: command.dtype, backend: command.backend, kind: command.kind, options: command.options });
    const cache = command.cacheDir === undefined ? undefined : diskScoreCache(command.cacheDir, setup);
    writer = RunWriter.open(source.out, fingerprint(setup, source.topK, tasks), source.resume);
    if (writer.done.size > 0) io.stderr.write(`webrerank: eval: resuming after ${writer.done.size} of ${tasks.length} queries in ${source.out}\n`);
    const reranked = rerankRun(reranker, tasks, {
      passage: (docno) => corpus.get(docno)!,
      scoreOptions: command.options, signal: io.signal, cache, done: writer.done,
      onProgress: (progress) => report.update(progress),
    });
    let pairs = 0;
    let scored = 0;
    for await (const query of reranked) {
      writer.append(formatRunLines(query.qid, query.ranking, RUN_TAG));
      pairs += query.ranking.length;
      scored += query.scored;
    }
    report.stop();
    writer.close(true);
    io.stderr.write(`webrerank: eval: wrote ${source.out}: ${pairs} pairs reranked in this call, ${scored} scored by the model, ${pairs - scored} from the cache\n`);
  } catch (error) {
    report.stop();
    writer?.close(false);
    if (error instanceof RerankerError && error.code === 'ABORTED' && writer) {
      io.stderr.write(`webrerank: eval: interrupted after ${writer.queries} of ${tasks.length} queries; ${source.out} and ${source.out}.checkpoint.json are kept: run again with --resume to continue\n`);
    }
    throw error;
  } finally {
    await reranker.dispose();
  }
  // The "after" measures read the file back: they are the written run's, as `webrerank metrics` gives.
  const after = evaluateRun(qrels, parseRun(await readInput(source.out, '--out'), source.out), measures);
  io.stdout.write(formatComparison(before, after));
}

/**
 * Reads what the loop needs: the tasks, the documents they retrieve (the rest of the corpus is
 * read past, not kept), the qrels and the first stage's measures. Its own function so the whole
 * first-stage run and the queries file are garbage once it returns.
 */
async function prepare(source: BeirSource, measures: readonly Measure[]): Promise<{ qrels: Qrels; tasks: RerankTask[]; corpus: Map<string, string>; before: Evaluation }> {
  const file = (name: string): string => join(source.dir, name);
  const qrelsName = join('qrels', `${source.split}.tsv`);
  const qrels = parseBeirQrels(await readInput(file(qrelsName), '--beir'), qrelsName);
  const queries = await readBeirQueries(fileLines(file('queries.jsonl'), '--beir'));
  const run = source.run === undefined
    ? await bm25FirstStage(fileLines(file('corpus.jsonl'), '--beir'), queries, source.topK)
    : parseRun(await readInput(source.run, '--run'), source.run);
  const tasks = rerankTasks(run, queries, source.topK);
  // Checked before the corpus is read: a run against the wrong qrels fails in a second.
  const before = evaluateRun(qrels, cutRun(run, source.topK), measures);
  const corpus = await readBeirCorpus(fileLines(file('corpus.jsonl'), '--beir'), neededDocnos(tasks));
  checkCorpusCovers(tasks, corpus);
  return { qrels, tasks, corpus, before };
}

/**
 * What a checkpoint must match to be resumed: the scoring setup (model files, dtype, backend,
 * options), the depth and every task (qid, query, candidates in order), as one sha256.
 */
function fingerprint(setup: string, topK: number, tasks: readonly RerankTask[]): string {
  const hash = createHash('sha256').update(`${setup}\n${topK}\n`);
  for (const task of tasks) hash.update(`${JSON.stringify([task.qid, task.query, task.docnos])}\n`);
  return hash.digest('hex');
}
