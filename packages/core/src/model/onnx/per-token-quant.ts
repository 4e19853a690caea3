import { readOnnxModel, type GraphEntry } from './onnx-graph.js';
import { int64s, payload, readFields } from './wire.js';
import { attribute, float32Raw, initializerField, int64Raw, nodeField, TensorType } from './encode.js';
import { writeGraph } from './write-graph.js';

/** How a dynamically quantized (q8) graph quantizes its activations: as exported, or one scale per token. */
export type ActivationQuantization = 'per-tensor' | 'per-token';

/** A rewritten graph, and how many DynamicQuantizeLinear nodes were rewritten or left as they were. */
export interface PerTokenResult {
  bytes: Uint8Array;
  rewritten: number;
  /** DynamicQuantizeLinear nodes whose outputs feed something other than MatMulInteger / Mul. */
  kept: number;
}

const PREFIX = 'webrerank/per_token';
const CONST = { zero: `${PREFIX}/zero`, one: `${PREFIX}/one`, max: `${PREFIX}/255`, lastAxis: `${PREFIX}/axes_last` } as const;
const onesName = (k: number): string => `${PREFIX}/ones_${k}`;
const TENSOR_DIMS = 1;

interface Use {
  node: GraphEntry;
  /** Input position; -1 for a read from inside a subgraph. */
  index: number;
}

/**
 * Makes a dynamically quantized graph batch-invariant: each DynamicQuantizeLinear that feeds
 * MatMulInteger (onnxruntime's quantize_dynamic, transformers.js / optimum q8, int8 and uint8
 * exports) is replaced by the same asymmetric uint8 quantization computed per row over the
 * last axis, so one token's scale no longer depends on the other tokens of the batch, padding
 * included. The numerics are DynamicQuantizeLinear's, row by row: range [min(0, min x),
 * max(0, max x)], scale = range / 255, zero point = round(-min / scale), q = clip(round(x /
 * scale) + zp). onnxruntime's MatMulInteger takes only a scalar zero point for A, so the
 * product is computed with zero point 0 and corrected exactly in int32:
 * (q - zp) W' = q W' - zp * colsum(W'), W' = W - w_zp. colsum is itself a MatMulInteger, of a
 * row of ones by W, which onnxruntime folds into a constant when the session is created (a
 * Cast of W to int32 would be folded too, but holds 4x the weights while it is: +700 MiB of
 * WASM heap on bge-reranker-base). The Mul by activation scale x weight scale that follows
 * broadcasts the per-row scale [..., rows, 1] unchanged.
 *
 * @example
 * const { bytes, rewritten } = quantizeActivationsPerToken(q8Graph); // rewritten: 10 for xlmr-tiny
 * const session = await ort.InferenceSession.create(bytes);
 */
export function quantizeActivationsPerToken(model: Uint8Array): PerTokenResult {
  const view = readOnnxModel(model);
  const opset = view.opsets.get('') ?? view.opsets.get('ai.onnx') ?? 0;
  const uses = new Map<string, Use[]>();
  const use = (name: string, u: Use): void => {
    const list = uses.get(name);
    if (list) list.push(u);
    else uses.set(name, [u]);
  };
  for (const node of view.graph) {
    if (node.kind !== 'node') continue;
    node.args.forEach((name, index) => use(name, { node, index }));
    for (const name of node.inputs.slice(node.args.length)) use(name, { node, index: -1 });
  }
  const graphOutputs = new Set(view.graph.filter((e) => e.kind === 'output').map((e) => e.name));
  const initializers = new Map(view.graph.filter((e) => e.kind === 'initializer').map((e) => [e.name, e]));
  // The weights' inner dimension K, for the row of ones: only 2-D initializer weights qualify.
  const innerDim = (weight: string | undefined): number | undefined => {
    const entry = weight === undefined ? undefined : initializers.get(weight);
    // Field 5 is a dense initializer (15, sparse, has no dims of its own here).
    if (entry === undefined || entry.field.field !== 5) return undefined;
    const tensor = payload(view.bytes, entry.field);
    // dims is `repeated int64`: one field per value, or packed in one (both are valid protobuf).
    const dims = readFields(tensor).filter((f) => f.field === TENSOR_DIMS).flatMap((f) => int64s(tensor, f));
    return dims.length === 2 ? dims[0] : undefined;
  };
  const ones = new Set<number>();

  const replaced = new Map<GraphEntry, Uint8Array[]>();
  const reshaped = new Set<string>(); // values whose shape changes: their value_info would be stale
  let kept = 0;
  let rewritten = 0;
  for (const dql of view.graph) {
    if (dql.kind !== 'node' || dql.opType !== 'DynamicQuantizeLinear') continue;
    const [x, y, scale, zeroPoint] = [dql.args[0], ...dql.outputs] as [string, string, string, string | undefined];
    const matmuls = uses.get(y) ?? [];
    const rewritable = zeroPoint !== undefined
      && !graphOutputs.has(y) && !graphOutputs.has(scale) && !graphOutputs.has(zeroPoint)
      && matmuls.length > 0
      && matmuls.every((u) => u.node.opType === 'MatMulInteger' && u.index === 0 && u.node.args[2] === zeroPoint)
      && (uses.get(zeroPoint) ?? []).every((u) => u.node.opType === 'MatMulInteger' && u.index === 2 && u.node.args[0] === y)
      && (uses.get(scale) ?? []).every((u) => u.node.opType === 'Mul' && u.index >= 0)
      && matmuls.every((u) => innerDim(u.node.args[1]) !== undefined);
    if (!rewritable) {
      kept++;
      continue;
    }
    rewritten++;
    const zpInt = `${zeroPoint}/int32`;
    replaced.set(dql, rowQuantization(x, y, scale, zpInt, opset));
    for (const { node } of matmuls) {
      const k = innerDim(node.args[1]) as number;
      ones.add(k);
      replaced.set(node, correctedMatMul(node, zpInt, onesName(k)));
    }
    reshaped.add(scale).add(zeroPoint);
    for (const { node } of uses.get(scale) ?? []) for (const out of node.outputs) reshaped.add(out);
  }
  if (rewritten === 0) return { bytes: model, rewritten, kept };

  const parts: (GraphEntry | Uint8Array)[] = [];
  for (const entry of view.graph) {
    if (entry.kind === 'value_info' && reshaped.has(entry.name)) continue;
    const replacement = replaced.get(entry);
    if (replacement) parts.push(...replacement);
    else parts.push(entry);
  }
  parts.push(
    initializerField(CONST.zero, TensorType.FLOAT, [], float32Raw([0])),
    initializerField(CONST.one, TensorType.FLOAT, [], float32Raw([1])),
    initializerField(CONST.max, TensorType.FLOAT, [], float32Raw([255])),
  );
  // Only the axes the opset reads as inputs (onnxruntime warns about unused initializers).
  if (opset >= 18) parts.push(initializerField(CONST.lastAxis, TensorType.INT64, [1], int64Raw([-1])));
  for (const k of ones) parts.push(initializerField(onesName(k), TensorType.UINT8, [1, k], new Uint8Array(k).fill(1)));
  return { bytes: writeGraph(view, parts), rewritten, kept };
}

