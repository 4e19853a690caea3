import { ensureTinyModel } from '@webrerank/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankDocument, RankResult, Reranker, ScoringProgress } from '../src/api.js';
import { cascade } from '../src/engine/cascade.js';
import { loadModel } from '../src/model/load-model.js';
import { fsSource } from '../src/node/fs-source.js';
import { countingOrt } from './helpers/counting-ort.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// Cascade reranking (issue 15): the `cascade` rank option of a layerwise model and the
// two-model cascade(). A cascade whose topN covers every document must be the plain rank to
// the bit; a smaller topN rescores exactly the first stage's best, and every check happens
// before any onnxruntime run.

const QUERY = 'what is panda?';
const DOCS = Array.from({ length: 23 }, (_, i) => (i % 4 === 0
  ? `The giant panda number ${i} is a bear native to China that eats bamboo.`
  : `Passage ${i} about ${'mountain forests and rivers '.repeat(1 + (i % 5))}`));
const OBJECTS = DOCS.map((text, i) => ({ title: `Doc ${i}`, text }));

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

const plain = <D extends RankDocument>(ranking: RankResult<D>[]): RankResult<D>[] => ranking.map(({ stage: _stage, ...r }) => r);

describe('cascade option of a layerwise rank (minicpm-layerwise-tiny, layers 2-6)', () => {
  let reranker: Reranker;
  let runs: () => number;
  beforeAll(async () => {
    const counting = countingOrt();
    reranker = await loadModel(counting.ort, fsSource(`${REFERENCE_DIR}minicpm-layerwise-tiny`), { dtype: 'fp32', kind: 'layerwise' });
    runs = counting.runs;
  });
  afterAll(() => reranker.dispose());

  it('with topN covering every document equals the plain rank exactly: scores, order, documents, chunks', async () => {
    for (const options of [
      { batchSize: 4 },
      { batchSize: 5, topK: 7, returnDocuments: true, rankFields: ['title', 'text'] },
      { cutoffLayers: 5, batchSize: 3 },
      { maxLength: 40, chunking: { maxChunksPerDoc: 4, overlapTokens: 2 } },
    ]) {
      const expected = await reranker.rank(QUERY, OBJECTS, options);
      for (const topN of [OBJECTS.length, 1000]) {
        const ranked = await reranker.rank(QUERY, OBJECTS, { ...options, cascade: { topN, cutoffLayers: 2 } });
        expect(plain(ranked)).toEqual(expected);
        expect(ranked.every((r) => r.stage === 'final')).toBe(true);
        const streamed = await collect(reranker.rankStream(QUERY, OBJECTS, { ...options, cascade: { topN, cutoffLayers: 2 } }));
        expect(streamed.at(-1)).toEqual(ranked);
      }
    }
  });

  it('with a smaller topN: the best topN at the cheap layer, rescored at the last, above the rest in cheap order', async () => {
    const cheap = await reranker.computeScore(DOCS.map((d) => [QUERY, d] as const), { cutoffLayers: 3, batchSize: 8 });
    const full = await reranker.computeScore(DOCS.map((d) => [QUERY, d] as const));
    const cheapOrder = cheap.map((score, index) => ({ index, score })).sort((a, b) => b.score - a.score || a.index - b.index);
    const chosen = new Set(cheapOrder.slice(0, 6).map((r) => r.index));
    const progress: ScoringProgress[] = [];
    const ranked = await reranker.rank(QUERY, DOCS, { cascade: { topN: 6, cutoffLayers: 3 }, onProgress: (p) => progress.push(p), batchSize: 8 });

    expect(ranked).toHaveLength(DOCS.length);
    const finals = ranked.slice(0, 6);
    expect(new Set(finals.map((r) => r.index))).toEqual(chosen);
    expect(finals.every((r) => r.stage === 'final')).toBe(true);
    // Final scores are the last layer's (scored in a smaller batch: close, not necessarily bitwise).
    finals.forEach((r) => expect(r.score).toBeCloseTo(full[r.index]!, 5));
    expect(finals.map((r) => r.score)).toEqual([...finals.map((r) => r.score)].sort((a, b) => b - a));
    expect(ranked.slice(6)).toEqual(cheapOrder.slice(6).map((r) => ({ ...r, stage: 'first' })));
    // Progress counts both stages: 23 pairs at layer 3, then 6 at layer 6.
    expect(progress.at(-1)).toEqual({ done: 29, total: 29 });
    expect(progress.every((p) => p.total === 29)).toBe(true);

    const topK = await reranker.rank(QUERY, DOCS, { cascade: { topN: 6, cutoffLayers: 3 }, topK: 8, returnDocuments: true });
    expect(topK).toEqual(ranked.slice(0, 8).map((r) => ({ ...r, document: DOCS[r.index] })));
    // The stream shows stage one's rankings (all `first`), then merged ones, ending with rank's.
    const streamed = await collect(reranker.rankStream(QUERY, DOCS, { cascade: { topN: 6, cutoffLayers: 3 }, batchSize: 8 }));
    expect(streamed.length).toBe(3 + 1);
    expect(streamed[0]!.every((r) => r.stage === 'first')).toBe(true);
    expect(streamed.at(-1)).toEqual(ranked);
  });

  it('an abort in the second stage ends the call with ABORTED, in rank and rankStream', async () => {
    const controller = new AbortController();
    // Progress past the first stage's 23 pairs means the second stage has begun.
    const onProgress = (p: ScoringProgress): void => void (p.done > DOCS.length && controller.abort());
    const options = { cascade: { topN: 12, cutoffLayers: 2 }, batchSize: 4, signal: controller.signal, onProgress };
    await expect(reranker.rank(QUERY, DOCS, options)).rejects.toMatchObject({ code: 'ABORTED' });
    const again = new AbortController();
    const partials: RankResult<string>[][] = [];
    await expect((async () => {
      for await (const partial of reranker.rankStream(QUERY, DOCS, { ...options, signal: again.signal, onProgress: (p) => void (p.done > DOCS.length && again.abort()) })) partials.push(partial);
    })()).rejects.toMatchObject({ code: 'ABORTED' });
    // Stage one's six batches came through before the abort.
    expect(partials.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses bad cascade options with INVALID_OPTION before any onnxruntime run', async () => {
    const before = runs();
    for (const bad of [
      { cascade: 3 },
      { cascade: null },
      { cascade: {} },
      { cascade: { topN: 0, cutoffLayers: 2 } },
      { cascade: { topN: 1.5, cutoffLayers: 2 } },
      { cascade: { topN: '5', cutoffLayers: 2 } },
      { cascade: { topN: 5 } },
      { cascade: { topN: 5, cutoffLayers: [2] } },
      { cascade: { topN: 5, cutoffLayers: 2.5 } },
      { cascade: { topN: 5, cutoffLayers: 2, maxLength: 64 } },
      // Out of the model's layers [2, 6]: nothing left to score from.
      { cascade: { topN: 5, cutoffLayers: 9 } },
      // The second stage ranks by the call's layers: several give no single order.
      { cascade: { topN: 5, cutoffLayers: 2 }, cutoffLayers: [4, 6] },
      { cascade: { topN: 5, cutoffLayers: 2 }, topK: -1 },
      { cascade: { topN: 5, cutoffLayers: 2 }, batchSize: 0 },
    ]) {
      await expect(reranker.rank(QUERY, DOCS, bad as never), JSON.stringify(bad)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
      await expect(collect(reranker.rankStream(QUERY, DOCS, bad as never)), JSON.stringify(bad)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    }
    await expect(reranker.rank(QUERY, [...DOCS, 7] as never, { cascade: { topN: 5, cutoffLayers: 2 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(runs()).toBe(before);
  });
});

describe('cascade() of two models (testkit tiny cross-encoder, then xlmr-tiny)', () => {
  let small: Reranker;
  let large: Reranker;
  let layerwise: Reranker;
  let runs: () => number;
  beforeAll(async () => {
    const counting = countingOrt();
    runs = counting.runs;
    small = await loadModel(counting.ort, fsSource(await ensureTinyModel()), { dtype: 'fp32' });
    large = await loadModel(counting.ort, fsSource(`${REFERENCE_DIR}xlmr-tiny`), { dtype: 'fp32' });
    layerwise = await loadModel(counting.ort, fsSource(`${REFERENCE_DIR}minicpm-layerwise-tiny`), { dtype: 'fp32', kind: 'layerwise' });
  });
  afterAll(async () => {
    await small.dispose();
    await large.dispose();
    await layerwise.dispose();
  });

  it('with topN covering every document equals the second model\'s rank exactly', async () => {
    for (const options of [
      { batchSize: 4, topK: 9, returnDocuments: true, rankFields: ['title', 'text'] },
      { maxLength: 24, chunking: { maxChunksPerDoc: 3 } },
    ]) {
      const expected = await large.rank(QUERY, OBJECTS, options);
      const ranked = await cascade(small, large, { topN: OBJECTS.length }).rank(QUERY, OBJECTS, options);
      expect(plain(ranked)).toEqual(expected);
      expect(ranked.every((r) => r.stage === 'final')).toBe(true);
      ranked.filter((r) => r.document !== undefined).forEach((r) => expect(r.document).toBe(OBJECTS[r.index]));
      expect((await collect(cascade(small, large, { topN: 99 }).rankStream(QUERY, OBJECTS, options))).at(-1)).toEqual(ranked);
    }
  });

  it('with a smaller topN: the second model rescores the first model\'s best topN', async () => {
    const first = await small.rank(QUERY, DOCS);
    const chosen = first.slice(0, 5).map((r) => r.index);
    const second = await large.rank(QUERY, [...chosen].sort((a, b) => a - b).map((i) => DOCS[i]!));
    const ranked = await cascade(small, large, { topN: 5 }).rank(QUERY, DOCS);
    expect(ranked.slice(0, 5).map((r) => r.index).sort()).toEqual([...chosen].sort());
    expect(ranked.slice(0, 5).map((r) => r.score)).toEqual(second.map((r) => r.score));
    expect(ranked.slice(5)).toEqual(first.slice(5).map((r) => ({ ...r, stage: 'first' })));
  });

  it('refuses bad cascades and options before any onnxruntime run', async () => {
    const before = runs();
    expect(() => cascade(small, large, { topN: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => cascade(small, large, { topN: 2, top: 3 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => cascade(small, {} as never, { topN: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => cascade(small, large, undefined as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    const pair = cascade(small, layerwise, { topN: 3 });
    await expect(pair.rank(QUERY, DOCS, { cascade: { topN: 2, cutoffLayers: 2 } } as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(pair.rank(QUERY, DOCS, { topK: 'x' } as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    // An option only the second model takes fails on the first, before it scores; one the second
    // refuses is found by checking the second stage before the first scores anything.
    await expect(pair.rank(QUERY, DOCS, { cutoffLayers: 4 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(cascade(layerwise, small, { topN: 3 }).rank(QUERY, DOCS, { prompt: 'Yes?' })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(collect(cascade(layerwise, small, { topN: 3 }).rankStream(QUERY, DOCS, { prompt: 'Yes?' }))).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    expect(runs()).toBe(before);
  });
});

// Type-level: the option and the combinator are typed as documented (checked by tsc, never run).
export function typeChecks(layerwise: Reranker, small: Reranker): void {
  void layerwise.rank('q', ['a'], { cascade: { topN: 2, cutoffLayers: 3 } });
  // @ts-expect-error the first stage's layer is required: the option is the layerwise form
  void layerwise.rank('q', ['a'], { cascade: { topN: 2 } });
  // @ts-expect-error one layer, not a list: the first stage ranks by one score
  void layerwise.rank('q', ['a'], { cascade: { topN: 2, cutoffLayers: [3] } });
  const pair = cascade(small, layerwise, { topN: 5 });
  void pair.rank('q', [{ text: 'a' }], { topK: 3 }).then((r) => r[0]?.stage satisfies 'first' | 'final' | undefined);
  // @ts-expect-error a cascade() takes no cascade option
  void pair.rank('q', ['a'], { cascade: { topN: 2, cutoffLayers: 3 } });
}
