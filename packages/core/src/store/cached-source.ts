import { RerankerError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import type { ProgressEvent, RerankerEvent, WarningEvent } from '../protocol.js';
import { redactUrl } from '../shared/redact-url.js';
import { assertDownloadedFile, checkModelFile } from './check-file.js';
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
  signal?: AbortSignal | undefined;
  /** Progress (network and cache) and warnings (cache full, unusable or corrupt). */
  onEvent?: (event: RerankerEvent) => void;
  /** Least time between two network progress events, in ms (default 100); first and last always go out. */
  progressIntervalMs?: number;
  /** A download that receives nothing for this long fails with `MODEL_FETCH_FAILED` (default 30 000 ms). */
  stallTimeoutMs?: number;
  /**
   * Returns a downloaded file at once and writes it to the store meanwhile, instead of after the
   * write (default false). The load then creates its session while the write runs: on the first
   * download of a model the write (hashing every chunk, IndexedDB) leaves the critical path. The
   * caller must not modify or detach the bytes before `settled()`, and must await it before
   * reporting the model cached.
   */
  storeAlongside?: boolean;
}

/** A cached source: a ModelSource, plus the wait for the cache writes it started. */
export interface CachedSource extends ModelSource {
  /** Resolves when every cache write started so far is done (a failed write is a warning, never a rejection). */
  settled(): Promise<void>;
}

/**
 * A model folder read through the cache: a stored, verified file comes from the store; any other
 * is downloaded (size and sha256 checked), stored, and returned. The cache only ever makes a load
 * faster: if storing fails (quota, IndexedDB blocked) the source warns once, stops storing, and
 * still returns the bytes; a corrupt cached file is reported and downloaded again.
 *
 * Recovery rule: nothing is stored before it passes `checkModelFile` (JSON parses, an ONNX graph
 * starts like one; size and sha256 as announced), so a bad answer fails this load and is not kept.
 * A stored file that fails the same check when read back (written by an older version, damaged)
 * is deleted, reported as `CACHE_CORRUPT`, and downloaded again, once.
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
export function cachedSource(options: CachedSourceOptions): CachedSource {
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
  const writes: Promise<void>[] = [];

  const emit = (event: RerankerEvent): void => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's bug must not fail the model load.
    }
  };
  // One warning of each kind per load: the files of a load fail to store together (they are
  // written in parallel), and one "the cache is full" is the whole story.
  const warned = new Set<WarningEvent['code']>();
  const warn = (code: WarningEvent['code'], message: string): void => emit({ type: 'warning', code, message });
  const warnOnce = (code: WarningEvent['code'], message: string): void => {
    if (warned.has(code)) return;
    warned.add(code);
    warn(code, message);
  };

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
      warnOnce(code, `no room to cache ${key.model} (${file}): it will be downloaded again next time (${detail})`);
    } else {
      canRead = false;
      canWrite = false;
      warnOnce(code, `the model cache cannot be ${action === 'read' ? 'read' : 'written'}, loading ${key.model} without it (${detail})`);
    }
  };

  return {
    location: redactUrl(base),

    async settled() {
      // Writes started while waiting are waited for too.
      let done = 0;
      while (done < writes.length) {
        const batch = writes.slice(done);
        done = writes.length;
        await Promise.all(batch);
      }
    },

    async read(path, readOptions) {
      // The load's signal stops every read; a read's own signal stops just that one.
      const stop = signal && readOptions?.signal ? AbortSignal.any([signal, readOptions.signal]) : (readOptions?.signal ?? signal);
      if (stop?.aborted) throw new RerankerError('ABORTED', `loading ${path} was aborted`, { cause: stop.reason });
      const fileKey: StoredFileKey = { ...key, file: path };

      if (store && canRead) {
        let corrupt: string | undefined;
        let checked = false;
        try {
          const cached = await store.get(fileKey, {
            onCorrupt: (reason) => (corrupt = reason),
            onFound: (info) => (checked = info.checked),
          });
          // Stored bytes pass the same check as downloaded ones: an entry an older version
          // stored unchecked must not fail every load from now on. Entries this version stored
          // were checked before the put (and their chunk digests still match), so they skip it:
          // parsing a 17 MB tokenizer.json again costs ~0.4 s on every warm start.
          if (cached && !checked) corrupt = checkModelFile(path, cached);
          if (cached && corrupt === undefined) {
            files.set(path, { loaded: cached.length, total: cached.length });
            progress(path, 'cache', true);
            return cached;
          }
          if (cached) await store.delete(fileKey);
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
          ...(options.stallTimeoutMs !== undefined ? { stallTimeoutMs: options.stallTimeoutMs } : {}),
          onProgress: (loaded, total) => {
            files.set(path, { loaded, total });
            progress(path, 'network', false);
          },
        });
        // Checked before it is stored: a wrong answer fails this load only, not every later one.
        assertDownloadedFile(path, fetched.bytes, redactUrl(base + path));
      } catch (error) {
        // A probe for an optional file (404) or a failed download adds nothing to the totals.
        files.delete(path);
        throw error;
      }
      const { bytes, sha256 } = fetched;
      files.set(path, { loaded: bytes.length, total: bytes.length });

      if (store && canWrite) {
        const write = store.put(fileKey, bytes, sha256, { checked: true }).catch((error: unknown) => storeFailed(error, 'write', path));
        // Without storeAlongside, stored before returning: the caller may then detach the buffer.
        if (options.storeAlongside) writes.push(write);
        else await write;
      }
      progress(path, 'network', true);
      return bytes;
    },
  };
}
