// Seeded normal-distribution filler for the generated weights.
// Every tensor gets its own stream, seeded from (model seed, tensor name), so a tensor's
// values never depend on which other tensors exist or in which order they are drawn.
// Math.log/sqrt/cos/sin are V8's fdlibm ports, so the bytes are stable across platforms.

/** 32-bit FNV-1a: turns a tensor name into a seed (stable, no dependencies). */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32, used only to expand one 32-bit seed into xoshiro's 128-bit state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const INV_2_32 = 1 / 4294967296;
const TWO_PI = 2 * Math.PI;

/**
 * Fills `out` with N(mean, std) samples from xoshiro128** + Box-Muller.
 * Written as one flat loop with the state in locals: it runs over ~280M values for the
 * `base` preset, and a generator object or a call per sample would triple the time.
 */
export function fillNormal(out: Float32Array, seed: number, mean: number, std: number): void {
  const st = { s: seed | 0 };
  let s0 = splitmix32(st) | 0;
  let s1 = splitmix32(st) | 0;
  let s2 = splitmix32(st) | 0;
  let s3 = splitmix32(st) | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    let r1 = Math.imul(s1, 5);
    r1 = Math.imul((r1 << 7) | (r1 >>> 25), 9) >>> 0;
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    let r2 = Math.imul(s1, 5);
    r2 = Math.imul((r2 << 7) | (r2 >>> 25), 9) >>> 0;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    // (r1 + 1) keeps u1 in (0, 1], so log never sees 0.
    const radius = std * Math.sqrt(-2 * Math.log((r1 + 1) * INV_2_32));
    const theta = TWO_PI * r2 * INV_2_32;
    out[i] = mean + radius * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + radius * Math.sin(theta);
  }
}

/**
 * mulberry32: a small seeded uniform generator in [0, 1) for test inputs and bench scenarios
 * (fixed sequence per seed on every machine, so a failure or a measurement can be replayed).
 *
 * @example
 * const random = seededRandom(42);
 * const length = 1 + Math.floor(random() * 500);
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
