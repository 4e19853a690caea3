import { afterAll, describe, expect, it } from 'vitest';
import type { EngineWarning } from '../src/api.js';
import type { LoadedReranker } from '../src/model/load-model.js';
import { loadReranker } from '../src/node/load-node.js';
import { callPairs, readReference, REFERENCE_DIR, returnedLayers, toOptions, type ReferenceCall } from './helpers/reference.js';

// FlagEmbedding's own scores move by up to ~1e-5 with batch composition and padding, and the ONNX
// exports differ from PyTorch by about as much (reference README): 1e-4 on raw fp32 logits still
// catches any wrong token, truncation, padding side or last-token position.
const FP32_TOLERANCE = 1e-4;
const MODELS = ['gemma-tiny', 'minicpm-layerwise-tiny'] as const;

const rerankers = new Map<string, LoadedReranker>();
const warnings: EngineWarning[] = [];
const maxDiff = new Map<string, number>();

// One reranker per model and constructor kwargs, as FlagEmbedding builds one per call.
async function rerankerFor(model: string, initKwargs: Record<string, unknown>): Promise<LoadedReranker> {
  const key = `${model} ${JSON.stringify(initKwargs)}`;
  let reranker = rerankers.get(key);
  if (!reranker) {
    reranker = await loadReranker(`${REFERENCE_DIR}${model}`, { dtype: 'fp32', defaults: toOptions(initKwargs), onWarning: (w) => warnings.push(w) });
    rerankers.set(key, reranker);
  }
  return reranker;
}

afterAll(async () => {
  await Promise.all([...rerankers.values()].map((r) => r.dispose()));
  for (const [model, diff] of maxDiff) console.log(`${model}: max |score - FlagEmbedding| = ${diff.toExponential(2)}`);
});

// What FlagEmbedding returned, as ours is shaped: a bare pair drops the pair dimension.
function expectedOf(call: ReferenceCall): number | number[] | number[][] {
  const layered = call.returned_shape.startsWith('list[list');
  if (call.input_form !== 'single_pair_tuple') return layered ? returnedLayers(call) : call.returned;
  return layered ? returnedLayers(call).map((layer) => layer[0]!) : call.returned[0]!;
}

function compare(model: string, actual: unknown, expected: number | number[] | number[][]): void {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  expect(shapeOf(actual)).toEqual(shapeOf(expected));
  const [a, e] = [flat(actual), flat(expected)];
  const diff = Math.max(0, ...a.map((x, i) => Math.abs(x - e[i]!)));
  maxDiff.set(model, Math.max(maxDiff.get(model) ?? 0, diff));
  expect(diff).toBeLessThanOrEqual(FP32_TOLERANCE);
}

function shapeOf(value: unknown): number[] {
  return Array.isArray(value) ? [value.length, ...shapeOf(value[0])] : [];
}

for (const model of MODELS) {
  const reference = readReference(model);
  const calls = reference.calls.filter((call) => !call.quirk);

  describe(`${model} against FlagEmbedding (onnxruntime-web wasm, fp32)`, () => {
    it.each(calls.map((call) => [call.id, call] as const))('call %s: identical input_ids', async (_id, call) => {
      const reranker = await rerankerFor(model, call.init_kwargs);
      const ids = reranker.encodePairs(callPairs(reference, call), toOptions(call.call_kwargs));
      expect(ids).toEqual(call.per_pair.map((p) => p.input_ids));
    });

    it.each(calls.map((call) => [call.id, call] as const))('call %s: scores within 1e-4, shaped like FlagEmbedding', async (_id, call) => {
      const reranker = await rerankerFor(model, call.init_kwargs);
      const pairs = callPairs(reference, call);
      const options = toOptions(call.call_kwargs);
      const before = warnings.length;
      const scores: unknown = call.input_form === 'single_pair_tuple'
        ? await reranker.computeScore(pairs[0]!, options)
        : await reranker.computeScore(pairs, options);
      compare(model, scores, expectedOf(call));
      const dropped = (call.effective.cutoff_layers_requested ?? []).filter((l) => !(call.effective.cutoff_layers_after_filter ?? []).includes(l));
      expect(warnings.length - before).toBe(dropped.length > 0 ? 1 : 0);
    });
  });
}

