// The project's one protobuf writer (its reader is wire.ts): the ONNX graph rewrites, testkit's
// model generator and the tests all encode with it.
// A message is kept as a list of byte chunks instead of one buffer: large tensor payloads (up to
// ~770 MB for testkit's base preset's word embeddings) are referenced, never copied, and can be
// written to disk one by one. Small fields are packed into a scratch buffer so the chunk list
// stays short.

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

/** Payloads at least this big are kept as their own chunk rather than copied. */
const BIG_CHUNK = 64 * 1024;

const textEncoder = new TextEncoder();

/**
 * Encodes one protobuf message, field by field, in the order called.
 *
 * @example
 * const opset = new ProtoWriter().string(1, '').uint(2, 17).toBytes(); // OperatorSetIdProto
 */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private scratch = new Uint8Array(256);
  private pos = 0;
  private flushedBytes = 0;

  /** Total encoded size so far; a parent needs it for the length prefix. */
  get byteLength(): number {
    return this.flushedBytes + this.pos;
  }

  /** The encoded message as chunks, in order. */
  finish(): Uint8Array[] {
    this.flush();
    return this.chunks;
  }

  /** The encoded message as one buffer (small messages; big ones are written chunk by chunk). */
  toBytes(): Uint8Array {
    return concatBytes(this.finish());
  }

  uint(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** int64/int32 field that may be negative (two's complement, ten bytes, as protobuf says). */
  int(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    if (value >= 0) this.varint(value);
    else this.negativeVarint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.ensure(4);
    new DataView(this.scratch.buffer).setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(data.byteLength);
    this.append(data);
    return this;
  }

  message(field: number, child: ProtoWriter): this {
    this.tag(field, WIRE_LEN);
    this.varint(child.byteLength);
    for (const chunk of child.finish()) this.append(chunk);
    return this;
  }

  /** Packed repeated int64 (the proto3 default encoding ONNX readers expect for dims/ints). */
  packedInts(field: number, values: readonly number[]): this {
    const body = new ProtoWriter();
    for (const v of values) {
      if (v >= 0) body.varint(v);
      else body.negativeVarint(v);
    }
    this.tag(field, WIRE_LEN);
    this.varint(body.byteLength);
    for (const chunk of body.finish()) this.append(chunk);
    return this;
  }

  /** Fields already encoded (tags and lengths included), copied as they are. */
  raw(encoded: Uint8Array): this {
    this.append(encoded);
    return this;
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  private varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`bad varint ${value}`);
    this.ensure(10);
    for (const byte of encodeVarint(value)) this.scratch[this.pos++] = byte;
  }

  private negativeVarint(value: number): void {
    this.ensure(10);
    let v = BigInt.asUintN(64, BigInt(value));
    for (let i = 0; i < 9; i++) {
      this.scratch[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.scratch[this.pos++] = Number(v);
  }

  private append(data: Uint8Array): void {
    if (data.byteLength >= BIG_CHUNK) {
      this.flush();
      this.chunks.push(data);
      this.flushedBytes += data.byteLength;
      return;
    }
    this.ensure(data.byteLength);
    this.scratch.set(data, this.pos);
    this.pos += data.byteLength;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.scratch.byteLength) return;
    const grown = new Uint8Array(Math.max(this.scratch.byteLength * 2, this.pos + extra));
    grown.set(this.scratch.subarray(0, this.pos));
    this.scratch = grown;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.scratch.slice(0, this.pos));
    this.flushedBytes += this.pos;
    this.pos = 0;
  }
}

/** A non-negative varint's bytes (tags and lengths of rewritten fields). */
export function encodeVarint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  // Arithmetic instead of bit shifts: shifts are 32-bit in JS, and lengths of large tensors are not.
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** The parts, one after another, in one buffer. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
