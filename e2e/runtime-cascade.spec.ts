// Cascade reranking behind the worker (issue 15): the `cascade` rank option of a layerwise model
// crosses to the worker as data, and cascade(first, second) composes two workers on the page.
// A cascade whose topN covers every document is the plain rank exactly, as in Node.
import { loadReranker } from '../packages/core/src/node/load-node.js';
import { cascade } from '../packages/core/src/engine/cascade.js';
import type { RankDocument, RankResult } from '../packages/core/src/api.js';
import { REFERENCE_DIR } from '../packages/core/test/helpers/reference.js';
import { expect, MINICPM_TINY, test, TINY, XLMR_TINY, XLMR_TINY_DIR } from './support/fixtures.js';
import { openRuntime, value } from './support/runtime-page.js';
import { ensureTinyModel } from '../packages/testkit/src/index.js';

const QUERY = 'what is panda?';
const DOCS = Array.from({ length: 14 }, (_, i) => (i % 4 === 0 ? `The giant panda ${i} is a bear that eats bamboo.` : `Passage ${i} about ${'mountain rivers '.repeat(1 + (i % 5))}`));
const FP32_TOLERANCE = 1e-5;
const withoutStage = (ranking: RankResult<RankDocument>[]): RankResult<RankDocument>[] => ranking.map(({ stage: _stage, ...r }) => r);

/** Same documents, same stages, in the same order; scores within fp32 noise of Node's. */
function expectCloseTo(got: RankResult<RankDocument>[], expected: RankResult<RankDocument>[]): void {
  expect(got.map(({ index, stage }) => ({ index, stage }))).toEqual(expected.map(({ index, stage }) => ({ index, stage })));
  got.forEach((r, i) => expect(Math.abs(r.score - expected[i]!.score)).toBeLessThanOrEqual(FP32_TOLERANCE));
}

test.describe('cascade option of a layerwise rank, behind the worker', () => {
  test.beforeEach(async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [MINICPM_TINY, hub.url] as const));
  });

  test('topN covering every document equals the plain rank exactly; a smaller one equals Node\'s cascade', async ({ page }) => {
    const options = { batchSize: 4, topK: 9 };
    const full = value(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o), [QUERY, DOCS, options] as const));
    const all = value(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, { ...o, cascade: { topN: 14, cutoffLayers: 2 } }), [QUERY, DOCS, options] as const));
    expect(withoutStage(all)).toEqual(full);
    expect(all.every((r) => r.stage === 'final')).toBe(true);

    const some = { ...options, cascade: { topN: 5, cutoffLayers: 3 } };
    const ranked = value(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o), [QUERY, DOCS, some] as const));
    const node = await loadReranker(`${REFERENCE_DIR}minicpm-layerwise-tiny`, { dtype: 'fp32' });
    const expected = await node.rank(QUERY, DOCS, some);
    await node.dispose();
    expectCloseTo(ranked, expected);
    expect(ranked.map((r) => r.stage)).toEqual([...Array<string>(5).fill('final'), ...Array<string>(4).fill('first')]);
    // Streamed: stage one's rankings, then merged ones; progress counts both stages' pairs.
    const { result, partials, progress } = await page.evaluate(([q, d, o]) => window.rt.rankStream(q, d, o), [QUERY, DOCS, some] as const);
    value(result);
    expect(partials.at(-1)).toEqual(ranked);
    expect(partials[0]!.every((r) => r.stage === 'first')).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 19, total: 19 });
  });

  test('bad cascade options reject with INVALID_OPTION before any onnxruntime run', async ({ page }) => {
    const before = await page.evaluate(() => window.rt.runs().started);
    for (const cascadeOption of [{}, { topN: 0, cutoffLayers: 2 }, { topN: 3 }, { topN: 3, cutoffLayers: 'x' }, { topN: 3, cutoffLayers: 99 }, { topN: 3, cutoffLayers: 2, extra: true }]) {
      const options = { cascade: cascadeOption };
      expect(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o as never), [QUERY, DOCS, options] as const), JSON.stringify(options)).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
      const streamed = await page.evaluate(([q, d, o]) => window.rt.rankStream(q, d, o as never), [QUERY, DOCS, options] as const);
      expect(streamed.result).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
      expect(streamed.partials).toEqual([]);
    }
    expect(await page.evaluate(() => window.rt.runs().started)).toBe(before);
  });
});

test.describe('cascade() of two workers (testkit tiny, then xlmr-tiny)', () => {
  test.beforeEach(async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
    value(await page.evaluate(([model, host]) => window.rt.createFirstStage({ model, host, device: 'wasm', dtype: 'fp32' }), [TINY, hub.url] as const));
  });

  test('topN covering every document equals the second model\'s rank exactly; a smaller one equals Node\'s cascade', async ({ page }) => {
    const options = { batchSize: 3, returnDocuments: true };
    const full = value(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o), [QUERY, DOCS, options] as const));
    const all = value(await page.evaluate(([q, d, o]) => window.rt.cascadeRank(q, d, 14, o), [QUERY, DOCS, options] as const));
    expect(withoutStage(all)).toEqual(full);
    expect(all.every((r) => r.stage === 'final')).toBe(true);

    const ranked = value(await page.evaluate(([q, d]) => window.rt.cascadeRank(q, d, 4), [QUERY, DOCS] as const));
    const [small, large] = [await loadReranker(await ensureTinyModel(), { dtype: 'fp32' }), await loadReranker(XLMR_TINY_DIR, { dtype: 'fp32' })];
    const expected = await cascade(small, large, { topN: 4 }).rank(QUERY, DOCS);
    await small.dispose();
    await large.dispose();
    expectCloseTo(ranked, expected);
    expect(value(await page.evaluate(([q, d]) => window.rt.cascadeStream(q, d, 4), [QUERY, DOCS] as const)).at(-1)).toEqual(ranked);
  });

  test('options the second model refuses reject with INVALID_OPTION before the first model runs', async ({ page }) => {
    // runs() counts the newest harness worker's runs: the first stage's (createFirstStage).
    const before = await page.evaluate(() => window.rt.runs().started);
    value(await page.evaluate(([q, d]) => window.rt.cascadeRank(q, d, 4), [QUERY, ['a', 'b'] as string[]] as const));
    const afterOne = await page.evaluate(() => window.rt.runs().started);
    expect(afterOne).toBeGreaterThan(before);
    for (const options of [{ prompt: 'Yes?' }, { topK: -1 }, { cascade: { topN: 2, cutoffLayers: 2 } }]) {
      expect(await page.evaluate(([q, d, o]) => window.rt.cascadeRank(q, d, 4, o as never), [QUERY, DOCS, options] as const), JSON.stringify(options)).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    }
    expect(await page.evaluate(([q, d]) => window.rt.cascadeRank(q, d, 0), [QUERY, DOCS] as const)).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    expect(await page.evaluate(() => window.rt.runs().started)).toBe(afterOne);
  });
});
