import { describe, expect, it } from 'vitest';
import { selectCutoffLayers } from '../src/engine/cutoff-layers.js';
import type { OrtSession } from '../src/engine/ort.js';
import { layerSessions } from '../src/model/cut-sessions.js';
import { readLayerRange } from '../src/model/llm-config.js';
import { detectModelKind } from '../src/model/model-kind.js';

describe('detectModelKind (config.json architectures)', () => {
  it.each([
    [['XLMRobertaForSequenceClassification'], 'cross-encoder'],
    [['GemmaForCausalLM'], 'llm'],
    [['Gemma2ForCausalLM'], 'llm'],
    [['LayerWiseMiniCPMForCausalLM'], 'layerwise'],
  ])('%j is %s', (architectures, kind) => {
    expect(detectModelKind({ architectures })).toBe(kind);
  });

  it('refuses CostWise (lightweight) rerankers and unknown or missing architectures', () => {
    expect(() => detectModelKind({ architectures: ['CostWiseGemmaForCausalLM'] })).toThrow(/lightweight/);
    expect(() => detectModelKind({ architectures: ['BertModel'] })).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED' }));
    expect(() => detectModelKind({})).toThrow(/no architecture/);
  });
});

describe('layer range and cutoff selection', () => {
  const range = { startLayer: 2, numHiddenLayers: 6 };

  it('reads [start_layer, num_hidden_layers] and rejects configs without them', () => {
    expect(readLayerRange({ start_layer: 2, num_hidden_layers: 6 })).toEqual(range);
    expect(() => readLayerRange({ num_hidden_layers: 6 })).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED' }));
    expect(() => readLayerRange({ start_layer: 7, num_hidden_layers: 6 })).toThrow(/start_layer <= num_hidden_layers/);
  });

  it('defaults to the last layer, sorts, collapses duplicates, drops out-of-range layers', () => {
    expect(selectCutoffLayers(undefined, range)).toEqual({ layers: [6], dropped: [] });
    expect(selectCutoffLayers([5, 3, 5], range)).toEqual({ layers: [3, 5], dropped: [] });
    expect(selectCutoffLayers([1, 4, 9, 9], range)).toEqual({ layers: [4], dropped: [1, 9] });
    expect(selectCutoffLayers([2, 6], range)).toEqual({ layers: [2, 6], dropped: [] });
  });

  it('is INVALID_OPTION when no layer is left', () => {
    expect(() => selectCutoffLayers([0, 1, 7], range)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => selectCutoffLayers([], range)).toThrow(/has no layer in \[2, 6\]/);
  });
});

describe('layerSessions', () => {
  function fakeSession(outputNames: string[], log: string[]): OrtSession {
    return { outputNames, release: async () => void log.push(`release ${outputNames.join('+')}`) } as unknown as OrtSession;
  }
  const OUTPUTS = ['layer_2_logits', 'layer_3_logits', 'layer_4_logits'];

  it('uses the full graph for the deepest layer, makes one cut per deeper-most layer and caches it', async () => {
    const log: string[] = [];
    const full = fakeSession(OUTPUTS, log);
    const cuts: string[][] = [];
    const sessions = layerSessions(full, async (outputs) => {
      cuts.push(outputs);
      return fakeSession(outputs, log);
    });
    expect(sessions.available).toEqual([2, 3, 4]);
    expect(await sessions.sessionFor(4)).toBe(full);
    const three = await sessions.sessionFor(3);
    expect(three.outputNames).toEqual(['layer_2_logits', 'layer_3_logits']);
    expect(await sessions.sessionFor(3)).toBe(three);
    await sessions.sessionFor(2);
    expect(cuts).toEqual([['layer_2_logits', 'layer_3_logits'], ['layer_2_logits']]);
    await sessions.release();
    expect(log.sort()).toEqual(['release layer_2_logits', 'release layer_2_logits+layer_3_logits', 'release layer_2_logits+layer_3_logits+layer_4_logits']);
  });

  it('does not cache a failed cut, and without a cutter always gives the full session', async () => {
    let attempts = 0;
    const sessions = layerSessions(fakeSession(OUTPUTS, []), async (outputs) => {
      attempts++;
      if (attempts === 1) throw new Error('no memory');
      return fakeSession(outputs, []);
    });
    await expect(sessions.sessionFor(2)).rejects.toThrow('no memory');
    expect((await sessions.sessionFor(2)).outputNames).toEqual(['layer_2_logits']);
    const full = fakeSession(OUTPUTS, []);
    expect(await layerSessions(full, undefined).sessionFor(2)).toBe(full);
  });
});
