import { describe, expect, it } from 'vitest';
import { planBatches } from '../src/engine/batching.js';

describe('planBatches', () => {
  it('sorts longest first, pads each batch to its own longest, and covers every pair once', () => {
    const lengths = [5, 40, 12, 40, 7, 3];
    const batches = planBatches(lengths, 2, 10_000);
    expect(batches.map((b) => b.indices)).toEqual([[1, 3], [2, 4], [0, 5]]);
    expect(batches.map((b) => b.paddedLength)).toEqual([40, 12, 5]);
  });

  it('keeps padded tokens under the budget, splitting long batches', () => {
    const lengths = Array.from({ length: 10 }, () => 512);
    const batches = planBatches(lengths, 128, 2048);
    expect(batches).toHaveLength(3);
    batches.forEach((b) => expect(b.indices.length * b.paddedLength).toBeLessThanOrEqual(2048));
  });

  it('runs a pair longer than the whole budget alone rather than dropping it', () => {
    const batches = planBatches([900, 10, 10], 128, 512);
    expect(batches[0]).toEqual({ indices: [0], paddedLength: 900 });
    expect(batches.flatMap((b) => b.indices).sort()).toEqual([0, 1, 2]);
  });

  it('returns no batch for no pair', () => {
    expect(planBatches([], 8, 100)).toEqual([]);
  });
});
