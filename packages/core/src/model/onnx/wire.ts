import { RerankerError } from '../../errors.js';

// The project's one protobuf reader (its writer is wire-writer.ts): the ONNX graph rewrites
// (prune, per-token q8), the file checks, testkit's inspector and the tests all read with it.
// Only the wire format lives here; onnx.proto's field numbers live with the code that reads
// each message.

/**
 * One field of a protobuf message, located in its buffer. Fields are kept as byte ranges so a
 * message can be rewritten by copying the fields it keeps verbatim - whatever they hold,
 * including fields this reader does not know.
 */
export interface WireField {
  field: number;
  /** Wire type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: number;
  /** The whole field, tag included: `buf.subarray(start, end)`. */
  start: number;
  end: number;
  /** Where the value starts, after the tag (and after the length of a length-delimited field); it ends at `end`. */
  valueStart: number;
  /** The value of a varint field (exact up to 2^53; only tags, lengths and enums are read here). */
  varint: number;
}

/**
 * Splits `buf[start, end)` into its protobuf fields, in file order.
 *
 * @example
 * const fields = readFields(onnxBytes); // ModelProto fields: ir_version, opset_import, graph, ...
 */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): WireField[] {
  const fields: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    const [key, afterKey] = readVarint(buf, pos, end);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let valueStart = afterKey;
    let varint = 0;
    if (wire === 0) {
      [varint, pos] = readVarint(buf, afterKey, end);
    } else if (wire === 2) {
      const [length, payload] = readVarint(buf, afterKey, end);
      valueStart = payload;
      pos = payload + length;
    } else if (wire === 1) {
      pos = afterKey + 8;
    } else if (wire === 5) {
      pos = afterKey + 4;
    } else {
      throw malformed(`wire type ${wire} at byte ${fieldStart}`);
    }
    if (pos > end || field === 0) throw malformed(`field at byte ${fieldStart} runs past its message`);
    fields.push({ field, wire, start: fieldStart, end: pos, valueStart, varint });
  }
  return fields;
}

/** The payload of a length-delimited field. */
export function payload(buf: Uint8Array, field: WireField): Uint8Array {
  return buf.subarray(field.valueStart, field.end);
}

/**
 * The signed values of one field of a `repeated int64` (or a single `int64`): packed (one
 * length-delimited run) or one varint per entry. Negative values (axes = -1) are ten-byte varints
 * of their 64-bit two's complement, read exactly here.
 */
export function int64s(buf: Uint8Array, field: WireField): number[] {
  if (field.wire !== 0 && field.wire !== 2) throw malformed(`wire type ${field.wire} for an int64 at byte ${field.start}`);
  const values: number[] = [];
  for (let pos = field.valueStart; pos < field.end; ) {
    let value = 0n;
    let shift = 0n;
    let byte: number;
    do {
      if (pos >= field.end) throw malformed(`varint at byte ${pos}`);
      byte = buf[pos++] as number;
      value |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while (byte >= 0x80);
    values.push(Number(BigInt.asIntN(64, value)));
  }
  return values;
}

/** The value of a fixed32 field read as a float (AttributeProto.f). */
export function float32(buf: Uint8Array, field: WireField): number {
  if (field.wire !== 5) throw malformed(`wire type ${field.wire} for a float at byte ${field.start}`);
  return new DataView(buf.buffer, buf.byteOffset + field.end - 4, 4).getFloat32(0, true);
}

/** The payload of a length-delimited field, decoded as UTF-8. */
export function text(buf: Uint8Array, field: WireField): string {
  return decoder.decode(payload(buf, field));
}

// Arithmetic instead of bit shifts: shifts are 32-bit in JS, and lengths of large tensors are not.
function readVarint(buf: Uint8Array, start: number, end: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < end && pos < start + 10; pos++) {
    const byte = buf[pos] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos + 1];
    scale *= 0x80;
  }
  throw malformed(`varint at byte ${start}`);
}

const decoder = new TextDecoder();

function malformed(what: string): RerankerError {
  return new RerankerError('MODEL_NOT_SUPPORTED', `the ONNX file is not a valid protobuf message (${what})`);
}
