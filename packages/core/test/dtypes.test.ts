import { ensureTinyModel } from '@webrerank/testkit';
import { describe, expect, it } from 'vitest';
import type { Dtype } from '../src/model/dtype.js';
import { loadReranker } from '../src/node/load-node.js';
import { BATTERY_50 } from './helpers/battery.js';
import { bestPerQuery, spearman } from './helpers/ranking.js';

// Measured on the generated tiny model and this battery (logits spread over -0.20..0.17):
// q8 max |diff| 1.4e-2 (Spearman 0.995) with per-token activations (1.6e-2, 0.993 with the
// export's per-tensor ones, issue 11), fp16 7.9e-4 (Spearman 0.9999). The bounds leave about
// 7x and 6x margin; the ranking checks are separate from closeness.
const TOLERANCE: Partial<Record<Dtype, number>> = { q8: 0.1, fp16: 5e-3 };

async function scoresOf(dtype: Dtype): Promise<number[]> {
  const reranker = await loadReranker(await ensureTinyModel(), { dtype });
  try {
    return await reranker.computeScore(BATTERY_50);
  } finally {
    await reranker.dispose();
  }
}

describe('q8 and fp16 against fp32 on a 50-pair battery', () => {
  it.each(['q8', 'fp16'] as const)('%s stays within its tolerance and keeps the ranking', async (dtype) => {
    const [exact, approx] = [await scoresOf('fp32'), await scoresOf(dtype)];
    const maxDiff = Math.max(...exact.map((x, i) => Math.abs(x - approx[i]!)));
    expect(maxDiff).toBeLessThanOrEqual(TOLERANCE[dtype]!);
    expect(spearman(exact, approx)).toBeGreaterThan(dtype === 'fp16' ? 0.99 : 0.95);
    // What a user sees first: the best passage of each query is the same one.
    expect(bestPerQuery(approx, 10)).toEqual(bestPerQuery(exact, 10));
  });
});
