// A few protobuf encoders for tests that build or extend ONNX graphs byte by byte.
import { encodeVarint, readFields } from '../../src/model/onnx/wire.js';

const encoder = new TextEncoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** A length-delimited field (message, string or bytes). */
export function field(number: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  return concat([Uint8Array.from([...encodeVarint(number * 8 + 2), ...encodeVarint(bytes.length)]), bytes]);
}

/** A varint field. */
export function varintField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...encodeVarint(number * 8), ...encodeVarint(value)]);
}

/** A message made of fields. */
export function message(...fields: Uint8Array[]): Uint8Array {
  return concat(fields);
}

/** NodeProto: inputs, outputs, op type, attributes (already encoded AttributeProtos). */
export function node(opType: string, inputs: string[], outputs: string[], attributes: Uint8Array[] = []): Uint8Array {
  return message(...inputs.map((i) => field(1, i)), ...outputs.map((o) => field(2, o)), field(4, opType), ...attributes.map((a) => field(5, a)));
}

/** ValueInfoProto of a float tensor with symbolic dims. */
export function floatValue(name: string, dims: string[]): Uint8Array {
  const shape = message(...dims.map((d) => field(1, field(2, d))));
  return message(field(1, name), field(2, field(1, message(varintField(1, 1), field(2, shape)))));
}

/** A scalar int64 TensorProto. */
export function int64Scalar(name: string, value: number): Uint8Array {
  const raw = new Uint8Array(8);
  new DataView(raw.buffer).setBigInt64(0, BigInt(value), true);
  return message(varintField(2, 7), field(8, name), field(9, raw));
}

/**
 * Appends fields to the graph of an ONNX model (repeated fields may come in any order, so
 * appending a node, an initializer or an output is valid protobuf).
 */
export function appendToGraph(model: Uint8Array, graphFields: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of readFields(model)) {
    if (f.field !== 7) {
      parts.push(model.subarray(f.start, f.end));
      continue;
    }
    parts.push(field(7, concat([model.subarray(f.valueStart, f.end), ...graphFields])));
  }
  return concat(parts);
}
