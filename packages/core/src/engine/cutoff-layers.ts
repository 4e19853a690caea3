import { RerankerError } from '../errors.js';

/** The layers a layerwise model can score from: FlagEmbedding's `[start_layer, num_hidden_layers]`. */
export interface LayerRange {
  startLayer: number;
  numHiddenLayers: number;
}

/** The layers a call scores from, and those it dropped as out of range. */
export interface CutoffSelection {
  /** Ascending, without duplicates, never empty. */
  layers: number[];
  dropped: number[];
}

/**
 * LayerWiseFlagLLMReranker's `cutoff_layers` rules: none means the last layer; layers outside
 * `[startLayer, numHiddenLayers]` are dropped (the caller warns), duplicates collapse, and no
 * layer left is an error. Layers come back in ascending order, the order FlagEmbedding returns
 * hidden states in. Unlike FlagEmbedding, an unsorted list is sorted before heads are chosen,
 * so the score of layer k is always head k applied after layer k (FlagEmbedding pairs
 * `[5, 3]` as head 5 after layer 3 and head 3 after layer 5; see docs/llm-rerankers.md).
 *
 * @example
 * selectCutoffLayers([1, 4, 9, 4], { startLayer: 2, numHiddenLayers: 6 }); // { layers: [4], dropped: [1, 9] }
 * selectCutoffLayers(undefined, { startLayer: 2, numHiddenLayers: 6 });    // { layers: [6], dropped: [] }
 */
export function selectCutoffLayers(requested: readonly number[] | undefined, range: LayerRange): CutoffSelection {
  const wanted = requested ?? [range.numHiddenLayers];
  const inRange = (layer: number): boolean => layer >= range.startLayer && layer <= range.numHiddenLayers;
  const layers = [...new Set(wanted.filter(inRange))].sort((a, b) => a - b);
  const dropped = [...new Set(wanted.filter((layer) => !inRange(layer)))];
  if (layers.length === 0) {
    throw new RerankerError(
      'INVALID_OPTION',
      `cutoffLayers [${wanted.join(', ')}] has no layer in [${range.startLayer}, ${range.numHiddenLayers}], the layers this model scores from`,
    );
  }
  return { layers, dropped };
}
