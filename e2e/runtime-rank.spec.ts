// rank, rankStream and progress behind the worker: the same facade as in Node, so the same
// results, the same checks before any onnxruntime run, and partial rankings across comlink.
import { loadReranker } from '../packages/core/src/node/load-node.js';
import { expect, test, XLMR_TINY, XLMR_TINY_DIR } from './support/fixtures.js';
import { openRuntime, value } from './support/runtime-page.js';

const QUERY = 'what is panda?';
const DOCS = Array.from({ length: 9 }, (_, i) => ({
  title: `Doc ${i}`,
  text: i % 3 === 0 ? 'The giant panda is a bear native to China.' : `Passage ${i} about ${'bamboo forest '.repeat(i)}`,
}));
const OPTIONS = { rankFields: ['title', 'text'], topK: 5, returnDocuments: true, batchSize: 2 };
const FP32_TOLERANCE = 1e-5;

test.describe('rank behind the worker', () => {
  test.beforeEach(async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
  });

  test('rank with documents equals Node\'s rank on the same inputs; rankStream ends with it, progress grows to the total', async ({ page }) => {
    const node = await loadReranker(XLMR_TINY_DIR, { dtype: 'fp32' });
    const expected = await node.rank(QUERY, DOCS, OPTIONS);
    await node.dispose();
    const ranked = value(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o), [QUERY, DOCS, OPTIONS] as const));
    expect(ranked.map((r) => r.index)).toEqual(expected.map((r) => r.index));
    ranked.forEach((r, i) => {
      expect(Math.abs(r.score - expected[i]!.score)).toBeLessThanOrEqual(FP32_TOLERANCE);
      expect(r.document).toEqual(DOCS[r.index]);
    });

    // The page gets its own objects back, not the worker's structured clones (as in Node).
    expect(await page.evaluate(([q, d]) => window.rt.rankReturnsOriginals(q, d), [QUERY, DOCS] as const)).toBe(true);

    const { result, partials, progress } = await page.evaluate(([q, d, o]) => window.rt.rankStream(q, d, o), [QUERY, DOCS, OPTIONS] as const);
    value(result);
    expect(partials).toHaveLength(5); // 9 documents, batches of 2
    expect(progress.map((p) => p.done)).toEqual([2, 4, 6, 8, 9]);
    expect(progress.every((p) => p.total === 9)).toBe(true);
    expect(partials.at(-1)).toEqual(ranked);
  });

  test('chunked rank behind the worker equals Node\'s: same windows, same best spans', async ({ page }) => {
    const long = Array.from({ length: 80 }, (_, i) => (i === 50 ? 'the giant panda is a bear' : `word${i} filler`)).join(' ');
    const docs = [long, 'Paris is in France.'];
    const options = { maxLength: 40, chunking: { maxChunksPerDoc: 30, overlapTokens: 4 } };
    const node = await loadReranker(XLMR_TINY_DIR, { dtype: 'fp32' });
    const expected = await node.rank(QUERY, docs, options);
    await node.dispose();
    const ranked = value(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o), [QUERY, docs, options] as const));
    expect(ranked.map(({ index, chunk }) => ({ index, chunk }))).toEqual(expected.map(({ index, chunk }) => ({ index, chunk })));
    ranked.forEach((r, i) => expect(Math.abs(r.score - expected[i]!.score)).toBeLessThanOrEqual(FP32_TOLERANCE));
    expect(ranked.find((r) => r.index === 0)!.chunk!.end).toBeLessThan(long.length);
  });

  test('bad rank options reject before any onnxruntime run, with their codes', async ({ page }) => {
    const before = await page.evaluate(() => window.rt.runs().started);
    for (const [options, code] of [[{ topK: -1 }, 'INVALID_OPTION'], [{ returnDocuments: 1 }, 'INVALID_OPTION'], [{ rankFields: ['nope'] }, 'INVALID_INPUT']] as const) {
      expect(await page.evaluate(([q, d, o]) => window.rt.rank(q, d, o as never), [QUERY, DOCS, options] as const)).toMatchObject({ ok: false, code });
      const streamed = await page.evaluate(([q, d, o]) => window.rt.rankStream(q, d, o as never), [QUERY, DOCS, options] as const);
      expect(streamed.result).toMatchObject({ ok: false, code });
      expect(streamed.partials).toEqual([]);
    }
    expect(await page.evaluate(() => window.rt.runs().started)).toBe(before);
  });

  test('an abort mid-stream keeps the partials yielded and ends with ABORTED; the next call works', async ({ page }) => {
    const docs = DOCS.map((d) => d.text);
    const { result, partials } = await page.evaluate(([q, d]) => window.rt.rankStream(q, d, { batchSize: 1 }, 2), [QUERY, docs] as const);
    expect(result).toMatchObject({ ok: false, code: 'ABORTED' });
    expect(partials).toHaveLength(2);
    expect(partials[1]).toHaveLength(2);
    expect(value(await page.evaluate(([q, d]) => window.rt.rank(q, d), [QUERY, docs] as const))).toHaveLength(docs.length);
  });
});
