import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankResult, Reranker, ScoringProgress } from '../src/api.js';
import { RerankerError } from '../src/errors.js';
import { planChunks } from '../src/engine/chunking.js';
import { loadModel, type LoadedReranker } from '../src/model/load-model.js';
import { fsSource } from '../src/node/fs-source.js';
import { countingOrt } from './helpers/counting-ort.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// The facade every engine shares (engine/reranker-facade.ts): rank with documents, checks before
// any scoring (counted in session runs), progress, and rankStream's partial rankings.

const QUERY = 'what is panda?';
const DOCS = Array.from({ length: 11 }, (_, i) => ({
  title: `Doc ${i}`,
  text: i % 3 === 0 ? 'The giant panda is a bear native to China.' : `Passage number ${i} about ${'something else '.repeat(i)}`,
}));

async function load(model: string, kind?: 'layerwise'): Promise<{ reranker: Reranker & { dispose(): Promise<void> }; runs: () => number }> {
  const counting = countingOrt();
  const reranker = await loadModel(counting.ort, fsSource(`${REFERENCE_DIR}${model}`), { dtype: 'fp32', ...(kind ? { kind } : {}) });
  return { reranker, runs: counting.runs };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('rank with documents (xlmr-tiny)', () => {
  let reranker: Reranker;
  let runs: () => number;
  beforeAll(async () => ({ reranker, runs } = await load('xlmr-tiny')));
  afterAll(() => reranker.dispose());

  it('joins rankFields as `field: value` lines, in order, and returns the original objects', async () => {
    const ranked = await reranker.rank(QUERY, DOCS, { rankFields: ['title', 'text'], returnDocuments: true, topK: 4 });
    const scores = await reranker.computeScore(DOCS.map((d) => [QUERY, `title: ${d.title}\ntext: ${d.text}`] as const));
    const expected = scores.map((score, index) => ({ index, score })).sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 4);
    expect(ranked.map(({ index, score }) => ({ index, score }))).toEqual(expected);
    ranked.forEach((r) => expect(r.document).toBe(DOCS[r.index]));
  });

  it('reads an object without rankFields by its text field, as the same string would rank', async () => {
    const asObjects = await reranker.rank(QUERY, DOCS);
    const asStrings = await reranker.rank(QUERY, DOCS.map((d) => d.text));
    expect(asObjects).toEqual(asStrings);
  });

  it('checks topK, returnDocuments, rankFields and documents before any session run', async () => {
    const before = runs();
    const bad: [unknown, unknown, string][] = [
      [DOCS, { topK: -1 }, 'INVALID_OPTION'],
      [DOCS, { topK: 1.5 }, 'INVALID_OPTION'],
      [DOCS, { returnDocuments: 'yes' }, 'INVALID_OPTION'],
      [DOCS, { rankFields: [] }, 'INVALID_OPTION'],
      [DOCS, { rankFields: ['title', 3] }, 'INVALID_OPTION'],
      [DOCS, { rankFields: ['title', 'missing'] }, 'INVALID_INPUT'],
      [[...DOCS, 7], {}, 'INVALID_INPUT'],
      [[{ title: 'no text' }], {}, 'INVALID_INPUT'],
      [DOCS, { batchSize: 0 }, 'INVALID_OPTION'],
      [DOCS, { onProgress: 'x' }, 'INVALID_OPTION'],
    ];
    for (const [documents, options, code] of bad) {
      const error = await reranker.rank(QUERY, documents as never, options as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(RerankerError);
      expect((error as RerankerError).code, JSON.stringify(options)).toBe(code);
      await expect(collect(reranker.rankStream(QUERY, documents as never, options as never))).rejects.toMatchObject({ code });
    }
    expect(runs()).toBe(before);
    // …and a good call does run.
    await reranker.rank(QUERY, ['a']);
    expect(runs()).toBeGreaterThan(before);
  });

  it('reports progress per batch: done grows to the total', async () => {
    const progress: ScoringProgress[] = [];
    await reranker.computeScore(DOCS.map((d) => [QUERY, d.text] as const), { batchSize: 3, onProgress: (p) => progress.push(p) });
    expect(progress.length).toBe(4);
    expect(progress.map((p) => p.total)).toEqual([11, 11, 11, 11]);
    progress.reduce((last, p) => (expect(p.done).toBeGreaterThan(last), p.done), 0);
    expect(progress.at(-1)?.done).toBe(11);
  });

  it('rankStream yields one growing best-so-far ranking per batch, the last equal to rank', async () => {
    const options = { batchSize: 3, topK: 5, rankFields: ['title', 'text'], returnDocuments: true };
    const progress: ScoringProgress[] = [];
    const partials = await collect(reranker.rankStream(QUERY, DOCS, { ...options, onProgress: (p) => progress.push(p) }));
    expect(partials).toHaveLength(4);
    expect(progress.map((p) => p.done)).toEqual([3, 6, 9, 11]);
    // Each partial ranks the documents scored so far: it never loses a better document.
    partials.forEach((partial) => expect(partial.length).toBeLessThanOrEqual(5));
    for (let i = 1; i < partials.length; i++) expect(partials[i]![0]!.score).toBeGreaterThanOrEqual(partials[i - 1]![0]!.score);
    expect(partials.at(-1)).toEqual(await reranker.rank(QUERY, DOCS, options));
  });

  it('rankStream of no documents yields one empty ranking', async () => {
    expect(await collect(reranker.rankStream(QUERY, []))).toEqual([[]]);
  });

  it('an abort mid-stream keeps what was yielded and ends with ABORTED; the run stops', async () => {
    const controller = new AbortController();
    const yielded: RankResult<string>[][] = [];
    const before = runs();
    const docs = DOCS.map((d) => d.text);
    const error = await (async () => {
      for await (const partial of reranker.rankStream(QUERY, docs, { batchSize: 2, signal: controller.signal })) {
        yielded.push(partial);
        if (yielded.length === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(yielded).toHaveLength(2);
    expect(yielded[1]).toHaveLength(4);
    // Six batches of 2 would run; the abort stopped it after at most one more.
    expect(runs() - before).toBeLessThan(6);
  });
});

describe.each(['xlmr-tiny', 'gemma-tiny'])('%s: truncate', (model) => {
  it("'error' refuses a pair that would be cut, before any run; a pair that fits scores as by default", async () => {
    const { reranker, runs } = await load(model);
    try {
      const long = 'bamboo forest '.repeat(40);
      const error = await reranker.rank(QUERY, ['short', long], { maxLength: 32, truncate: 'error' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('pair 1') });
      await expect(reranker.computeScore([QUERY, long], { maxLength: 32, truncate: 'error' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      // A long query is cut to queryMaxLength: refused too.
      await expect(reranker.computeScore([long, 'short'], { maxLength: 512, queryMaxLength: 8, truncate: 'error' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(runs()).toBe(0);
      await expect(reranker.computeScore([QUERY, 'short'], { truncate: 'sometimes' as never })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
      // The default cuts as FlagEmbedding does and scores; a pair that fits is the same either way.
      expect(await reranker.computeScore([QUERY, long], { maxLength: 32 })).toEqual(expect.any(Number));
      expect(await reranker.computeScore([QUERY, 'short'], { truncate: 'error' })).toBe(await reranker.computeScore([QUERY, 'short']));
    } finally {
      await reranker.dispose();
    }
  });
});

describe.each(['xlmr-tiny', 'gemma-tiny'])('%s: chunking long documents', (model) => {
  const LONG = Array.from({ length: 120 }, (_, i) => (i === 77 ? 'the giant panda is a bear that eats bamboo' : `word${i} filler text`)).join(' ');
  const SHORT = 'The giant panda is a bear.';
  const options = { maxLength: 48, chunking: { maxChunksPerDoc: 40, overlapTokens: 6 } };
  let reranker: LoadedReranker;
  let runs: () => number;
  beforeAll(async () => ({ reranker, runs } = await load(model) as { reranker: LoadedReranker; runs: () => number }));
  afterAll(() => reranker.dispose());

  it('scores a document by its best window; every window fits whole and scores as computeScore of its text', async () => {
    const [long, short] = await Promise.all([reranker.rank(QUERY, [LONG], options), reranker.rank(QUERY, [SHORT], options)]);
    // The same windows the facade plans, from the engine's own measure.
    const measure = {
      fits: (pair: readonly [string, string]) => {
        try {
          reranker.encodePairs([pair], { maxLength: 48, truncate: 'error' });
          return true;
        } catch {
          return false;
        }
      },
      countTokens: (text: string) => (reranker as unknown as { countTokens(t: string): number }).countTokens(text),
    };
    const plan = planChunks([[QUERY, LONG]], options.chunking, measure);
    expect(plan.spans.length).toBeGreaterThan(3);
    expect(plan.spans[0]!.start).toBe(0);
    expect(plan.spans.at(-1)!.end).toBe(LONG.length);
    // Consecutive windows overlap (overlapTokens 6) and move forward.
    for (let i = 1; i < plan.spans.length; i++) {
      expect(plan.spans[i]!.start).toBeGreaterThan(plan.spans[i - 1]!.start);
      expect(plan.spans[i]!.start).toBeLessThan(plan.spans[i - 1]!.end);
    }
    // truncate 'error': each window is scored whole, never cut.
    const chunkScores = await reranker.computeScore(plan.pairs, { maxLength: 48, truncate: 'error' });
    const best = Math.max(...chunkScores);
    expect(Math.abs(long[0]!.score - best)).toBeLessThanOrEqual(1e-5);
    const span = long[0]!.chunk!;
    expect(Math.abs((await reranker.computeScore([QUERY, LONG.slice(span.start, span.end)], { maxLength: 48 })) - long[0]!.score)).toBeLessThanOrEqual(1e-5);
    // A document that fits is one window, itself.
    expect(short[0]!.chunk).toEqual({ start: 0, end: SHORT.length });
    expect(short[0]!.score).toBe(await reranker.computeScore([QUERY, SHORT], { maxLength: 48 }));
  });

  it('maxChunksPerDoc bounds the windows; rankStream ends with rank; bad chunking rejects before any run', async () => {
    const bounded = { maxLength: 48, chunking: { maxChunksPerDoc: 2 } };
    const ranked = await reranker.rank(QUERY, [LONG, SHORT], bounded);
    expect(ranked.find((r) => r.index === 0)!.chunk!.end).toBeLessThan(LONG.length / 2);
    const streamed = await collect(reranker.rankStream(QUERY, [LONG, SHORT], { ...bounded, batchSize: 1 }));
    expect(streamed).toHaveLength(3);
    // Same options, same batches: the last partial is rank's result (LLM scores move ~1e-7 with the batch).
    expect(streamed.at(-1)).toEqual(await reranker.rank(QUERY, [LONG, SHORT], { ...bounded, batchSize: 1 }));
    const before = runs();
    for (const chunking of [{ maxChunksPerDoc: 0 }, { overlapTokens: -1 }, { maxChunks: 2 }, 'yes']) {
      await expect(reranker.rank(QUERY, [LONG], { chunking: chunking as never })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    }
    expect(runs()).toBe(before);
  });
});

describe('rank on a layerwise model (minicpm-layerwise-tiny)', () => {
  it('several cutoff layers reject before any session run; one layer ranks', async () => {
    const { reranker, runs } = await load('minicpm-layerwise-tiny', 'layerwise');
    try {
      await expect(reranker.rank(QUERY, ['a', 'b'], { cutoffLayers: [3, 5] })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
      expect(runs()).toBe(0);
      const ranked = await reranker.rank(QUERY, ['a', 'b'], { cutoffLayers: [3] });
      const scores = await reranker.computeScore([[QUERY, 'a'], [QUERY, 'b']], { cutoffLayers: [3] });
      expect(ranked.map((r) => r.score).sort()).toEqual([...scores].sort());
    } finally {
      await reranker.dispose();
    }
  });
});
