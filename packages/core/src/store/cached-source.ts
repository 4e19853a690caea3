import { RerankerError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import type { ProgressEvent, RerankerEvent, WarningEvent } from '../protocol.js';
import { fetchFile, type FetchFn } from './fetch-file.js';
import type { ModelStore, StoredFileKey } from './model-store.js';

export interface CachedSourceOptions {
  /** The model folder: `read(path)` downloads `${baseUrl}${path}` (a missing final `/` is added). */
  baseUrl: string;
  /** What the files are cached under; `file` is the path given to `read`. */
  key: Omit<StoredFileKey, 'file'>;
  /** The cache; undefined downloads every time. */
  store: ModelStore | undefined;
  fetch?: FetchFn;
  signal?: AbortSignal;
  /** Progress (network and cache) and warnings (cache full, unusable or corrupt). */
  onEvent?: (event: RerankerEvent) => void;
  /** Least time between two network progress events, in ms (default 100); first and last always go out. */
  progressIntervalMs?: number;
}

/**
 * A model folder read through the cache: a stored, verified file comes from the store; any other
 * is downloaded (size and sha256 checked), stored, and returned. The cache only ever makes a load
 * faster: if storing fails (quota, IndexedDB blocked) the source warns once, stops storing, and
 * still returns the bytes; a corrupt cached file is reported and downloaded again.
 *
 * `read` rejects like `fetchFile`: `MODEL_FILE_NOT_FOUND`, `MODEL_FETCH_FAILED`,
 * `INTEGRITY_MISMATCH`, `ABORTED`.
 *
 * @example
 * const source = cachedSource({
 *   baseUrl: 'https://huggingface.co/o/m/resolve/main/',
 *   key: { host: 'https://huggingface.co', model: 'o/m', revision: 'main' },
 *   store: createIdbModelStore(),
 *   onEvent: (event) => postMessage(event),
 * });
 * const config = await readJson(source, 'config.json');
 */
export function cachedSource(options: CachedSourceOptions): ModelSource {
  const { key, store, signal, onEvent } = options;
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const interval = options.progressIntervalMs ?? 100;
  // Separate switches: a full disk stops writes but cached files can still be read; a broken
  // database stops both.
  let canRead = store !== undefined;
  let canWrite = store !== undefined;
  // Every file this source has read or is reading, for the overall totals.
  const files = new Map<string, { loaded: number; total: number | undefined }>();
  let lastProgressAt = -Infinity;

  const emit = (event: RerankerEvent): void => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's bug must not fail the model load.
    }
  };
  const warn = (code: WarningEvent['code'], message: string): void => emit({ type: 'warning', code, message });

  const progress = (file: string, from: ProgressEvent['from'], done: boolean): void => {
    const now = Date.now();
    if (!done && now - lastProgressAt < interval) return;
    lastProgressAt = now;
    const state = files.get(file) ?? { loaded: 0, total: undefined };
    let overallLoaded = 0;
    let overallTotal = 0;
    for (const other of files.values()) {
      overallLoaded += other.loaded;
      // A file of unknown size counts with what has arrived, so the total never trails the bytes.
      overallTotal += other.total ?? other.loaded;
    }
    emit({ type: 'progress', file, loaded: state.loaded, total: state.total, overallLoaded, overallTotal, from, done });
  };

  /** Reports a store failure once and turns the store off for this source. */
  const storeFailed = (error: unknown, action: 'read' | 'write', file: string): void => {
    const code = error instanceof RerankerError && error.code === 'QUOTA_EXCEEDED' ? 'QUOTA_EXCEEDED' : 'CACHE_UNAVAILABLE';
    const detail = error instanceof Error ? error.message : String(error);
    if (code === 'QUOTA_EXCEEDED') {
      canWrite = false;
      warn(code, `no room to cache ${key.model} (${file}): it will be downloaded again next time (${detail})`);
    } else {
      canRead = false;
      canWrite = false;
      warn(code, `the model cache cannot be ${action === 'read' ? 'read' : 'written'}, loading ${key.model} without it (${detail})`);
    }
  };

  return {
    location: withoutCredentials(base),

    async read(path, readOptions) {
      // The load's signal stops every read; a read's own signal stops just that one.
      const stop = signal && readOptions?.signal ? AbortSignal.any([signal, readOptions.signal]) : (readOptions?.signal ?? signal);
      if (stop?.aborted) throw new RerankerError('ABORTED', `loading ${path} was aborted`, { cause: stop.reason });
      const fileKey: StoredFileKey = { ...key, file: path };

      if (store && canRead) {
        let corrupt: string | undefined;
        try {
          const cached = await store.get(fileKey, { onCorrupt: (reason) => (corrupt = reason) });
          if (cached) {
            files.set(path, { loaded: cached.length, total: cached.length });
            progress(path, 'cache', true);
            return cached;
          }
        } catch (error) {
          storeFailed(error, 'read', path);
        }
        if (corrupt !== undefined) warn('CACHE_CORRUPT', `the cached ${path} of ${key.model} was corrupt (${corrupt}) and is downloaded again`);
      }

      files.set(path, { loaded: 0, total: undefined });
      let fetched: Awaited<ReturnType<typeof fetchFile>>;
      try {
        fetched = await fetchFile(base + path, {
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(stop ? { signal: stop } : {}),
          onProgress: (loaded, total) => {
            files.set(path, { loaded, total });
            progress(path, 'network', false);
          },
        });
      } catch (error) {
        // A probe for an optional file (404) or a failed download adds nothing to the totals.
        files.delete(path);
        throw error;
      }
      const { bytes, sha256 } = fetched;
      files.set(path, { loaded: bytes.length, total: bytes.length });

      // Stored before returning: the caller may transfer (detach) the buffer right away.
      if (store && canWrite) {
        try {
          await store.put(fileKey, bytes, sha256);
        } catch (error) {
          storeFailed(error, 'write', path);
        }
      }
      progress(path, 'network', true);
      return bytes;
    },
  };
}

/** The URL for messages: never a `user:password@` that may have been in it. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
