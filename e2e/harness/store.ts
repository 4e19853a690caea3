// The model store's browser test page: puts the real store (IndexedDB, crypto.subtle, fetch) on
// window.storeHarness for e2e/store.spec.ts, which drives it through page.evaluate.
import { evict, isCached } from '../../packages/core/src/store/cache-admin';
import { cachedSource } from '../../packages/core/src/store/cached-source';
import { fetchFile } from '../../packages/core/src/store/fetch-file';
import { createIdbModelStore, DEFAULT_CHUNK_SIZE } from '../../packages/core/src/store/idb-model-store';
import { runHarness } from './lib/report';

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

/**
 * Raw access to a store's database (object store `files`), to damage it the way a crash or a bad
 * disk would. Plain IndexedDB rather than idb-keyval: the root workspace does not depend on it,
 * and an independent reader also checks the layout the store claims to write.
 */
function rawDb(dbName = 'webrerank') {
  const run = <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onupgradeneeded = () => open.result.createObjectStore('files');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('files', mode);
        const request = act(tx.objectStore('files'));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onabort = tx.onerror = () => {
          db.close();
          reject(tx.error ?? request.error);
        };
      };
    });
  return {
    keys: () => run('readonly', (s) => s.getAllKeys()).then((all) => all.map(String).sort()),
    get: (key: string) => run<unknown>('readonly', (s) => s.get(key)),
    put: (key: string, value: unknown) => run('readwrite', (s) => s.put(value, key)).then(() => undefined),
    delete: (key: string) => run('readwrite', (s) => s.delete(key)).then(() => undefined),
  };
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const storeHarness = {
  createIdbModelStore,
  DEFAULT_CHUNK_SIZE,
  cachedSource,
  fetchFile,
  isCached,
  evict,
  rawDb,
  patternBytes,
  sameBytes,
  sha256Hex,
};

export type StoreHarness = typeof storeHarness;

declare global {
  interface Window { storeHarness: StoreHarness }
}

window.storeHarness = storeHarness;
runHarness(async () => ({ crossOriginIsolated: self.crossOriginIsolated }));
