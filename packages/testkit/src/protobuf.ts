// Minimal protobuf encoder, just enough for ONNX files.
// A message is kept as a list of byte chunks instead of one buffer: large tensor payloads
// (up to ~770 MB for the base preset's word embeddings) are referenced, never copied, and the
// chunks are written to disk one by one. Small fields are packed into a scratch buffer so
// the chunk list stays short.

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

/** Payloads at least this big are kept as their own chunk rather than copied. */
const BIG_CHUNK = 64 * 1024;

const textEncoder = new TextEncoder();

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

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  private varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`bad varint ${value}`);
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.scratch[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.scratch[this.pos++] = v;
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
