import { asRerankerError, RerankerError } from '../errors.js';
import type { OrtModule, OrtRunResult, OrtSession, OrtTensor } from './ort.js';
import { toFloat32 } from './run-batch.js';

/** Which side the tokenizer pads on (`padding_side` in tokenizer_config.json). */
export type PaddingSide = 'left' | 'right';

/** One batch laid out for the model, with where each row's last real token sits. */
export interface PaddedBatch {
  ids: BigInt64Array;
  mask: BigInt64Array;
  /** Column of each row's last real token. */
  lastIndex: Int32Array;
  rows: number;
  columns: number;
}

/**
 * Pads a batch as the LLM rerankers' collator does: to `paddedLength` columns (already a
 * multiple of 8, see planBatches), with `padId` and mask 0, on the tokenizer's padding side. The
 * last real token is then the last column with left padding, and `sum(mask) - 1` with right
 * padding - FlagEmbedding's `last_logit_pool`.
 *
 * @example
 * padLlmBatch([[5, 6], [7]], 8, 0, 'left').lastIndex; // Int32Array [7, 7]
 * padLlmBatch([[5, 6], [7]], 8, 0, 'right').lastIndex; // Int32Array [1, 0]
 */
export function padLlmBatch(sequences: readonly (readonly number[])[], paddedLength: number, padId: number, side: PaddingSide): PaddedBatch {
  const rows = sequences.length;
  const ids = new BigInt64Array(rows * paddedLength).fill(BigInt(padId));
  const mask = new BigInt64Array(rows * paddedLength);
  const lastIndex = new Int32Array(rows);
  sequences.forEach((sequence, row) => {
    const start = row * paddedLength + (side === 'left' ? paddedLength - sequence.length : 0);
    sequence.forEach((id, i) => {
      ids[start + i] = BigInt(id);
      mask[start + i] = 1n;
    });
    lastIndex[row] = side === 'left' ? paddedLength - 1 : sequence.length - 1;
  });
  return { ids, mask, lastIndex, rows, columns: paddedLength };
}

/** An output to score from: a `[batch, seq]` tensor, or column `column` of a `[batch, seq, vocab]` one. */
export interface ScoreOutput {
  name: string;
  column?: number;
}

/**
 * Reads each row's score at its last real token: `tensor[b, last]` for `[batch, seq]` outputs
 * (`yes_logits`, `layer_k_logits`), `tensor[b, last, column]` for `[batch, seq, vocab]` (`logits`).
 *
 * @example
 * lastTokenScores(logitsTensor, batch, 1603); // the "Yes" logit of every row
 */
export function lastTokenScores(tensor: OrtTensor, batch: PaddedBatch, name: string, column?: number): Float32Array {
  const [b, s, v] = tensor.dims;
  const shapeOk = b === batch.rows && s === batch.columns
    && (column === undefined ? tensor.dims.length === 2 : tensor.dims.length === 3 && v !== undefined && column < v);
  if (!shapeOk) {
    const expected = column === undefined ? '[batch, sequence]' : `[batch, sequence, vocab > ${column}]`;
    throw new RerankerError('MODEL_NOT_SUPPORTED', `output ${name} has shape [${tensor.dims.join(', ')}], expected ${expected} for a batch of [${batch.rows}, ${batch.columns}]`);
  }
  const data = toFloat32(tensor);
  const width = column === undefined ? 1 : (v ?? 1);
  const scores = new Float32Array(batch.rows);
  for (let row = 0; row < batch.rows; row++) {
    const position = row * batch.columns + (batch.lastIndex[row] ?? 0);
    scores[row] = data[position * width + (column ?? 0)] ?? Number.NaN;
  }
  return scores;
}

/**
 * Runs one padded batch (`input_ids` and `attention_mask` only, as FlagEmbedding calls the model)
 * and returns the last-token score of every row for each requested output, in `outputs` order.
 */
export async function runLlmBatch(ort: OrtModule, session: OrtSession, batch: PaddedBatch, outputs: readonly ScoreOutput[]): Promise<Float32Array[]> {
  const dims = [batch.rows, batch.columns];
  const feeds = { input_ids: new ort.Tensor('int64', batch.ids, dims), attention_mask: new ort.Tensor('int64', batch.mask, dims) };
  let results: OrtRunResult;
  try {
    results = await session.run(feeds, outputs.map((o) => o.name));
  } catch (error) {
    throw asRerankerError(error, 'INFERENCE_FAILED', 'onnxruntime failed to run the model');
  }
  try {
    return outputs.map(({ name, column }) => {
      const tensor = results[name];
      if (!tensor) throw new RerankerError('MODEL_NOT_SUPPORTED', `the model did not return ${name}`);
      return lastTokenScores(tensor, batch, name, column);
    });
  } finally {
    for (const tensor of Object.values(results)) tensor.dispose();
  }
}
