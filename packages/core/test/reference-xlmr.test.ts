import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedReranker } from '../src/model/load-model.js';
import { loadReranker } from '../src/node/load-node.js';
import { callPairs, readReference, REFERENCE_DIR, toOptions } from './helpers/reference.js';

// FlagEmbedding's own scores move by ~1e-6 with batch composition (reference README), and the
// ONNX export differs from PyTorch by ~1.3e-6: 1e-4 on raw fp32 logits leaves a wide margin
// while still catching any wrong token, truncation or padding.
const FP32_TOLERANCE = 1e-4;

const reference = readReference('xlmr-tiny');
const rerankers = new Map<string, LoadedReranker>();

// One reranker per distinct constructor kwargs, as FlagReranker would be built per call.
async function rerankerFor(initKwargs: Record<string, unknown>): Promise<LoadedReranker> {
  const key = JSON.stringify(initKwargs);
  let reranker = rerankers.get(key);
  if (!reranker) {
    reranker = await loadReranker(`${REFERENCE_DIR}xlmr-tiny`, { backend: 'wasm', dtype: 'fp32', defaults: toOptions(initKwargs) });
    rerankers.set(key, reranker);
  }
  return reranker;
}

beforeAll(async () => {
  await rerankerFor({});
});
afterAll(async () => {
  await Promise.all([...rerankers.values()].map((r) => r.dispose()));
});

describe('xlmr-tiny against FlagEmbedding (onnxruntime-web wasm, fp32)', () => {
  it.each(reference.calls.map((call) => [call.id, call] as const))('call %s: identical input_ids', async (_id, call) => {
    const reranker = await rerankerFor(call.init_kwargs);
    const ids = reranker.encodePairs(callPairs(reference, call), toOptions(call.call_kwargs));
    expect(ids).toEqual(call.per_pair.map((p) => p.input_ids));
  });

  it.each(reference.calls.map((call) => [call.id, call] as const))('call %s: scores within 1e-4', async (_id, call) => {
    const reranker = await rerankerFor(call.init_kwargs);
    const pairs = callPairs(reference, call);
    const options = toOptions(call.call_kwargs);
    let scores: number[];
    if (call.input_form === 'single_pair_tuple') {
      // One bare pair gives one bare number (FlagEmbedding gives a list of one; see README).
      const score = await reranker.computeScore(pairs[0]!, options);
      expect(typeof score).toBe('number');
      scores = [score];
    } else {
      scores = await reranker.computeScore(pairs, options);
    }
    expect(scores).toHaveLength(call.returned.length);
    scores.forEach((score, i) => expect(Math.abs(score - call.returned[i]!)).toBeLessThanOrEqual(FP32_TOLERANCE));
  });

  it('rank: the passages of one query best first, with FlagEmbedding\'s scores, topK and their text', async () => {
    const reranker = await rerankerFor({});
    const call = reference.calls.find((c) => c.id === 'default')!;
    const pairs = callPairs(reference, call);
    const query = pairs[0]![0];
    const mine = pairs.map((pair, i) => ({ passage: pair[1], expected: call.returned[i]! })).filter((_, i) => pairs[i]![0] === query);
    expect(mine.length).toBeGreaterThan(2);
    const ranked = await reranker.rank(query, mine.map((m) => m.passage), { topK: 3, returnDocuments: true });
    expect(ranked).toHaveLength(3);
    const best = [...mine].sort((a, b) => b.expected - a.expected).slice(0, 3);
    ranked.forEach((r, i) => {
      expect(Math.abs(r.score - best[i]!.expected)).toBeLessThanOrEqual(FP32_TOLERANCE);
      expect(r.document).toBe(mine[r.index]!.passage);
    });
  });

  it('reproduces the only_second quirk: pairs longer than maxLength stay uncut', () => {
    const max16 = reference.calls.find((c) => c.id === 'max16')!;
    const overlong = max16.per_pair.filter((p) => p.exceeds_max_length);
    expect(overlong.length).toBeGreaterThan(0);
    overlong.forEach((p) => expect(p.input_ids.length).toBeGreaterThan(16));
  });
});

describe('xlmr-tiny quantized export (model_quantized.onnx, dtype q8)', () => {
  // The reference README measured up to 6.5e-2 between the quantize_dynamic export and PyTorch fp32.
  const Q8_TOLERANCE = 0.1;

  it('stays within 0.1 of FlagEmbedding fp32 on every pair of the default call', async () => {
    const q8 = await loadReranker(`${REFERENCE_DIR}xlmr-tiny`, { dtype: 'q8' });
    try {
      const call = reference.calls.find((c) => c.id === 'default')!;
      const scores = await q8.computeScore(callPairs(reference, call));
      scores.forEach((score, i) => expect(Math.abs(score - call.returned[i]!)).toBeLessThanOrEqual(Q8_TOLERANCE));
    } finally {
      await q8.dispose();
    }
  });
});
