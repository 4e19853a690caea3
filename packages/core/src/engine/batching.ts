/** One onnxruntime run: which pairs (by input position) and the length they are padded to. */
export interface Batch {
  indices: number[];
  paddedLength: number;
}

/**
 * Plans the runs of a call: longest pairs first (as FlagEmbedding sorts), each batch padded only
 * to its own longest pair, at most `batchSize` pairs and at most `maxBatchTokens` padded tokens.
 * Sorting keeps padding small; the token budget bounds the memory of a batch of long passages
 * (attention alone is batch × heads × length² floats). Ties keep input order, so a plan is
 * deterministic. `padToMultipleOf` rounds each batch's length up, as the LLM rerankers' collator
 * does (`pad_to_multiple_of=8`); the token budget counts those padded tokens.
 *
 * @example
 * planBatches([5, 9, 3], 2, 8192, 8); // [{ indices: [1, 0], paddedLength: 16 }, { indices: [2], paddedLength: 8 }]
 */
export function planBatches(lengths: readonly number[], batchSize: number, maxBatchTokens: number, padToMultipleOf = 1): Batch[] {
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[b] ?? 0) - (lengths[a] ?? 0) || a - b);
  const batches: Batch[] = [];
  let current: Batch | undefined;
  for (const index of order) {
    const length = lengths[index] ?? 0;
    // Sorted longest first, so the first pair of a batch sets its padded length.
    const fits = current !== undefined
      && current.indices.length < batchSize
      && (current.indices.length + 1) * current.paddedLength <= maxBatchTokens;
    if (current && fits) {
      current.indices.push(index);
    } else {
      current = { indices: [index], paddedLength: Math.ceil(length / padToMultipleOf) * padToMultipleOf };
      batches.push(current);
    }
  }
  return batches;
}
