import { describe, expect, it } from 'vitest';
import type { Pair } from '../src/api.js';
import { loadModel } from '../src/model/load-model.js';
import { fsSource } from '../src/node/fs-source.js';
import { countingOrt } from './helpers/counting-ort.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// onnxruntime-web's WASM on one thread resolves session.run through microtasks only: unless the
// engine yields a macrotask between batches, a timer (AbortSignal.timeout, a UI's cancel, a
// Ctrl-C handler) cannot fire before the whole call has run, and `signal` does nothing.
const PAIRS: Pair[] = Array.from({ length: 60 }, (_, i) => [`what is panda ${i}?`, `The giant panda is a bear. Passage ${i}.`]);

describe.each([
  ['xlmr-tiny', undefined],
  ['gemma-tiny', undefined],
  ['minicpm-layerwise-tiny', 'layerwise'],
] as const)('%s: an abort from a timer', (model, kind) => {
  it('stops the call at the next batch', async () => {
    const counting = countingOrt();
    const reranker = await loadModel(counting.ort, fsSource(`${REFERENCE_DIR}${model}`), { dtype: 'fp32', ...(kind ? { kind } : {}) });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 0);
      const error = await reranker.computeScore(PAIRS, { batchSize: 1, signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ABORTED' });
      expect(counting.runs()).toBeLessThan(PAIRS.length);
      // The next call works.
      expect(await reranker.computeScore(PAIRS.slice(0, 2))).toHaveLength(2);
    } finally {
      await reranker.dispose();
    }
  });
});
