// Model shapes. `base` copies BAAI/bge-reranker-base (an XLM-RoBERTa-base cross-encoder);
// `tiny` keeps the same structure small enough for unit tests (each file well under 1 MB).

export interface ModelShape {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly numHiddenLayers: number;
  readonly numAttentionHeads: number;
  readonly intermediateSize: number;
  /** 514 = 512 tokens + the two position ids RoBERTa reserves (padding_idx 1 and below). */
  readonly maxPositionEmbeddings: number;
  /** Seed of every weight stream; changing it changes every tensor. */
  readonly seed: number;
}

export type PresetName = 'tiny' | 'base';

export const PRESETS: Readonly<Record<PresetName, ModelShape>> = {
  tiny: {
    vocabSize: 2500,
    hiddenSize: 32,
    numHiddenLayers: 2,
    numAttentionHeads: 4,
    intermediateSize: 64,
    maxPositionEmbeddings: 514,
    seed: 1001,
  },
  base: {
    vocabSize: 250002,
    hiddenSize: 768,
    numHiddenLayers: 12,
    numAttentionHeads: 12,
    intermediateSize: 3072,
    maxPositionEmbeddings: 514,
    seed: 1002,
  },
};

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
