import { createStore, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { RerankerError } from '../errors.js';
import { sha256Hex } from './digest.js';
import { loadPath } from './load-path.js';
import { chunkCount, chunkLength, manifestInfo, parseManifest, type Manifest } from './manifest.js';
import type { ModelStore, StoredFileInfo, StoredFileKey } from './model-store.js';
import { isDamagedValue, storeError } from './store-errors.js';
import {
  chunkKey,
  chunkPrefix,
  MANIFEST_PREFIX,
  manifestKey,
  matchesFilter,
  parseStoreKey,
  prefixEnd,
} from './store-keys.js';

/**
 * 8 MiB: far below the size where one IndexedDB value fails (a single value over ~127 MiB is
 * refused in a non-persistent Chromium context), small enough that hashing a chunk with
 * `crypto.subtle` (which copies its input) and reading a few ahead cost little memory, and large
 * enough that a 2 GB model is ~270 records, not thousands of transactions.
 */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

/** Chunks read and verified at once by `get`: keeps IndexedDB and the hashing thread both busy. */
const READ_AHEAD = 4;

export interface IdbModelStoreOptions {
  /** Bytes per stored chunk (default 8 MiB). Files already stored keep the size they were written with. */
  chunkSize?: number;
  /** Called whenever `get` finds a stored file corrupt or incomplete and deletes it. */
  onCorrupt?: (key: StoredFileKey, reason: string) => void;
}

/**
 * The model cache on IndexedDB, in a database of its own (`webrerank`, object store `files`; never
 * idb-keyval's shared default store). A file is written as fixed-size chunks, each with its sha256,
 * then a manifest written last, so a half-written file never looks complete; `get` verifies every
 * chunk and deletes a file that does not check out.
 *
 * @example
 * const store = createIdbModelStore();
 * const key = { host: 'https://huggingface.co', model: 'o/m', revision: 'main', file: 'onnx/model.onnx' };
 * await store.put(key, bytes, sha256);
 * const again = await store.get(key); // Uint8Array, or undefined if absent or corrupt
 */
export function createIdbModelStore(dbName = 'webrerank', options: IdbModelStoreOptions = {}): ModelStore {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) {
    throw new RerankerError('INVALID_OPTION', `chunkSize must be a positive integer, got ${chunkSize}`);
  }
  // createStore opens nothing yet: the database is opened (and created) on first use, so making
  // a store never throws, even where IndexedDB is blocked.
  let db: UseStore | undefined;
  const files = (): UseStore => {
    if (typeof indexedDB === 'undefined') {
      throw new RerankerError('CACHE_UNAVAILABLE', 'this context has no IndexedDB: the model cannot be cached');
    }
    db ??= createStore(dbName, 'files');
    return db;
  };

  /** Deletes a file's manifest and every chunk (also orphans of an unfinished put), in one transaction. */
  const deleteFile = (key: StoredFileKey): Promise<void> =>
    files()('readwrite', (store) => {
      store.delete(manifestKey(key));
      const prefix = chunkPrefix(key);
      store.delete(IDBKeyRange.bound(prefix, prefixEnd(prefix), false, true));
      return promisifyRequest(store.transaction);
    });

  const readManifest = async (key: StoredFileKey): Promise<unknown> => {
    try {
      return await get<unknown>(manifestKey(key), files());
    } catch (error) {
      throw storeError(error, `reading ${key.file}`);
    }
  };

  return {
    async get(key, getOptions) {
      const raw = await readManifest(key);
      if (raw === undefined) return undefined;
      const manifest = parseManifest(raw);
      const problem = manifest ? await readChunks(files(), key, manifest) : 'its manifest is unreadable';
      if (typeof problem !== 'string') {
        if (manifest) getOptions?.onFound?.(manifestInfo(manifest));
        return problem;
      }
      // Corrupt: drop it so the next load fetches it again. A failure to delete changes nothing
      // for this call: the file reads as absent either way, and the next put starts by deleting.
      await deleteFile(key).catch(() => undefined);
      options.onCorrupt?.(key, problem);
      getOptions?.onCorrupt?.(problem);
      return undefined;
    },

    async put(key, bytes, sha256, putOptions) {
      const store = files();
      try {
        // Clears an older version and any chunks an interrupted put left behind.
        await deleteFile(key);
        const digests: string[] = [];
        const asBlob = loadPath().chunkValue === 'blob';
        for (let index = 0; index < chunkCount(bytes.length, chunkSize); index++) {
          const view = bytes.subarray(index * chunkSize, (index + 1) * chunkSize) as Uint8Array<ArrayBuffer>;
          digests.push(await sha256Hex(view));
          // A Blob reads back ~2x faster than bytes (docs/performance.md, "Warm start"): Chromium
          // hands back a handle to the stored file, and arrayBuffer() is one copy, where bytes
          // are deserialized. The Blob copies just the view; bytes need slice, not subarray:
          // IndexedDB clones a view with its whole ArrayBuffer.
          await set(chunkKey(key, index), asBlob ? new Blob([view]) : view.slice(), store);
        }
        const manifest: Manifest = {
          v: 1,
          host: key.host,
          model: key.model,
          revision: key.revision,
          file: key.file,
          size: bytes.length,
          // Only a real digest is kept: anything else would make the manifest fail to parse.
          sha256: sha256 && /^[0-9a-f]{64}$/i.test(sha256) ? sha256.toLowerCase() : undefined,
          chunkSize,
          chunkDigests: digests,
          storedAt: Date.now(),
          ...(putOptions?.checked ? { checked: true as const } : {}),
        };
        // Last: from here on the file counts as complete.
        await set(manifestKey(key), manifest, store);
      } catch (error) {
        // Deleting frees quota, so this works even when the writes failed for lack of it.
        await deleteFile(key).catch(() => undefined);
        throw storeError(error, `storing ${key.file} (${bytes.length} bytes)`);
      }
    },

    async has(key) {
      return parseManifest(await readManifest(key)) !== undefined;
    },

    async list(filter) {
      try {
        const values = await files()('readonly', (store) =>
          promisifyRequest(store.getAll(IDBKeyRange.bound(MANIFEST_PREFIX, prefixEnd(MANIFEST_PREFIX), false, true))),
        );
        const infos: StoredFileInfo[] = [];
        for (const value of values) {
          const manifest = parseManifest(value);
          if (manifest && matchesFilter(manifest, filter)) infos.push(manifestInfo(manifest));
        }
        return infos;
      } catch (error) {
        throw storeError(error, 'listing the cached files');
      }
    },

    async delete(filter) {
      try {
        return await files()('readwrite', async (store) => {
          // One transaction for the listing and the deletes, so a concurrent put cannot slip in
          // between. Promise continuations still run while the transaction is active.
          const keys = await promisifyRequest(store.getAllKeys());
          let deleted = 0;
          for (const raw of keys) {
            const parsed = parseStoreKey(raw);
            if (!parsed || !matchesFilter(parsed.key, filter)) continue;
            // Orphan chunks of unfinished puts go too, but only manifests count as files.
            if (parsed.kind === 'file') deleted++;
            store.delete(raw);
          }
          await promisifyRequest(store.transaction);
          return deleted;
        });
      } catch (error) {
        throw storeError(error, 'deleting cached files');
      }
    },
  };
}

