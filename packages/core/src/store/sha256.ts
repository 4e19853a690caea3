/**
 * Incremental SHA-256 (FIPS 180-4) in JS, fed piece by piece as a download arrives. Downloads now
 * hash with hash-wasm (streaming-sha256.ts, 2-3x faster); this one is its fallback where
 * WebAssembly cannot compile, and the "before" of `pnpm bench --load`.
 *
 * Why not `crypto.subtle.digest`: it has no streaming form, and Chromium copies its whole input
 * before hashing, so checking a 2 GB model file that way needs a second 2 GB buffer at the moment
 * memory is tightest. Hashing each network chunk as it lands keeps the peak at the file itself and
 * overlaps the work with the download. (The store's per-chunk digests, 8 MiB each, do use
 * `crypto.subtle`: there the copy is small.)
 *
 * @example
 * const hash = new Sha256(); hash.update(part1); hash.update(part2); hash.hex(); // 64 hex chars
 */
export class Sha256 {
  private readonly h = new Int32Array(INITIAL);
  /** The partial 64-byte block not yet compressed. */
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  private length = 0;
  private finished = false;

  update(bytes: Uint8Array): this {
    if (this.finished) throw new Error('Sha256: update after hex()');
    this.length += bytes.length;
    let offset = 0;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, bytes.length);
      this.block.set(bytes.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return this;
      compressBlocks(this.h, this.block, 0, 64);
      this.blockLength = 0;
    }
    // Whole blocks straight from the input: no copy on the hot path.
    const whole = offset + Math.floor((bytes.length - offset) / 64) * 64;
    compressBlocks(this.h, bytes, offset, whole);
    offset = whole;
    if (offset < bytes.length) {
      this.block.set(bytes.subarray(offset));
      this.blockLength = bytes.length - offset;
    }
    return this;
  }

  /** The digest as lowercase hex. The hash cannot be updated afterwards. */
  hex(): string {
    if (!this.finished) {
      const bitLength = this.length * 8;
      const tail = new Uint8Array(this.blockLength < 56 ? 64 : 128);
      tail.set(this.block.subarray(0, this.blockLength));
      tail[this.blockLength] = 0x80;
      // Lengths here stay below 2^53 bits, so two 32-bit halves are exact.
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bitLength / 2 ** 32));
      view.setUint32(tail.length - 4, bitLength >>> 0);
      compressBlocks(this.h, tail, 0, tail.length);
      this.finished = true;
    }
    let out = '';
    for (const word of this.h) out += (word >>> 0).toString(16).padStart(8, '0');
    return out;
  }
}

const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** The message schedule, shared: hashing is synchronous, so no two runs overlap. */
const W = new Int32Array(64);

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * Compresses the 64-byte blocks of bytes[from, to) into h. The state lives in locals for the
 * whole run (~150 MB/s in Chromium and Node 20 here; the class-field version measured ~135).
 */
function compressBlocks(h: Int32Array, bytes: Uint8Array, from: number, to: number): void {
  let h0 = h[0]!, h1 = h[1]!, h2 = h[2]!, h3 = h[3]!, h4 = h[4]!, h5 = h[5]!, h6 = h[6]!, h7 = h[7]!;
  for (let offset = from; offset + 64 <= to; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      W[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15]!, b = W[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, k = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + k) | 0;
  }
  h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
}
