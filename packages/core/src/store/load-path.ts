/**
 * The old and new ways of the model loading path, switchable so that `pnpm bench --load` can
 * measure both side by side in one run (bench/load.ts). Apps never touch this: the defaults are
 * the new ways, and the switch is not part of the public API.
 *
 * - `sha256`: how a download is hashed while it streams: hash-wasm (`wasm`) or the JS Sha256 (`js`).
 * - `chunkValue`: what the IndexedDB store writes per chunk: a `Blob` (read back through
 *   `blob.arrayBuffer()`, ~2x faster than structured-clone deserialization of the bytes in
 *   Chromium) or the `bytes` themselves. Reads take either, so older caches stay readable.
 * - `storeAlongside`: whether a downloaded file is written to the cache while the session is
 *   created (the load waits for the write at its end) instead of before the file is returned.
 * - `prewarm`: whether onnxruntime's WebAssembly runtime is started while the weights are read
 *   (worker/prewarm.ts) instead of by the model's own session creation after them.
 */
export interface LoadPath {
  sha256: 'wasm' | 'js';
  chunkValue: 'blob' | 'bytes';
  storeAlongside: boolean;
  prewarm: boolean;
}

/** The path before issue 15: what `pnpm bench --load` measures as "before". */
export const OLD_LOAD_PATH: Readonly<LoadPath> = { sha256: 'js', chunkValue: 'bytes', storeAlongside: false, prewarm: false };
export const NEW_LOAD_PATH: Readonly<LoadPath> = { sha256: 'wasm', chunkValue: 'blob', storeAlongside: true, prewarm: true };

let current: LoadPath = { ...NEW_LOAD_PATH };

export function loadPath(): Readonly<LoadPath> {
  return current;
}

/** Bench-only: switches parts of the loading path for this realm (a worker, a test). */
export function useLoadPath(path: Partial<LoadPath>): void {
  current = { ...current, ...path };
}
