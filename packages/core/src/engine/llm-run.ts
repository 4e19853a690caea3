import { nextTurn } from '../shared/next-turn.js';
import { planBatches } from './batching.js';
import { padLlmBatch, runLlmBatch, type PaddingSide, type ScoreOutput } from './llm-batch.js';
import { LLM_PAD_MULTIPLE } from './llm-sequences.js';
import type { OrtModule, OrtSession } from './ort.js';
import type { ScoreControl } from './scorer.js';
import { sigmoid } from './scores.js';

/** What one LLM scoring pass needs besides the sequences. */
export interface LlmRun {
  ort: OrtModule;
  session: OrtSession;
  outputs: readonly ScoreOutput[];
  padId: number;
  paddingSide: PaddingSide;
  batchSize: number;
  maxBatchTokens: number;
  /** Called before each batch; throws to stop the call (disposed, aborted). */
  beforeBatch: () => void;
  /** Called after each batch with its rows' input indices and one column of raw scores per output. */
  afterBatch?: ((indices: readonly number[], columns: readonly Float32Array[]) => void) | undefined;
}

/**
 * Scores sequences batch by batch, longest first (as FlagEmbedding sorts), each batch padded to a
 * multiple of 8 on the tokenizer's side, and returns one Float32Array per output, in input order.
 *
 * @example
 * const [yes] = await runLlmSequences(sequences, { ort, session, outputs: [{ name: 'logits', column: 1603 }], ... });
 */
export async function runLlmSequences(sequences: readonly (readonly number[])[], run: LlmRun): Promise<Float32Array[]> {
  const scores = run.outputs.map(() => new Float32Array(sequences.length));
  const batches = planBatches(sequences.map((s) => s.length), run.batchSize, run.maxBatchTokens, LLM_PAD_MULTIPLE);
  for (const batch of batches) {
    // A macrotask between batches, so an abort (timer, signal handler, worker message) can land.
    await nextTurn();
    run.beforeBatch();
    const padded = padLlmBatch(batch.indices.map((i) => sequences[i] ?? []), batch.paddedLength, run.padId, run.paddingSide);
    const columns = await runLlmBatch(run.ort, run.session, padded, run.outputs);
    columns.forEach((column, k) => batch.indices.forEach((index, row) => ((scores[k] as Float32Array)[index] = column[row] ?? Number.NaN)));
    run.afterBatch?.(batch.indices, columns);
  }
  return scores;
}

/**
 * The `afterBatch` of an engine call: each batch's raw columns become scores (sigmoid with
 * `normalize`, in double precision as FlagEmbedding) and go to `control.onBatch` with the count so far.
 */
export function batchReporter(control: ScoreControl | undefined, total: number, normalize: boolean): LlmRun['afterBatch'] {
  const onBatch = control?.onBatch;
  if (!onBatch) return undefined;
  let done = 0;
  return (indices, columns) => {
    done += indices.length;
    const scores = columns.map((column) => Float64Array.from(indices, (_, row) => normalized(column[row] ?? Number.NaN, normalize)));
    onBatch({ indices, scores, done, total });
  };
}

/** A raw float32 score as the caller sees it: the logit, or its sigmoid in double precision. */
export function normalized(x: number, normalize: boolean): number {
  return normalize ? sigmoid(x) : x;
}
