/**
 * Where a model file lives in the cache: host + model id + revision + file path. The host is part
 * of the key so two mirrors never serve each other's bytes.
 */
export interface StoredFileKey {
  host: string;
  model: string;
  revision: string;
  file: string;
}

/** What the store knows about one complete, verified file. */
export interface StoredFileInfo extends StoredFileKey {
  size: number;
  /** sha256 of the whole file, hex, when the server announced one (hub LFS files do). */
  sha256: string | undefined;
  storedAt: number;
  /** Whether the writer checked the content before storing it (`put`'s `checked`). */
  checked: boolean;
}

/** Options of one `ModelStore.put` call. */
export interface StorePutOptions {
  /** The bytes passed the content check (checkModelFile) before this put; recorded with the file. */
  checked?: boolean;
}

/** Options of one `ModelStore.get` call. */
export interface StoreGetOptions {
  /**
   * Called, before `get` resolves undefined, when the file was stored but turned out corrupt or
   * incomplete (a chunk missing or not matching its digest) and was deleted. Not called for a
   * file that is simply absent. Lets the caller report a `CACHE_CORRUPT` warning.
   */
  onCorrupt?: (reason: string) => void;
  /** Called with what the manifest says about the file, just before `get` resolves its bytes. */
  onFound?: (info: StoredFileInfo) => void;
}

/**
 * The model cache. Only complete, verified files are ever returned: a file whose chunks are
 * missing or whose bytes do not match their digests reads as absent (and is deleted), so the
 * caller fetches it again.
 */
export interface ModelStore {
  /** The file's bytes, or undefined when absent, partial or corrupt. */
  get(key: StoredFileKey, options?: StoreGetOptions): Promise<Uint8Array | undefined>;
  /** Stores a complete file. Rejects with RerankerError `QUOTA_EXCEEDED` or `CACHE_UNAVAILABLE`, leaving nothing partial. */
  put(key: StoredFileKey, bytes: Uint8Array, sha256: string | undefined, options?: StorePutOptions): Promise<void>;
  /** Whether a complete file is stored (no digest check: cheap). */
  has(key: StoredFileKey): Promise<boolean>;
  /** Every stored file, optionally only those of one host + model (+ revision). */
  list(filter?: Partial<Pick<StoredFileKey, 'host' | 'model' | 'revision'>>): Promise<StoredFileInfo[]>;
  /** Deletes the stored files matching the filter (all of them without one). Returns how many. */
  delete(filter?: Partial<Pick<StoredFileKey, 'host' | 'model' | 'revision' | 'file'>>): Promise<number>;
}
