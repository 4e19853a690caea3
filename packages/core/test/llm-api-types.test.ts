import { describe, expect, it } from 'vitest';
import type { Pair, Reranker } from '../src/api.js';
import type { CrossEncoder } from '../src/engine/cross-encoder.js';
import type { DecoderReranker } from '../src/engine/decoder-reranker.js';
import type { LayerwiseReranker } from '../src/engine/layerwise-reranker.js';
import type { LoadedReranker } from '../src/model/load-model.js';
import type { loadReranker } from '../src/node/load-node.js';

type LoadLayerwise = ReturnType<typeof loadReranker<'layerwise'>>;

// Type-level tests of the LLM additions (checked by `tsc -p tsconfig.node.json`): every engine is
// a Reranker; a call with a list of cutoff layers is typed with the layer dimension; loadReranker's
// `kind` gives the engine class. The runtime part only keeps vitest from calling the file empty.
type IsExact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function assertType<T extends true>(_proof?: T): void {}

declare const layerwise: LayerwiseReranker;
declare const loaded: LoadedReranker;
const pair: Pair = ['q', 'p'];

export function typeChecks(): void {
  assertType<LayerwiseReranker extends Reranker ? true : false>();
  assertType<DecoderReranker extends Reranker ? true : false>();
  assertType<CrossEncoder extends LoadedReranker ? true : false>();
  const one = layerwise.computeScore(pair);
  const many = layerwise.computeScore([pair], { cutoffLayers: 4 });
  const layers = layerwise.computeScore([pair], { cutoffLayers: [28, 40] });
  const pairLayers = loaded.computeScore(pair, { cutoffLayers: [28, 40] });
  assertType<IsExact<typeof one, Promise<number>>>();
  assertType<IsExact<typeof many, Promise<number[]>>>();
  assertType<IsExact<typeof layers, Promise<number[] | number[][]>>>();
  assertType<IsExact<typeof pairLayers, Promise<number | number[]>>>();
  void Promise.all([one, many, layers, pairLayers]);
  assertType<IsExact<LoadLayerwise, Promise<LayerwiseReranker>>>();
  // @ts-expect-error cutoff layers are numbers
  void layerwise.computeScore([pair], { cutoffLayers: ['4'] });
  // @ts-expect-error the prompt is a string
  void loaded.computeScore([pair], { prompt: 1 });
}

describe('LLM API types', () => {
  it('compiles (see tsc -p tsconfig.node.json)', () => {
    expect(typeof typeChecks).toBe('function');
  });
});