describe('layerwise cutoff layers', () => {
  const reference = readReference('minicpm-layerwise-tiny');
  const call = (id: string): ReferenceCall => reference.calls.find((c) => c.id === id)!;

  it('cut_out_of_range: layers 1 and 9 are dropped with one CUTOFF_LAYERS_DROPPED warning, layer 4 scores', async () => {
    const reranker = await rerankerFor('minicpm-layerwise-tiny', call('cut_out_of_range').init_kwargs);
    const before = warnings.length;
    const scores = await reranker.computeScore(callPairs(reference, call('cut_out_of_range')), { cutoffLayers: [1, 4, 9] });
    expect(warnings.slice(before)).toEqual([{ code: 'CUTOFF_LAYERS_DROPPED', message: expect.stringMatching(/layers 1, 9 outside \[2, 6\] dropped; scoring layer 4$/) as unknown }]);
    compare('minicpm-layerwise-tiny', scores, call('cut_out_of_range').returned);
  });

  it('unsorted and duplicate layers give ascending layers with head k after layer k (not the cut53_unsorted quirk)', async () => {
    const reranker = await rerankerFor('minicpm-layerwise-tiny', {});
    const quirk = call('cut53_unsorted');
    expect(quirk.quirk).toBe(true);
    const pairs = callPairs(reference, quirk);
    const ours = (await reranker.computeScore(pairs, { cutoffLayers: [5, 3, 5] })) as number[][];
    expect(ours).toEqual(await reranker.computeScore(pairs, { cutoffLayers: [3, 5] }));
    expect(ours[1]).toEqual(await reranker.computeScore(pairs, { cutoffLayers: 5 }));
    // Layer 3 is FlagEmbedding's layer 3 (call cut3, same pairs and defaults) ...
    compare('minicpm-layerwise-tiny', ours[0], call('cut3').returned);
    // ... where FlagEmbedding's unsorted call paired head 5 with layer 3: far from it.
    const [quirkFirst] = returnedLayers(quirk);
    expect(Math.max(...ours[0]!.map((x, i) => Math.abs(x - quirkFirst![i]!)))).toBeGreaterThan(0.01);
  });

  it('rejects cutoff layers that leave no layer, or that are not integers, with INVALID_OPTION', async () => {
    const reranker = await rerankerFor('minicpm-layerwise-tiny', {});
    const pairs = callPairs(reference, call('default')).slice(0, 2);
    for (const cutoffLayers of [[0, 1, 7], [], 9, [2.5], ['3']]) {
      const error = await reranker.computeScore(pairs, { cutoffLayers } as never).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'RerankerError', code: 'INVALID_OPTION' });
    }
  });

  it('rank orders by one layer; several layers reject with INVALID_OPTION', async () => {
    const reranker = await rerankerFor('minicpm-layerwise-tiny', {});
    const [query] = callPairs(reference, call('default'))[0]!;
    const passages = callPairs(reference, call('default')).slice(0, 4).map((pair) => pair[1]);
    const scores = await reranker.computeScore(passages.map((p) => [query, p] as const), { cutoffLayers: 4 });
    const ranked = await reranker.rank(query, passages, { cutoffLayers: [4] });
    expect(ranked.map((r) => r.score)).toEqual([...scores].sort((a, b) => b - a));
    await expect(reranker.rank(query, passages, { cutoffLayers: [3, 5] })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('takes one layer as a number, and early-exit sessions score like the full graph', async () => {
    const reranker = await rerankerFor('minicpm-layerwise-tiny', {});
    const full = await loadReranker(`${REFERENCE_DIR}minicpm-layerwise-tiny`, { kind: 'layerwise', earlyExit: false });
    try {
      const pairs = callPairs(reference, call('default')).slice(0, 8);
      for (const layer of [2, 3, 4, 5, 6]) {
        const cut = await reranker.computeScore(pairs, { cutoffLayers: layer });
        expect(cut).toEqual(await full.computeScore(pairs, { cutoffLayers: layer }));
      }
    } finally {
      await full.dispose();
    }
  });
});