// ReduceMin/ReduceMax take their axes as an input from opset 18 on.
function reduce(op: 'ReduceMin' | 'ReduceMax', input: string, axes: string, axis: number, output: string, opset: number): Uint8Array {
  return opset >= 18
    ? nodeField(op, [input, axes], [output], output, [attribute('keepdims', 1)])
    : nodeField(op, [input], [output], output, [attribute('axes', [axis]), attribute('keepdims', 1)]);
}

// DynamicQuantizeLinear's arithmetic, one row (last axis) at a time; writes y and scale under
// their original names, and the zero point as int32 for the correction.
function rowQuantization(x: string, y: string, scale: string, zpInt: string, opset: number): Uint8Array[] {
  const n = (suffix: string): string => `${y}/${suffix}`;
  const { zero, one, max } = CONST;
  return [
    reduce('ReduceMin', x, CONST.lastAxis, -1, n('row_min'), opset),
    reduce('ReduceMax', x, CONST.lastAxis, -1, n('row_max'), opset),
    nodeField('Min', [n('row_min'), zero], [n('low')], n('low')),
    nodeField('Max', [n('row_max'), zero], [n('high')], n('high')),
    nodeField('Sub', [n('high'), n('low')], [n('range')], n('range')),
    nodeField('Div', [n('range'), max], [n('raw_scale')], n('raw_scale')),
    // An all-zero row has range 0: any scale quantizes it exactly, 1 avoids 0/0.
    nodeField('Equal', [n('raw_scale'), zero], [n('flat')], n('flat')),
    nodeField('Where', [n('flat'), one, n('raw_scale')], [scale], scale),
    nodeField('Neg', [n('low')], [n('neg_low')], n('neg_low')),
    nodeField('Div', [n('neg_low'), scale], [n('zp_exact')], n('zp_exact')),
    nodeField('Round', [n('zp_exact')], [n('zp_round')], n('zp_round')),
    nodeField('Clip', [n('zp_round'), zero, max], [n('zp')], n('zp')),
    nodeField('Cast', [n('zp')], [zpInt], zpInt, [attribute('to', TensorType.INT32)]),
    nodeField('Div', [x, scale], [n('scaled')], n('scaled')),
    nodeField('Round', [n('scaled')], [n('rounded')], n('rounded')),
    nodeField('Add', [n('rounded'), n('zp')], [n('shifted')], n('shifted')),
    nodeField('Clip', [n('shifted'), zero, max], [n('clipped')], n('clipped')),
    nodeField('Cast', [n('clipped')], [y], y, [attribute('to', TensorType.UINT8)]),
  ];
}

// MatMulInteger with A's zero point 0, then minus zp_row * colsum(W - w_zp): exact in int32
// (|q| <= 255, |W - w_zp| <= 255: no overflow below 33,000 input features).
function correctedMatMul(matmul: GraphEntry, zpInt: string, ones: string): Uint8Array[] {
  const [a, w, , wZeroPoint] = matmul.args as [string, string, string?, string?];
  const out = matmul.outputs[0] as string;
  const n = (suffix: string): string => `${out}/${suffix}`;
  const weightArgs = wZeroPoint !== undefined && wZeroPoint !== '' ? [w, '', wZeroPoint] : [w];
  const [b, ...rest] = weightArgs as [string, ...string[]];
  return [
    nodeField('MatMulInteger', [a, b, ...rest], [n('zp0')], n('zp0')),
    // [1, K] ones x (W - w_zp) = colsum, [1, N]: all constant, folded at session creation.
    nodeField('MatMulInteger', [ones, b, ...rest], [n('colsum')], n('colsum')),
    nodeField('Mul', [zpInt, n('colsum')], [n('correction')], n('correction')),
    nodeField('Sub', [n('zp0'), n('correction')], [out], out),
  ];
}
