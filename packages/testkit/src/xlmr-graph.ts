// The XLMRobertaForSequenceClassification graph (Hugging Face modeling_xlm_roberta.py, eager
// attention), with the hub exports' I/O: int64 input_ids/attention_mask [batch_size,
// sequence_length] in, float32 logits [batch_size, 1] out. Parameter storage and the compute
// type are delegated to an Emitter so that the fp32, q8 and fp16 files share this definition.
import type { Emitter } from './emitter.js';
import { GraphBuilder } from './graph-builder.js';
import { toFloat16 } from './half.js';
import { DataType, type DataTypeCode, type GraphDef } from './onnx-proto.js';
import type { Weights } from './weights.js';

/** The padding id; RoBERTa also uses it as the position padding_idx. */
export const PAD_TOKEN_ID = 1;
export const LAYER_NORM_EPS = 1e-5;
/**
 * Added to the attention scores of padded keys. torch.finfo(float32).min, as Hugging Face's
 * extended attention mask uses: finite, so score + mask never becomes -inf and even a fully
 * padded row gives a uniform softmax instead of NaN.
 */
export const MASK_MIN = -3.4028234663852886e38;

export function buildXlmrGraph(weights: Weights, emitter: Emitter): GraphDef {
  const s = weights.shape;
  const g = new GraphBuilder();
  const w = (name: string) => weights.get(name);
  const headDim = s.hiddenSize / s.numAttentionHeads;

  const one64 = g.int64('const_one_i64', [], [1]);
  const zero64 = g.int64('const_zero_i64', [], [0]);
  const padId = g.int64('const_pad_token_id', [], [PAD_TOKEN_ID]);
  const oneF = g.float('const_one_f32', [], [1]);

  // Scalars in the compute type, and casts between it and the float32 islands.
  const half16 = emitter.compute === DataType.FLOAT16;
  const scalar = (name: string, value: number): string =>
    half16 ? g.tensor(name, DataType.FLOAT16, [], toFloat16(Float32Array.of(value))) : g.float(name, [], [value]);
  const cast = (x: string, to: DataTypeCode, name: string): string =>
    half16 ? g.op('Cast', name, [x], [{ name: 'to', int: to }]) : x;

  // LayerNormalization in float32 whatever the compute type (see emit-fp16.ts).
  const layerNorm = (x: string, prefix: string, scope: string): string => {
    const ln = g.op('LayerNormalization', `${scope}/LayerNormalization`,
      [cast(x, DataType.FLOAT, `${scope}/Cast_in`), emitter.vector(g, w(`${prefix}.weight`)), emitter.vector(g, w(`${prefix}.bias`))],
      [{ name: 'axis', int: -1 }, { name: 'epsilon', float: LAYER_NORM_EPS }]);
    return cast(ln, emitter.compute, `${scope}/Cast_out`);
  };
  const linear = (x: string, prefix: string): string =>
    emitter.linear(g, x, w(`${prefix}.weight`), w(`${prefix}.bias`), `/${prefix.replaceAll('.', '/')}`);

  // create_position_ids_from_input_ids: mask = ids != pad; cumsum(mask) * mask + padding_idx,
  // so real tokens count from 2 and pads sit on position 1 whatever the padding side.
  const e = '/roberta/embeddings';
  const notPad = g.op('Not', `${e}/Not`, [g.op('Equal', `${e}/Equal`, ['input_ids', padId])]);
  const notPadI = g.op('Cast', `${e}/Cast`, [notPad], [{ name: 'to', int: DataType.INT64 }]);
  const cumsum = g.op('CumSum', `${e}/CumSum`, [notPadI, one64]);
  const positions = g.op('Add', `${e}/Add`, [g.op('Mul', `${e}/Mul`, [cumsum, notPadI]), padId]);
  // token_type_ids default to zeros shaped like input_ids (type_vocab_size 1).
  const tokenTypes = g.op('Mul', `${e}/token_type_ids`, ['input_ids', zero64]);

  const words = emitter.embedding(g, w('roberta.embeddings.word_embeddings.weight'), 'input_ids', `${e}/word_embeddings`);
  const types = emitter.embedding(g, w('roberta.embeddings.token_type_embeddings.weight'), tokenTypes, `${e}/token_type_embeddings`);
  const pos = emitter.embedding(g, w('roberta.embeddings.position_embeddings.weight'), positions, `${e}/position_embeddings`);
  const summed = g.op('Add', `${e}/Add_2`, [g.op('Add', `${e}/Add_1`, [words, types]), pos]);
  let hidden = layerNorm(summed, 'roberta.embeddings.LayerNorm', `${e}/LayerNorm`);

  // Extended attention mask: (1 - mask) * MASK_MIN, broadcast as [batch, 1, 1, keys].
  const r = '/roberta';
  const maskF = g.op('Cast', `${r}/Cast`, ['attention_mask'], [{ name: 'to', int: DataType.FLOAT }]);
  const inverted = g.op('Sub', `${r}/Sub`, [oneF, maskF]);
  const additive = g.op('Mul', `${r}/Mul`, [inverted, g.float('const_mask_min', [], [MASK_MIN])]);
  const extMask = g.op('Unsqueeze', `${r}/Unsqueeze`, [additive, g.int64('const_axes_1_2', [2], [1, 2])]);

  const splitShape = g.int64('const_split_heads', [4], [0, 0, s.numAttentionHeads, headDim]);
  const mergeShape = g.int64('const_merge_heads', [3], [0, 0, s.hiddenSize]);
  const scale = scalar('const_attention_scale', 1 / Math.sqrt(headDim));
  const sqrt2 = scalar('const_sqrt2', Math.SQRT2);
  const oneC = scalar('const_one', 1);
  const halfC = scalar('const_half', 0.5);

  for (let i = 0; i < s.numHiddenLayers; i++) {
    const p = `roberta.encoder.layer.${i}`;
    const a = `/roberta/encoder/layer.${i}/attention/self`;
    const heads = (x: string, name: string, perm: number[]): string =>
      g.op('Transpose', `${a}/Transpose_${name}`, [g.op('Reshape', `${a}/Reshape_${name}`, [x, splitShape])],
        [{ name: 'perm', ints: perm }]);
    const q = heads(linear(hidden, `${p}.attention.self.query`), 'q', [0, 2, 1, 3]);
    const kT = heads(linear(hidden, `${p}.attention.self.key`), 'k', [0, 2, 3, 1]);
    const v = heads(linear(hidden, `${p}.attention.self.value`), 'v', [0, 2, 1, 3]);
    const scores = g.op('Mul', `${a}/Mul`, [g.op('MatMul', `${a}/MatMul`, [q, kT]), scale]);
    // Mask and softmax in float32: MASK_MIN is not finite in float16.
    const masked = g.op('Add', `${a}/Add`, [cast(scores, DataType.FLOAT, `${a}/Cast_scores`), extMask]);
    const probs = cast(g.op('Softmax', `${a}/Softmax`, [masked], [{ name: 'axis', int: -1 }]), emitter.compute, `${a}/Cast_probs`);
    const context = g.op('MatMul', `${a}/MatMul_1`, [probs, v]);
    const merged = g.op('Reshape', `${a}/Reshape_merge`,
      [g.op('Transpose', `${a}/Transpose_merge`, [context], [{ name: 'perm', ints: [0, 2, 1, 3] }]), mergeShape]);

    const o = `/roberta/encoder/layer.${i}/attention/output`;
    const attended = linear(merged, `${p}.attention.output.dense`);
    hidden = layerNorm(g.op('Add', `${o}/Add`, [attended, hidden]), `${p}.attention.output.LayerNorm`, `${o}/LayerNorm`);

    // Exact GELU, 0.5 * x * (1 + erf(x / sqrt 2)): opset 17 has no Gelu op.
    const act = `/roberta/encoder/layer.${i}/intermediate/intermediate_act_fn`;
    const pre = linear(hidden, `${p}.intermediate.dense`);
    const erf = g.op('Erf', `${act}/Erf`, [g.op('Div', `${act}/Div`, [pre, sqrt2])]);
    const gelu = g.op('Mul', `${act}/Mul_1`, [g.op('Mul', `${act}/Mul`, [pre, g.op('Add', `${act}/Add`, [erf, oneC])]), halfC]);
    const out = `/roberta/encoder/layer.${i}/output`;
    const ffn = linear(gelu, `${p}.output.dense`);
    hidden = layerNorm(g.op('Add', `${out}/Add`, [ffn, hidden]), `${p}.output.LayerNorm`, `${out}/LayerNorm`);
  }

  // RobertaClassificationHead: the <s> token -> dense -> tanh -> out_proj (dropout is identity).
  const cls = g.op('Gather', '/classifier/Gather', [hidden, zero64], [{ name: 'axis', int: 1 }]);
  const pooled = g.op('Tanh', '/classifier/Tanh', [linear(cls, 'classifier.dense')]);
  const logits = linear(pooled, 'classifier.out_proj');
  // The graph output must be named `logits`; float16 graphs cast back to float32 there.
  g.nodes.push(half16
    ? { opType: 'Cast', name: '/classifier/logits', inputs: [logits], outputs: ['logits'], attributes: [{ name: 'to', int: DataType.FLOAT }] }
    : { opType: 'Identity', name: '/classifier/logits', inputs: [logits], outputs: ['logits'] });

  const io = ['batch_size', 'sequence_length'];
  return {
    name: 'main_graph',
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: [
      { name: 'input_ids', elemType: DataType.INT64, shape: io },
      { name: 'attention_mask', elemType: DataType.INT64, shape: io },
    ],
    outputs: [{ name: 'logits', elemType: DataType.FLOAT, shape: ['batch_size', 1] }],
  };
}
