import { encodeVarint } from './wire.js';

// Encoders for the few ONNX messages a graph rewrite adds: nodes, attributes, small tensors.
// Field numbers are onnx.proto's (NodeProto, AttributeProto, TensorProto, GraphProto).

const encoder = new TextEncoder();
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;

/** TensorProto.DataType values used by rewrites. */
export const TensorType = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7 } as const;

function concat(parts: readonly (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

// Negative int64 values (axes = -1) are varints of their 64-bit two's complement.
function int64Varint(value: number): number[] {
  if (value >= 0) return encodeVarint(value);
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, BigInt(value));
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return bytes;
}

function bytesField(number: number, value: Uint8Array | string): Uint8Array {
  const body = typeof value === 'string' ? encoder.encode(value) : value;
  return concat([encodeVarint(number * 8 + 2), encodeVarint(body.length), body]);
}

function varintField(number: number, value: number): Uint8Array {
  return concat([encodeVarint(number * 8), int64Varint(value)]);
}

/** An AttributeProto: an int (`to` of Cast, `keepdims`) or a list of ints (`axes` before opset 18). */
export function attribute(name: string, value: number | number[]): Uint8Array {
  return typeof value === 'number'
    ? concat([bytesField(1, name), varintField(3, value), varintField(20, 2)])
    : concat([bytesField(1, name), ...value.map((v) => varintField(8, v)), varintField(20, 7)]);
}

/** A GraphProto `node` field: NodeProto of the default domain. */
export function nodeField(opType: string, inputs: readonly string[], outputs: readonly string[], name: string, attributes: readonly Uint8Array[] = []): Uint8Array {
  const node = concat([
    ...inputs.map((i) => bytesField(1, i)),
    ...outputs.map((o) => bytesField(2, o)),
    bytesField(3, name),
    bytesField(4, opType),
    ...attributes.map((a) => bytesField(5, a)),
  ]);
  return bytesField(GRAPH_NODE, node);
}

/** A GraphProto `initializer` field: a small tensor with its data in raw_data (little-endian). */
export function initializerField(name: string, type: number, dims: readonly number[], raw: Uint8Array): Uint8Array {
  const tensor = concat([...dims.map((d) => varintField(1, d)), varintField(2, type), bytesField(8, name), bytesField(9, raw)]);
  return bytesField(GRAPH_INITIALIZER, tensor);
}

/** Raw little-endian bytes of float32 values. */
export function float32Raw(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** Raw little-endian bytes of int64 values. */
export function int64Raw(values: readonly number[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
}
