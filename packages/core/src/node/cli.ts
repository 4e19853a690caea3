#!/usr/bin/env node
import type { RankDocument, RankResult, Reranker } from '../api.js';
import { RerankerError } from '../errors.js';
import { cascade } from '../engine/cascade.js';
import { checkTopN } from '../engine/cascade-merge.js';
import { formatTrecEval } from '../eval/trec-format.js';
import { parseQrels, parseRun } from '../eval/trec-files.js';
import { DEFAULT_MEASURES, evaluateRun, parseMeasures } from '../eval/trec-measures.js';
import { parseCommand, type Command, type MetricsCommand } from './cli-args.js';
import { parseEval, type EvalCommand } from './eval-args.js';
import { evalBeir } from './eval-beir.js';
import { readInput } from './eval-files.js';
import { evalJsonl } from './eval-jsonl.js';
import { parseDocumentsJsonl, parsePairsJsonl } from './jsonl.js';
import { loadReranker } from './load-node.js';
import { defaultScoreCacheDir } from './score-cache.js';

/**
 * `webrerank score` and `webrerank rank`: batch scoring and ranking in Node. stdout carries only
 * one JSON array (scores, or the ranking), so the output can be piped; everything for people
 * goes to stderr. `webrerank metrics` prints trec_eval's text format instead, `webrerank eval`
 * its measures table. Exit codes: 0 ok, 1 failure, 130 interrupted by Ctrl-C.
 */
async function main(argv: readonly string[]): Promise<number> {
  try {
    if (argv[0] === 'eval') return await evaluate(parseEval(argv.slice(1), defaultScoreCacheDir()));
    const command = parseCommand(argv);
    if (command.command === 'metrics') {
      process.stdout.write(await metrics(command));
      return 0;
    }
    const file = command.command === 'score' ? command.input : command.docs;
    const text = file === '-' ? await readStdin() : await readInput(file, command.command === 'score' ? '--input' : '--docs');
    // Parsed before the model loads: a bad file costs no load.
    const work = command.command === 'score' ? { pairs: parsePairsJsonl(text) } : { documents: parseDocumentsJsonl(text) };
    const reranker = await loadReranker(command.model, {
      backend: command.backend, dtype: command.dtype, threads: command.threads, kind: command.kind,
      // Warnings are for people: stderr, so stdout stays one JSON value.
      onWarning: (warning) => process.stderr.write(`webrerank: warning: ${warning.code}: ${warning.message}\n`),
    });
    try {
      const result = 'pairs' in work ? await reranker.computeScore(work.pairs, command.options) : await rank(reranker, command, work.documents);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await reranker.dispose();
    }
    return 0;
  } catch (error) {
    const message = error instanceof RerankerError ? `webrerank: ${error.code}: ${error.message}` : `webrerank: ${String(error)}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

async function rank(reranker: Reranker, command: Command, documents: readonly RankDocument[]): Promise<RankResult<RankDocument>[]> {
  if (command.command !== 'rank') throw new RerankerError('INVALID_OPTION', 'rank needs the rank command');
  const options = { ...command.options, topK: command.topK, rankFields: command.rankFields, returnDocuments: command.returnDocuments };
  const staged = command.cascade;
  if (staged === undefined) return reranker.rank(command.query, documents, options);
  if ('cutoffLayers' in staged) return reranker.rank(command.query, documents, { ...options, cascade: staged });
  // Two models: the first-stage model on the same backend and threads, its own dtype and kind.
  checkTopN(staged.topN, '--cascade-top-n');
  const first = await loadReranker(staged.model, { backend: command.backend, threads: command.threads });
  try {
    return await cascade(first, reranker, { topN: staged.topN }).rank(command.query, documents, options);
  } finally {
    await first.dispose();
  }
}

async function metrics(command: MetricsCommand): Promise<string> {
  // Measures first: a typo in --measures costs no file read.
  const measures = parseMeasures(command.measures ?? DEFAULT_MEASURES);
  const qrels = parseQrels(await readInput(command.qrels, '--qrels'), command.qrels);
  const run = parseRun(await readInput(command.run, '--run'), command.run);
  return formatTrecEval(evaluateRun(qrels, run, measures), command.perQuery);
}

/**
 * Runs `webrerank eval`. The first Ctrl-C (SIGINT) aborts after the query being scored, so the run
 * file keeps whole queries and its checkpoint stays for --resume; a second one ends the process.
 */
async function evaluate(command: EvalCommand): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nwebrerank: eval: stopping after the current query (Ctrl-C again to quit at once)\n');
    controller.abort(new Error('SIGINT'));
  };
  process.on('SIGINT', onSigint);
  try {
    const io = { stdout: process.stdout, stderr: process.stderr, signal: controller.signal };
    await (command.source.kind === 'beir' ? evalBeir(command, command.source, io) : evalJsonl(command, command.source, io));
    return 0;
  } catch (error) {
    if (controller.signal.aborted && error instanceof RerankerError && error.code === 'ABORTED') return 130;
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// process.exitCode rather than exit(): stdout is flushed before the process ends.
process.exitCode = await main(process.argv.slice(2));
