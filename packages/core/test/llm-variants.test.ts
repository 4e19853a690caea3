import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossEncoder } from '../src/engine/cross-encoder.js';
import { DecoderReranker } from '../src/engine/decoder-reranker.js';
import { LayerwiseReranker } from '../src/engine/layerwise-reranker.js';
import { loadModel } from '../src/model/load-model.js';
import { pruneOnnxModel } from '../src/model/onnx/prune.js';
import type { ModelSource } from '../src/model/source.js';
import { fsSource } from '../src/node/fs-source.js';
import { appendToGraph, field, floatValue, int64Scalar, message, node, varintField } from './helpers/proto.js';
import { callPairs, readReference, REFERENCE_DIR } from './helpers/reference.js';

const GEMMA = `${REFERENCE_DIR}gemma-tiny`;
const MINICPM = `${REFERENCE_DIR}minicpm-layerwise-tiny`;
const gemmaReference = readReference('gemma-tiny');
const gemmaDefault = gemmaReference.calls.find((c) => c.id === 'default')!;
const YES_LOC = 1603;

/** A folder with some files replaced (a JSON edit or new bytes), read through fsSource otherwise. */
function edited(folder: string, edits: Record<string, (bytes: Uint8Array) => Uint8Array>): ModelSource {
  const base = fsSource(folder);
  return { location: base.location, read: async (path) => (edits[path] ?? ((b: Uint8Array) => b))(await base.read(path)) };
}

function editJson(change: (json: Record<string, unknown>) => void): (bytes: Uint8Array) => Uint8Array {
  return (bytes) => {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    change(json);
    return new TextEncoder().encode(JSON.stringify(json));
  };
}

// gemma-tiny's graph with a compact output: yes_logits = Gather(logits, 1603, axis=2), and the
// [batch, seq, vocab] logits no longer an output - what an export for a real vocabulary should do.
function withYesLogits(graph: Uint8Array): Uint8Array {
  const axis = message(field(1, 'axis'), varintField(3, 2), varintField(20, 2));
  const extended = appendToGraph(graph, [
    field(1, node('Gather', ['logits', 'yes_index'], ['yes_logits'], [axis])),
    field(5, int64Scalar('yes_index', YES_LOC)),
    field(12, floatValue('yes_logits', ['batch_size', 'sequence_length'])),
  ]);
  return pruneOnnxModel(extended, ['yes_logits']);
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(Math.abs(x - expected[i]!)).toBeLessThanOrEqual(1e-4));
}

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

describe('model kinds', () => {
  const loaded: { dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(loaded.map((r) => r.dispose()));
  });

  it('loadModel picks the engine from config.json', async () => {
    const engines = await Promise.all(['xlmr-tiny', 'gemma-tiny', 'minicpm-layerwise-tiny'].map((m) => loadModel(ort, fsSource(`${REFERENCE_DIR}${m}`))));
    loaded.push(...engines);
    expect(engines.map((e) => e.kind)).toEqual(['cross-encoder', 'llm', 'layerwise']);
    expect(engines[0]).toBeInstanceOf(CrossEncoder);
    expect(engines[1]).toBeInstanceOf(DecoderReranker);
    expect(engines[2]).toBeInstanceOf(LayerwiseReranker);
  });

  it('an unknown architecture needs kind; with kind it loads', async () => {
    const source = edited(GEMMA, { 'config.json': editJson((c) => (c.architectures = ['MyRerankerModel'])) });
    await expect(loadModel(ort, source)).rejects.toMatchObject({ code: 'MODEL_NOT_SUPPORTED', message: expect.stringMatching(/pass kind/) as unknown });
    const reranker = await loadModel(ort, source, { kind: 'llm' });
    loaded.push(reranker);
    expectClose(await reranker.computeScore(callPairs(gemmaReference, gemmaDefault).slice(0, 4)), gemmaDefault.returned.slice(0, 4));
  });

  it('rejects a kind that is not one, and a layerwise kind on a folder without layer outputs', async () => {
    await expect(loadModel(ort, fsSource(GEMMA), { kind: 'llm2' as 'llm' })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    const noRange = loadModel(ort, fsSource(GEMMA), { kind: 'layerwise' });
    await expect(noRange).rejects.toMatchObject({ code: 'MODEL_NOT_SUPPORTED', message: expect.stringMatching(/start_layer/) as unknown });
    const source = edited(GEMMA, { 'config.json': editJson((c) => Object.assign(c, { start_layer: 1 })) });
    await expect(loadModel(ort, source, { kind: 'layerwise' })).rejects.toMatchObject({ message: expect.stringMatching(/needs a layer_2_logits output/) as unknown });
  });
});

describe('decoder variants that FlagEmbedding handles the same way', () => {
  it('right padding (padding_side "right"): the last real token is found at sum(mask) - 1', async () => {
    const source = edited(GEMMA, { 'tokenizer_config.json': editJson((c) => (c.padding_side = 'right')) });
    const reranker = await loadModel(ort, source, { kind: 'llm' });
    try {
      const pairs = callPairs(gemmaReference, gemmaDefault);
      expect(reranker.encodePairs(pairs)).toEqual(gemmaDefault.per_pair.map((p) => p.input_ids));
      expectClose(await reranker.computeScore(pairs, { batchSize: 5 }), gemmaDefault.returned);
    } finally {
      await reranker.dispose();
    }
  });

  it('a compact yes_logits [batch, seq] output gives the same scores as the logits column', async () => {
    const source = edited(GEMMA, { 'onnx/model.onnx': withYesLogits });
    const reranker = await loadModel(ort, source, { kind: 'llm' });
    try {
      expectClose(await reranker.computeScore(callPairs(gemmaReference, gemmaDefault)), gemmaDefault.returned);
    } finally {
      await reranker.dispose();
    }
  });
});

describe('layerwise engine API', () => {
  let reranker: LayerwiseReranker;
  const pairs = callPairs(readReference('minicpm-layerwise-tiny'), readReference('minicpm-layerwise-tiny').calls[0]!).slice(0, 3);
  beforeAll(async () => {
    reranker = await loadModel(ort, fsSource(MINICPM), { kind: 'layerwise' });
  });

  it('scoreLayers returns the selected layers, ascending, with one typed array each', async () => {
    const { layers, scores } = await reranker.scoreLayers(pairs, { cutoffLayers: [6, 2, 6], normalize: true });
    expect(layers).toEqual([2, 6]);
    expect(scores.map((s) => s.length)).toEqual([3, 3]);
    const raw = (await reranker.computeScore(pairs, { cutoffLayers: [2, 6] })) as number[][];
    scores.forEach((layer, k) => layer.forEach((s, i) => expect(s).toBeCloseTo(1 / (1 + Math.exp(-raw[k]![i]!)), 12)));
  });

  it('an empty list of pairs gives an empty list (one per layer for several layers)', async () => {
    expect(await reranker.computeScore([])).toEqual([]);
    expect(await reranker.computeScore([], { cutoffLayers: [3, 4] })).toEqual([[], []]);
  });

  it('rejects a pair longer than the 2048 positions with INPUT_TOO_LONG', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    await expect(reranker.computeScore([['q', long]], { maxLength: 4000 })).rejects.toMatchObject({ code: 'INPUT_TOO_LONG' });
  });

  it('rejects calls after dispose with DISPOSED', async () => {
    await reranker.dispose();
    await expect(reranker.computeScore(pairs)).rejects.toMatchObject({ code: 'DISPOSED' });
  });
});
