// The model store's browser test page: puts the real store (IndexedDB, crypto.subtle, fetch) on
// window.storeHarness for e2e/store.spec.ts and e2e/store-cached-source.spec.ts, which drive it through page.evaluate.
import { cachedSource } from '../../packages/core/src/store/cached-source';
import { fetchFile } from '../../packages/core/src/store/fetch-file';
import { createIdbModelStore, DEFAULT_CHUNK_SIZE } from '../../packages/core/src/store/idb-model-store';
import { useLoadPath } from '../../packages/core/src/store/load-path';
import { streamingSha256 } from '../../packages/core/src/store/streaming-sha256';
import { measureLoadParts } from './lib/load-parts';
import { rawDb } from './lib/raw-idb';
import { runHarness } from './lib/report';
import { sha256Hex } from './lib/sha256';

/** Deterministic pseudo-random bytes (xorshift32), so a spec can rebuild what it stored. */
function patternBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let x = seed | 0 || 1;
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    view.setInt32(i, x);
  }
  for (; i < length; i++) out[i] = (x >>> (8 * (i % 4))) & 0xff;
  return out;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const storeHarness = {
  createIdbModelStore,
  DEFAULT_CHUNK_SIZE,
  cachedSource,
  fetchFile,
  rawDb,
  patternBytes,
  sameBytes,
  sha256Hex,
  streamingSha256,
  useLoadPath,
  measureLoadParts,
};

export type StoreHarness = typeof storeHarness;

declare global {
  interface Window { storeHarness: StoreHarness }
}

window.storeHarness = storeHarness;
runHarness(async () => ({ crossOriginIsolated: self.crossOriginIsolated }));
