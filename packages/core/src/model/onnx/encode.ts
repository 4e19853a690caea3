import { ProtoWriter } from './wire-writer.js';

// Encoders for the few ONNX messages a graph rewrite adds: nodes, attributes, small tensors.
// Field numbers are onnx.proto's (NodeProto, AttributeProto, TensorProto, GraphProto).

const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;

/** TensorProto.DataType values used by rewrites. */
export const TensorType = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7 } as const;

/** An AttributeProto: an int (`to` of Cast, `keepdims`) or a list of ints (`axes` before opset 18). */
export function attribute(name: string, value: number | number[]): Uint8Array {
  const w = new ProtoWriter().string(1, name);
  if (typeof value === 'number') return w.int(3, value).uint(20, 2).toBytes();
  for (const v of value) w.int(8, v);
  return w.uint(20, 7).toBytes();
}

/** A GraphProto `node` field: NodeProto of the default domain. */
export function nodeField(opType: string, inputs: readonly string[], outputs: readonly string[], name: string, attributes: readonly Uint8Array[] = []): Uint8Array {
  const node = new ProtoWriter();
  for (const i of inputs) node.string(1, i);
  for (const o of outputs) node.string(2, o);
  node.string(3, name).string(4, opType);
  for (const a of attributes) node.bytes(5, a);
  return new ProtoWriter().message(GRAPH_NODE, node).toBytes();
}

/** A GraphProto `initializer` field: a small tensor with its data in raw_data (little-endian). */
export function initializerField(name: string, type: number, dims: readonly number[], raw: Uint8Array): Uint8Array {
  const tensor = new ProtoWriter();
  for (const d of dims) tensor.int(1, d);
  tensor.uint(2, type).string(8, name).bytes(9, raw);
  return new ProtoWriter().message(GRAPH_INITIALIZER, tensor).toBytes();
}

/** Raw little-endian bytes of float32 values. */
export function float32Raw(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** Raw little-endian bytes of int64 values. */
export function int64Raw(values: readonly number[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
}
