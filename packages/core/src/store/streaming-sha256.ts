import { createSHA256 } from 'hash-wasm';
import { loadPath } from './load-path.js';
import { Sha256 } from './sha256.js';

/** A sha256 fed piece by piece: `update` as bytes arrive, `hex` once at the end. */
export interface StreamingSha256 {
  update(bytes: Uint8Array): void;
  /** Which implementation hashes: `js` only where WebAssembly could not compile (or the bench asked). */
  readonly engine: Sha256Engine;
  /** The digest as lowercase hex; the hash cannot be updated afterwards. */
  hex(): string;
}

/** `wasm`: hash-wasm (the default); `js`: the JS Sha256, its fallback (and the old path, see load-path.ts). */
export type Sha256Engine = 'wasm' | 'js';

/**
 * A streaming sha256 for a download. hash-wasm's WebAssembly SHA-256 hashes 2-3x faster than the
 * JS one in sha256.ts (measured in docs/performance.md, "First download"), and it runs wherever
 * onnxruntime-web does: its module is compiled from bytes embedded in the script, which a CSP
 * allows with `'wasm-unsafe-eval'` (the demo's), the same permission onnxruntime needs.
 *
 * Falls back to the JS implementation when WebAssembly cannot compile here (no WebAssembly, or a
 * CSP without `'wasm-unsafe-eval'`): a download is checked either way, only slower.
 *
 * @example
 * const hash = await streamingSha256();
 * for await (const piece of body) hash.update(piece);
 * hash.hex(); // 64 hex chars
 */
export async function streamingSha256(): Promise<StreamingSha256> {
  if (loadPath().sha256 === 'wasm') {
    try {
      // One WebAssembly instance per hash (hash-wasm caches the compiled module): parallel
      // downloads each hash on their own.
      const hasher = await createSHA256();
      return {
        engine: 'wasm',
        update: (bytes) => void hasher.update(bytes),
        hex: () => hasher.digest('hex'),
      };
    } catch {
      // WebAssembly unavailable or refused: the JS hash below.
    }
  }
  const hash = new Sha256();
  return { engine: 'js', update: (bytes) => void hash.update(bytes), hex: () => hash.hex() };
}
