import type { Pair, Reranker, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import { throwIfAborted } from '../shared/abort.js';
import { nextTurn } from '../shared/next-turn.js';
import { ProgressMeter, type EvalProgress } from './eval-progress.js';
import type { SeedExample } from './seed-examples.js';

/**
 * Measures of one seed line (see seedLineMetrics for the definitions). `margin` is undefined on a
 * line without negatives.
 */
export interface SeedLineResult {
  line: number;
  mrr10: number;
  ndcg10: number;
  recall1: number;
  margin: number | undefined;
}

/** The means over lines; `margin` over the `marginLines` lines that have negatives. */
export interface SeedSummary {
  lines: number;
  mrr10: number;
  ndcg10: number;
  recall1: number;
  margin: number | undefined;
  marginLines: number;
}

/**
 * One line's measures from its scores. The ranking sorts positives and negatives by score
 * descending; on a tie a negative ranks first (pessimistic: a model that scores everything alike
 * earns nothing). With binary gains (positive 1, negative 0), as trec_eval with positives judged
 * 1 and negatives 0:
 * - MRR@10 = 1 / rank of the first positive, 0 when it is below rank 10;
 * - nDCG@10 = sum over ranks i <= 10 of gain_i / log2(i + 1), over the same sum for the ideal
 *   ranking (all positives first);
 * - Recall@1 = positives at rank 1 (0 or 1) / number of positives;
 * - margin = mean positive score - mean negative score (raw logits, or sigmoids with normalize).
 *
 * @example
 * seedLineMetrics([2, 0.5], [1]); // ranking p n p: mrr10 1, recall1 0.5, margin 0.25
 */
export function seedLineMetrics(pos: readonly number[], neg: readonly number[], line = 0): SeedLineResult {
  const ranked = [...pos.map((score) => ({ score, gain: 1 })), ...neg.map((score) => ({ score, gain: 0 }))]
    .sort((a, b) => b.score - a.score || a.gain - b.gain);
  const first = ranked.findIndex((entry) => entry.gain === 1);
  let dcg = 0;
  let ideal = 0;
  for (let i = 0; i < Math.min(10, ranked.length); i++) {
    dcg += ranked[i]!.gain / Math.log2(i + 2);
    if (i < pos.length) ideal += 1 / Math.log2(i + 2);
  }
  return {
    line,
    mrr10: first < 10 ? 1 / (first + 1) : 0,
    ndcg10: dcg / ideal,
    recall1: ranked[0]!.gain / pos.length,
    margin: neg.length === 0 ? undefined : mean(pos) - mean(neg),
  };
}

/** Means of per-line results (lines weigh the same, whatever their number of passages). */
export function summarizeSeed(results: readonly SeedLineResult[]): SeedSummary {
  const margins = results.flatMap((result) => (result.margin === undefined ? [] : [result.margin]));
  return {
    lines: results.length,
    mrr10: mean(results.map((r) => r.mrr10)),
    ndcg10: mean(results.map((r) => r.ndcg10)),
    recall1: mean(results.map((r) => r.recall1)),
    margin: margins.length === 0 ? undefined : mean(margins),
    marginLines: margins.length,
  };
}

/** Options of evaluateSeed. */
export interface SeedEvalOptions {
  scoreOptions?: ScoreOptions | undefined;
  /** Score a line with its own `prompt` (LLM rerankers); false ignores it (cross-encoders have none). Default true. */
  linePrompts?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: EvalProgress) => void) | undefined;
  now?: (() => number) | undefined;
}

/**
 * Scores each line's pos + neg passages against its query (one computeScore call per line, its
 * `prompt` as the prompt option when linePrompts) and yields the line's measures.
 *
 * @example
 * const results = [];
 * for await (const result of evaluateSeed(reranker, examples)) results.push(result);
 * console.log(summarizeSeed(results).ndcg10);
 */
export async function* evaluateSeed(reranker: Pick<Reranker, 'computeScore'>, examples: readonly SeedExample[], options: SeedEvalOptions = {}): AsyncGenerator<SeedLineResult> {
  const { signal, onProgress } = options;
  const meter = new ProgressMeter(examples.length, examples.reduce((sum, e) => sum + e.pos.length + e.neg.length, 0), options.now);
  onProgress?.(meter.snapshot());
  for (const example of examples) {
    await nextTurn(); // lets an abort from a signal handler or a timer in (see next-turn.ts)
    throwIfAborted(signal, 'evaluation');
    const pairs = [...example.pos, ...example.neg].map((passage): Pair => [example.query, passage]);
    let scored = 0;
    const prompt = options.linePrompts !== false && example.prompt !== undefined ? { prompt: example.prompt } : {};
    const scores: unknown = await reranker.computeScore(pairs, {
      ...options.scoreOptions, ...prompt, signal,
      onProgress: ({ done }) => {
        meter.add(done - scored);
        scored = done;
        onProgress?.(meter.snapshot());
      },
    });
    if (!Array.isArray(scores) || scores.some((score) => typeof score !== 'number')) {
      throw new RerankerError('INVALID_OPTION', 'evaluation needs one score per pair: give at most one cutoff layer');
    }
    const numbers = scores as number[];
    meter.add(numbers.length - scored);
    meter.queryDone();
    onProgress?.(meter.snapshot());
    yield seedLineMetrics(numbers.slice(0, example.pos.length), numbers.slice(example.pos.length), example.line);
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
