import { evaluateSeed, summarizeSeed, type SeedLineResult, type SeedSummary } from '../eval/seed-eval.js';
import { readSeedExamples } from '../eval/seed-examples.js';
import { printf4 } from '../eval/trec-format.js';
import type { EvalIo } from './eval-beir.js';
import type { EvalCommand, JsonlSource } from './eval-args.js';
import { fileLines } from './eval-files.js';
import { loadReranker } from './load-node.js';
import { progressReport } from './progress-report.js';

/**
 * `webrerank eval --jsonl`: scores every line's positives and negatives and prints the means of
 * MRR@10, nDCG@10, Recall@1 and the margin (definitions: eval/seed-eval.ts). A line's `prompt` is
 * the prompt option of LLM rerankers; cross-encoders have none, so it is ignored there, with a
 * warning.
 */
export async function evalJsonl(command: EvalCommand, source: JsonlSource, io: EvalIo): Promise<void> {
  const examples = await readSeedExamples(fileLines(source.file, '--jsonl'), source.file);
  const reranker = await loadReranker(command.model, {
    backend: command.backend, dtype: command.dtype, threads: command.threads, kind: command.kind, signal: io.signal,
    onWarning: (warning) => io.stderr.write(`webrerank: warning: ${warning.code}: ${warning.message}\n`),
  });
  const linePrompts = reranker.kind !== 'cross-encoder';
  if (!linePrompts && examples.some((example) => example.prompt !== undefined)) {
    io.stderr.write('webrerank: warning: the "prompt" of jsonl lines is ignored: a cross-encoder takes no prompt\n');
  }
  const report = progressReport(io.stderr);
  const results: SeedLineResult[] = [];
  try {
    for await (const result of evaluateSeed(reranker, examples, { scoreOptions: command.options, linePrompts, signal: io.signal, onProgress: (p) => report.update(p) })) {
      results.push(result);
    }
  } finally {
    report.stop();
    await reranker.dispose();
  }
  io.stdout.write(formatSeedSummary(summarizeSeed(results)));
}

/** `name<TAB>value` lines, 4 decimals; the margin line says over how many lines it is. */
export function formatSeedSummary(summary: SeedSummary): string {
  const margin = summary.margin === undefined ? 'n/a' : summary.margin.toFixed(4);
  return `lines\t${summary.lines}\nMRR@10\t${printf4(summary.mrr10)}\nnDCG@10\t${printf4(summary.ndcg10)}\n`
    + `Recall@1\t${printf4(summary.recall1)}\nmargin\t${margin}\t(${summary.marginLines} lines with negatives)\n`;
}
