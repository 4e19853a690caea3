// ONNX messages for the tests that build or extend ONNX graphs byte by byte.
import { readFields } from '../../src/model/onnx/wire.js';
import { concatBytes, ProtoWriter } from '../../src/model/onnx/wire-writer.js';

/** A length-delimited field (message, string or bytes). */
export function field(number: number, value: Uint8Array | string): Uint8Array {
  const w = new ProtoWriter();
  return (typeof value === 'string' ? w.string(number, value) : w.bytes(number, value)).toBytes();
}

/** A varint field. */
export function varintField(number: number, value: number): Uint8Array {
  return new ProtoWriter().uint(number, value).toBytes();
}

/** A message made of fields. */
export function message(...fields: Uint8Array[]): Uint8Array {
  return concatBytes(fields);
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
    parts.push(field(7, concatBytes([model.subarray(f.valueStart, f.end), ...graphFields])));
  }
  return concatBytes(parts);
}
