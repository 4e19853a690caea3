// An independent forward pass of XLMRobertaForSequenceClassification in plain TypeScript,
// over the generator's weights (not over an ONNX file), in float64. Tests use it to check that
// the ONNX graphs compute what Hugging Face's model computes. Written as straightforward loops
// for readability; it is only run on the tiny preset.
import type { Weights } from './weights.js';
import { LAYER_NORM_EPS, MASK_MIN, PAD_TOKEN_ID } from './xlmr-graph.js';

export interface ForwardInput {
  /** One row per sequence, all rows the same length (pad with id 1 and mask 0). */
  readonly inputIds: readonly (readonly number[])[];
  /** 1 for real tokens, 0 for padding; defaults to all ones. */
  readonly attentionMask?: readonly (readonly number[])[];
}

type Mat = Float64Array[]; // [tokens][features]

/** x @ W + b, W stored [in, out]. */
function linear(x: Mat, weights: Weights, prefix: string): Mat {
  const w = weights.get(`${prefix}.weight`);
  const b = weights.get(`${prefix}.bias`).data;
  const [inDim, outDim] = w.dims as [number, number];
  return x.map((row) => {
    const out = Float64Array.from(b);
    for (let i = 0; i < inDim; i++) {
      const xi = row[i] as number;
      for (let o = 0; o < outDim; o++) out[o] = (out[o] as number) + xi * (w.data[i * outDim + o] as number);
    }
    return out;
  });
}

function layerNorm(x: Mat, weights: Weights, prefix: string): Mat {
  const gamma = weights.get(`${prefix}.weight`).data;
  const beta = weights.get(`${prefix}.bias`).data;
  return x.map((row) => {
    const mean = row.reduce((a, v) => a + v, 0) / row.length;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / row.length;
    const inv = 1 / Math.sqrt(variance + LAYER_NORM_EPS);
    return row.map((v, i) => (v - mean) * inv * (gamma[i] as number) + (beta[i] as number));
  });
}

function add(a: Mat, b: Mat): Mat {
  return a.map((row, t) => row.map((v, i) => v + ((b[t] as Float64Array)[i] as number)));
}

/** JS has no Math.erf. Series below 2.5, erfc continued fraction above: ~1e-14, far below float32 noise. */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 60; n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction (Lentz), converges fast for |x| >= 2.5.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = 1 / (ax + an * d);
    c = ax + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
  return Math.sign(x) * (1 - erfc);
}

function gelu(v: number): number {
  return 0.5 * v * (1 + erf(v / Math.SQRT2));
}

function selfAttention(x: Mat, mask: readonly number[], weights: Weights, layer: number): Mat {
  const { hiddenSize, numAttentionHeads } = weights.shape;
  const headDim = hiddenSize / numAttentionHeads;
  const p = `roberta.encoder.layer.${layer}.attention.self`;
  const q = linear(x, weights, `${p}.query`);
  const k = linear(x, weights, `${p}.key`);
  const v = linear(x, weights, `${p}.value`);
  const context: Mat = x.map(() => new Float64Array(hiddenSize));
  const scale = 1 / Math.sqrt(headDim);
  for (let h = 0; h < numAttentionHeads; h++) {
    const off = h * headDim;
    for (let i = 0; i < x.length; i++) {
      const scores = k.map((kj, j) => {
        let dot = 0;
        for (let d = 0; d < headDim; d++) dot += (q[i] as Float64Array)[off + d]! * kj[off + d]!;
        return dot * scale + (1 - (mask[j] as number)) * MASK_MIN;
      });
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, b) => a + b, 0);
      const ctx = context[i] as Float64Array;
      exps.forEach((e, j) => {
        for (let d = 0; d < headDim; d++) ctx[off + d] = ctx[off + d]! + (e / total) * (v[j] as Float64Array)[off + d]!;
      });
    }
  }
  return context;
}

function sequenceLogit(ids: readonly number[], mask: readonly number[], weights: Weights): number {
  const { hiddenSize: h, numHiddenLayers } = weights.shape;
  const word = weights.get('roberta.embeddings.word_embeddings.weight').data;
  const pos = weights.get('roberta.embeddings.position_embeddings.weight').data;
  const type = weights.get('roberta.embeddings.token_type_embeddings.weight').data;
  // Hugging Face's create_position_ids_from_input_ids: pads on position 1, others from 2.
  let seen = 0;
  let x: Mat = ids.map((id) => {
    const position = id === PAD_TOKEN_ID ? PAD_TOKEN_ID : PAD_TOKEN_ID + ++seen;
    const row = new Float64Array(h);
    for (let i = 0; i < h; i++) row[i] = word[id * h + i]! + type[i]! + pos[position * h + i]!;
    return row;
  });
  x = layerNorm(x, weights, 'roberta.embeddings.LayerNorm');
  for (let l = 0; l < numHiddenLayers; l++) {
    const p = `roberta.encoder.layer.${l}`;
    const attended = linear(selfAttention(x, mask, weights, l), weights, `${p}.attention.output.dense`);
    x = layerNorm(add(attended, x), weights, `${p}.attention.output.LayerNorm`);
    const inner = linear(x, weights, `${p}.intermediate.dense`).map((row) => row.map(gelu));
    x = layerNorm(add(linear(inner, weights, `${p}.output.dense`), x), weights, `${p}.output.LayerNorm`);
  }
  const pooled = linear([x[0] as Float64Array], weights, 'classifier.dense').map((row) => row.map(Math.tanh));
  return (linear(pooled, weights, 'classifier.out_proj')[0] as Float64Array)[0] as number;
}

/** logits[b] = XLMRobertaForSequenceClassification(input_ids, attention_mask).logits[b, 0]. */
export function forwardLogits(weights: Weights, input: ForwardInput): number[] {
  return input.inputIds.map((ids, b) => sequenceLogit(ids, input.attentionMask?.[b] ?? ids.map(() => 1), weights));
}