/**
 * Reads and verifies every chunk into one preallocated buffer. Returns the bytes, or why the file
 * is corrupt. Database failures (as opposed to damaged values) reject with `CACHE_UNAVAILABLE`.
 */
async function readChunks(store: UseStore, key: StoredFileKey, manifest: Manifest): Promise<Uint8Array | string> {
  let out: Uint8Array;
  try {
    out = new Uint8Array(manifest.size);
  } catch (error) {
    throw new RerankerError('CACHE_UNAVAILABLE', `cannot hold cached ${key.file} in memory (${manifest.size} bytes)`, {
      cause: error,
    });
  }
  const count = manifest.chunkDigests.length;
  let next = 0;
  let problem: string | undefined;

  const verifyOne = async (index: number): Promise<string | undefined> => {
    let value: unknown;
    try {
      value = await get<unknown>(chunkKey(key, index), store);
    } catch (error) {
      if (isDamagedValue(error)) return `chunk ${index} cannot be read back`;
      throw storeError(error, `reading ${key.file}`);
    }
    let chunk: unknown = value;
    if (value instanceof Blob) {
      try {
        chunk = new Uint8Array(await value.arrayBuffer());
      } catch (error) {
        // Chromium: NotReadableError when the Blob's backing file is gone or unreadable.
        if (isDamagedValue(error)) return `chunk ${index} cannot be read back`;
        throw storeError(error, `reading ${key.file}`);
      }
    } else if (value instanceof ArrayBuffer) {
      chunk = new Uint8Array(value);
    }
    if (!(chunk instanceof Uint8Array)) return `chunk ${index} is missing`;
    if (chunk.length !== chunkLength(manifest, index)) return `chunk ${index} has ${chunk.length} bytes, not ${chunkLength(manifest, index)}`;
    // IndexedDB never hands back a SharedArrayBuffer-backed view.
    const digest = await sha256Hex(chunk as Uint8Array<ArrayBuffer>);
    if (digest !== manifest.chunkDigests[index]) return `chunk ${index} does not match its sha256`;
    out.set(chunk, index * manifest.chunkSize);
    return undefined;
  };

  // A few chunks in flight at a time: the verification overlaps the reads, and memory stays at the
  // output buffer plus READ_AHEAD chunks.
  let failed = false;
  const lane = async (): Promise<void> => {
    while (problem === undefined && !failed && next < count) {
      try {
        // Not `problem ??= await …`: that reads `problem` before the await, and would overwrite
        // another lane's finding with this lane's undefined.
        const found = await verifyOne(next++);
        if (found !== undefined) problem ??= found;
      } catch (error) {
        failed = true; // the other lanes stop reading too
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AHEAD, count) }, lane));
  return problem ?? out;
}
