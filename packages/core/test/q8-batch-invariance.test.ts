import { ensureTinyModel, seededRandom } from '@webrerank/testkit';
import { COMMON_WORDS } from '../../testkit/src/wordlist.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pair } from '../src/api.js';
import type { LoadedReranker } from '../src/model/load-model.js';
import { loadReranker, type NodeBackend } from '../src/node/load-node.js';

// A pair's score must not depend on the pairs it is scored with (issue 11, class 1). q8 graphs
// quantized activations with one scale per padded batch: the same pair scored 3.3e-2 apart alone
// and in a batch of the tiny model. Property: 240 seeded pairs of 4-500 tokens, each scored
// alone, then in random calls (random order, batch sizes and token budgets): every score the
// same to 1e-6 (in practice bit-identical).
const PAIR_COUNT = 240;
const ROUNDS = 2;

const WORDS = COMMON_WORDS.split(/\s+/).filter(Boolean);

// Pair lengths spread over 4-500 tokens: a target length each, passages cut to fit it.
function randomPairs(random: () => number, count: number, length: (pair: Pair) => number): Pair[] {
  const words = (n: number): string[] => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)] as string);
  return Array.from({ length: count }, (): Pair => {
    const target = 4 + Math.floor(random() * 497);
    const queryWords = Math.min(Math.floor(random() * 12), target - 4);
    const query = words(queryWords).join(' ');
    const passage = words(target - 4 - queryWords);
    // Each word is at least one token: drop the excess at once, then word by word.
    for (let excess = length([query, passage.join(' ')]) - target; excess > 0; excess = length([query, passage.join(' ')]) - target) {
      passage.splice(-Math.max(1, Math.floor(excess / 3)));
    }
    return [query, passage.join(' ')];
  });
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// The same pairs for every dtype and backend (the tokenizer is the same).
let pairsOnce: Pair[] | undefined;
function sharedPairs(reranker: LoadedReranker): Pair[] {
  pairsOnce ??= randomPairs(seededRandom(0x5eed), PAIR_COUNT, (pair) => (reranker.encodePairs([pair])[0] as number[]).length);
  return pairsOnce;
}

describe.each([
  ['q8', 'wasm'],
  ['q8', 'node'],
  ['fp32', 'wasm'],
] as const)('%s scores on %s do not depend on the rest of the call', (dtype, backend: NodeBackend) => {
  let reranker: LoadedReranker;
  let pairs: Pair[];
  const random = seededRandom(0xba7c4 + backend.length + dtype.length);

  beforeAll(async () => {
    reranker = await loadReranker(await ensureTinyModel(), { dtype, backend });
    pairs = sharedPairs(reranker);
  });
  afterAll(() => reranker.dispose());

  it(`${PAIR_COUNT} pairs of 4-500 tokens, alone and in ${ROUNDS} rounds of random calls, orders and batch sizes: max |diff| <= 1e-6`, async () => {
    const lengths = reranker.encodePairs(pairs).map((ids) => ids.length);
    expect(Math.min(...lengths)).toBeLessThanOrEqual(8);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(480);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(500);

    const alone: number[] = [];
    for (const pair of pairs) alone.push(await reranker.computeScore(pair));

    let maxDiff = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const order = shuffled(pairs.map((_, i) => i), random);
      for (let start = 0; start < order.length; ) {
        const size = 2 + Math.floor(random() * 60);
        const call = order.slice(start, start + size);
        start += size;
        const options = { batchSize: 1 + Math.floor(random() * 32), maxBatchTokens: 512 + Math.floor(random() * 16384) };
        const scores = await reranker.computeScore(call.map((i) => pairs[i] as Pair), options);
        call.forEach((index, k) => (maxDiff = Math.max(maxDiff, Math.abs((scores[k] as number) - (alone[index] as number)))));
      }
    }
    expect(maxDiff).toBeLessThanOrEqual(1e-6);
  });
});

// onnxruntime-node opens models by path so it finds external data itself; a q8 graph is now
// read and rewritten first, so the session is told the folder of its external data instead.
it('onnxruntime-node: q8 with external data loads rewritten and scores as the one-file q8', async () => {
  const pairs: Pair[] = [['what is panda?', 'hi'], ['x', 'y'], ['a b c', 'the bamboo forest of the giant panda']];
  const [external, inline] = await Promise.all([
    loadReranker(await ensureTinyModel({ externalData: true }), { backend: 'node', dtype: 'q8' }),
    loadReranker(await ensureTinyModel(), { backend: 'node', dtype: 'q8' }),
  ]);
  try {
    expect(await external.computeScore(pairs)).toEqual(await inline.computeScore(pairs));
    expect(await external.computeScore(pairs[0] as Pair)).toBe((await inline.computeScore(pairs))[0]);
  } finally {
    await Promise.all([external.dispose(), inline.dispose()]);
  }
});
