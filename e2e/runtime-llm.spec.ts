// The LLM rerankers in the browser: FlagLLMReranker (gemma-tiny) and LayerWiseFlagLLMReranker
// (minicpm-layerwise-tiny) through createReranker, in a worker on onnxruntime-web WASM, against
// every non-quirk call FlagEmbedding recorded.
import { callPairs, readReference, returnedLayers, toOptions } from '../packages/core/test/helpers/reference.js';
import { expect, GEMMA_TINY, MINICPM_TINY, test } from './support/fixtures.js';
import { openRuntime, value } from './support/runtime-page.js';

// Same bound as the Node reference tests: FlagEmbedding's own scores move by ~1e-5 with batching.
const FP32_TOLERANCE = 1e-4;

for (const [model, folder] of [[GEMMA_TINY, 'gemma-tiny'], [MINICPM_TINY, 'minicpm-layerwise-tiny']] as const) {
  test(`${folder}: every FlagEmbedding call, scored in a worker on WASM`, async ({ page, hub }) => {
    const reference = readReference(folder);
    await openRuntime(page);
    const info = value(await page.evaluate(([m, host]) => window.rt.create({ model: m, host, device: 'wasm' }), [model, hub.url] as const));
    expect(info).toMatchObject({ kind: folder === 'gemma-tiny' ? 'llm' : 'layerwise', device: 'wasm', dtype: 'fp32' });
    // dtype auto asked for q8 first: these folders only publish fp32, and the reason is recorded.
    expect(info.rejected).toContainEqual(expect.objectContaining({ device: 'wasm', dtype: 'q8' }));

    for (const call of reference.calls.filter((c) => !c.quirk)) {
      const options = toOptions({ ...call.init_kwargs, ...call.call_kwargs });
      const pairs = callPairs(reference, call);
      const got = value(await page.evaluate(([p, o]) => window.rt.score(p, o), [pairs, options] as const)) as number[] | number[][];
      // FlagEmbedding returns a flat list for one layer, one list per layer for several.
      const expected = Array.isArray(call.returned[0]) ? returnedLayers(call) : [call.returned];
      const layers = expected.length > 1 ? (got as number[][]) : [got as number[]];
      expect(layers, call.id).toHaveLength(expected.length);
      layers.forEach((scores, l) => scores.forEach((x, i) => expect(Math.abs(x - expected[l]![i]!), `${call.id} layer ${l} pair ${i}`).toBeLessThanOrEqual(FP32_TOLERANCE)));
    }
    if (folder === 'minicpm-layerwise-tiny') {
      const events = await page.evaluate(() => window.rt.events());
      expect(events).toContainEqual(expect.objectContaining({ type: 'warning', code: 'CUTOFF_LAYERS_DROPPED' }));
    }
  });
}
