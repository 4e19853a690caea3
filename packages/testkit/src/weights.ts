// The generator's parameters, named as in Hugging Face's XLMRobertaForSequenceClassification.
// Linear weights are stored transposed, [in, out], the layout MatMul consumes (torch.onnx.export
// transposes them the same way); the forward pass and the graph both read this layout.
import { fillNormal, hashString } from './prng.js';
import type { ModelShape } from './presets.js';

export interface Param {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface Weights {
  readonly shape: ModelShape;
  /** In a fixed order (embeddings, layers, classifier): the ONNX initializer order. */
  readonly params: readonly Param[];
  get(name: string): Param;
}

type Init = 'matrix' | 'norm' | 'bias';

// Matrices N(0, 0.2) (the reference's initializer_range), norm weights N(1, 0.1), biases
// N(0, 0.05): nothing is zero or one, so a dropped bias or LayerNorm changes the scores.
const INIT: Record<Init, { mean: number; std: number }> = {
  matrix: { mean: 0, std: 0.2 },
  norm: { mean: 1, std: 0.1 },
  bias: { mean: 0, std: 0.05 },
};

function specs(s: ModelShape): [string, number[], Init][] {
  const h = s.hiddenSize;
  const out: [string, number[], Init][] = [
    ['roberta.embeddings.word_embeddings.weight', [s.vocabSize, h], 'matrix'],
    ['roberta.embeddings.position_embeddings.weight', [s.maxPositionEmbeddings, h], 'matrix'],
    ['roberta.embeddings.token_type_embeddings.weight', [1, h], 'matrix'],
    ['roberta.embeddings.LayerNorm.weight', [h], 'norm'],
    ['roberta.embeddings.LayerNorm.bias', [h], 'bias'],
  ];
  const linear = (name: string, inDim: number, outDim: number): void => {
    out.push([`${name}.weight`, [inDim, outDim], 'matrix'], [`${name}.bias`, [outDim], 'bias']);
  };
  const norm = (name: string): void => {
    out.push([`${name}.weight`, [h], 'norm'], [`${name}.bias`, [h], 'bias']);
  };
  for (let i = 0; i < s.numHiddenLayers; i++) {
    const p = `roberta.encoder.layer.${i}`;
    linear(`${p}.attention.self.query`, h, h);
    linear(`${p}.attention.self.key`, h, h);
    linear(`${p}.attention.self.value`, h, h);
    linear(`${p}.attention.output.dense`, h, h);
    norm(`${p}.attention.output.LayerNorm`);
    linear(`${p}.intermediate.dense`, h, s.intermediateSize);
    linear(`${p}.output.dense`, s.intermediateSize, h);
    norm(`${p}.output.LayerNorm`);
  }
  linear('classifier.dense', h, h);
  linear('classifier.out_proj', h, 1);
  return out;
}

export function generateWeights(shape: ModelShape): Weights {
  if (shape.hiddenSize % shape.numAttentionHeads !== 0) {
    throw new Error('hiddenSize must be a multiple of numAttentionHeads');
  }
  const params: Param[] = specs(shape).map(([name, dims, init]) => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    fillNormal(data, hashString(name, shape.seed), INIT[init].mean, INIT[init].std);
    return { name, dims, data };
  });
  const byName = new Map(params.map((p) => [p.name, p]));
  return {
    shape,
    params,
    get(name) {
      const p = byName.get(name);
      if (p === undefined) throw new Error(`no parameter ${name}`);
      return p;
    },
  };
}
