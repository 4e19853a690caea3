import { describe, expect, it } from 'vitest';
import type { Pair, ScoreOptions } from '../src/api.js';
import { RerankerError } from '../src/errors.js';
import { loadReranker } from '../src/node/load-node.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// An empty list has nothing to score, but its options are still the call's: they are checked
// as for any other list (the browser once answered [] where Node answered INVALID_OPTION).
describe.each(['xlmr-tiny', 'gemma-tiny', 'minicpm-layerwise-tiny'])('%s: an empty list', (model) => {
  it('gives [] with good options and INVALID_OPTION with bad ones', async () => {
    const reranker = await loadReranker(`${REFERENCE_DIR}${model}`, { dtype: 'fp32' });
    try {
      expect(await reranker.computeScore([])).toEqual([]);
      for (const bad of [{ batchSize: 0 }, { maxlength: 8 }, { queryInstruction: 'x', queryInstructionFormat: '{}{}{}' }]) {
        const error = await reranker.computeScore([] as Pair[], bad as ScoreOptions).catch((e: unknown) => e);
        expect(error, JSON.stringify(bad)).toBeInstanceOf(RerankerError);
        expect((error as RerankerError).code).toBe('INVALID_OPTION');
      }
    } finally {
      await reranker.dispose();
    }
  });
});

describe('minicpm-layerwise-tiny: an empty list with several layers', () => {
  it('gives one empty list per layer, and INVALID_OPTION when no requested layer exists', async () => {
    const reranker = await loadReranker(`${REFERENCE_DIR}minicpm-layerwise-tiny`, { dtype: 'fp32', kind: 'layerwise' });
    try {
      expect(await reranker.computeScore([], { cutoffLayers: [3, 5] })).toEqual([[], []]);
      await expect(reranker.computeScore([], { cutoffLayers: [99] })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    } finally {
      await reranker.dispose();
    }
  });
});
