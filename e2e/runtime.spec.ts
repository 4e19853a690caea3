// The browser runtime end to end: createReranker in a real module worker, onnxruntime-web on
// WASM and on WebGPU (SwiftShader), weights from the local hub server, against FlagEmbedding's
// reference scores and the Node engine.
import { readFileSync } from 'node:fs';
import { ensureTinyModel } from '../packages/testkit/src/index.js';
import { loadReranker } from '../packages/core/src/node/load-node.js';
import type { Pair } from '../packages/core/src/api.js';
import type { RerankerInfo } from '../packages/core/src/boundary/worker-api.js';
import { expect, test, TINY, XLMR_TINY, XLMR_TINY_DIR } from './support/fixtures.js';
import { HARNESS_ORIGIN } from './support/origins.js';
import { openRuntime, value, type Outcome } from './support/runtime-page.js';

interface ReferenceCall { id: string; pair_indices: number[]; per_pair: { raw_score: number }[] }
const reference = JSON.parse(readFileSync(`${XLMR_TINY_DIR}expected.json`, 'utf8')) as { pairs: Pair[]; calls: ReferenceCall[] };
const defaultCall = reference.calls.find((c) => c.id === 'default')!;
const referencePairs = defaultCall.pair_indices.map((i) => reference.pairs[i]!);
const referenceScores = defaultCall.per_pair.map((p) => p.raw_score);

const TINY_PAIRS: Pair[] = Array.from({ length: 12 }, (_, i) => [`query ${i % 3} about pandas`, `passage ${i} ${'bamboo forest '.repeat(i + 1)}`]);

// fp32 in the browser against FlagEmbedding (PyTorch) and against the Node engine: the same
// tolerance as the Node reference tests; WebGPU sums in another order, still far inside 1e-4.
const FP32_TOLERANCE = 1e-4;

function expectClose(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(Math.abs(x - expected[i]!), `pair ${i}: ${x} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
}

test.describe('createReranker in a worker', () => {
  test('WASM: FlagEmbedding reference scores, threads from cross-origin isolation, info() names the device', async ({ page, hub, network }) => {
    await openRuntime(page);
    const info = value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
    expect(info).toMatchObject({ device: 'wasm', dtype: 'fp32', model: XLMR_TINY });
    expect(info.threads).toBe(await page.evaluate(() => navigator.hardwareConcurrency));
    expect(info.rejected).toContainEqual(expect.objectContaining({ device: 'webgpu', reason: expect.stringContaining('"wasm" was requested') }));
    const scores = value(await page.evaluate((pairs) => window.rt.score(pairs), referencePairs));
    expectClose(scores, referenceScores, FP32_TOLERANCE);
    expect(network.outside(HARNESS_ORIGIN, hub.url)).toEqual([]);
  });

  for (const device of ['wasm', 'webgpu'] as const) {
    test(`${device}: the generated tiny model scores like the Node engine`, async ({ page, hub }) => {
      const node = await loadReranker(await ensureTinyModel(), { dtype: 'fp32' });
      const expected = await node.computeScore(TINY_PAIRS);
      await node.dispose();
      await openRuntime(page);
      // webgpu with dtype auto: this SwiftShader adapter has no shader-f16, so fp32 weights.
      const options = device === 'webgpu' ? { device: 'webgpu' as const } : { device: 'wasm' as const, dtype: 'fp32' as const };
      const info = value(await page.evaluate(([model, host, o]) => window.rt.create({ model, host, ...o }), [TINY, hub.url, options] as const));
      expect(info).toMatchObject({ device, dtype: 'fp32' });
      if (device === 'webgpu') {
        expect(info.rejected).toContainEqual(expect.objectContaining({ device: 'webgpu', dtype: 'fp16', reason: expect.stringContaining('shader-f16') }));
      }
      const scores = value(await page.evaluate((pairs) => window.rt.score(pairs), TINY_PAIRS));
      expectClose(scores, expected, FP32_TOLERANCE);
    });
  }

  // q8 graphs are rewritten at load to quantize activations per token (issue 11): in the worker
  // too, a pair's score must not depend on the rest of the call. Per-tensor scales moved the
  // tiny model's scores by up to 4e-2 between a pair alone and in a batch.
  test('q8 on WASM: each pair scores the same alone, in one call and in batches of 2, and as the Node engine', async ({ page, hub }) => {
    const node = await loadReranker(await ensureTinyModel(), { dtype: 'q8' });
    const expected = await node.computeScore(TINY_PAIRS);
    await node.dispose();
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'q8' }), [TINY, hub.url] as const));
    const together = value(await page.evaluate((pairs) => window.rt.score(pairs), TINY_PAIRS));
    const alone: number[] = [];
    for (const pair of TINY_PAIRS) alone.push(value(await page.evaluate((p) => window.rt.score([p]), pair))[0]!);
    const reversed = value(await page.evaluate((pairs) => window.rt.score(pairs, { batchSize: 2 }), [...TINY_PAIRS].reverse())).reverse();
    expectClose(alone, together, 1e-6);
    expectClose(reversed, together, 1e-6);
    expectClose(together, expected, 1e-6);
  });

  test('auto passes over the software WebGPU adapter for WASM q8, and says why', async ({ page, hub }) => {
    await openRuntime(page);
    const info = value(await page.evaluate(([model, host]) => window.rt.create({ model, host }), [TINY, hub.url] as const));
    expect(info).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(info.rejected).toContainEqual(expect.objectContaining({ device: 'webgpu', reason: expect.stringContaining('software fallback') }));
  });

  test('the library\'s default worker, rank() and a single pair', async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }, true), [XLMR_TINY, hub.url] as const));
    expect(await page.evaluate(() => window.rt.workerCount())).toBe(0);
    const one = value(await page.evaluate((pair) => window.rt.scoreOne(pair), referencePairs[1]!));
    expect(Math.abs(one - referenceScores[1]!)).toBeLessThanOrEqual(FP32_TOLERANCE);
    const passages = referencePairs.slice(0, 3).map((p) => p[1]);
    const ranked = value(await page.evaluate(([q, ps]) => window.rt.rank(q, ps, { topK: 2, returnDocuments: true }), [referencePairs[0]![0], passages] as const));
    const order = referenceScores.slice(0, 3).map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
    expect(ranked.map((r) => r.index)).toEqual(order.slice(0, 2).map(([, i]) => i));
    expect(ranked[0]!.document).toBe(passages[ranked[0]!.index]);
  });

  test('bad input crosses the boundary as a RerankerError with its code', async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
    const bad = (await page.evaluate(() => window.rt.score([['q', 'p']], { maxLength: 2 }))) as Outcome<number[]>;
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    const notPairs = (await page.evaluate(() => window.rt.score([['q']] as never))) as Outcome<number[]>;
    expect(notPairs).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // …and the reranker still works.
    expect(value(await page.evaluate(() => window.rt.score([['q', 'p']])))).toHaveLength(1);
  });
});

export type { RerankerInfo };
