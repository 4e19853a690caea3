import { RerankerError } from '../errors.js';
import { redactCause, redactUrl } from '../shared/redact-url.js';
import { streamingSha256 } from './streaming-sha256.js';
import { stallWatch, type StallWatch } from './stall-watch.js';

/** The `fetch` this module calls: the platform's by default, a test's or an app's if given. */
export type FetchFn = (url: string, init: FetchInit) => Promise<Response>;

/** Everything a model request carries besides its URL: no headers, no body, no credentials. */
export interface FetchInit {
  cache: 'no-store';
  credentials: 'omit';
  referrerPolicy: 'no-referrer';
  signal?: AbortSignal;
}

export interface FetchFileOptions {
  fetch?: FetchFn;
  signal?: AbortSignal | undefined;
  /** Called after every piece of the body: bytes so far, and the size when the server announced it. */
  onProgress?: (loaded: number, total: number | undefined) => void;
  /**
   * Gives up with `MODEL_FETCH_FAILED` when no byte (nor the response headers) arrives for this
   * long, in ms. Default 30 000; `Infinity` waits forever.
   */
  stallTimeoutMs?: number;
}

export interface FetchedFile {
  bytes: Uint8Array;
  /** The sha256 (lowercase hex) the server announced and the bytes matched, if it announced one. */
  sha256: string | undefined;
}

/**
 * Downloads one model file completely and checks it against what the server announced: its size
 * (`X-Linked-Size`, else `Content-Length`) and its sha256 (`X-Linked-Etag`, else `ETag`, when it
 * is 64 hex digits — the Hugging Face hub's LFS files carry their sha256 there).
 *
 * Rejects with RerankerError `MODEL_FILE_NOT_FOUND` (404), `INTEGRITY_MISMATCH` (wrong sha256, or
 * a size other than `X-Linked-Size`), `ABORTED` (the signal fired) or `MODEL_FETCH_FAILED` (any
 * other HTTP status, a network error, a body shorter than announced, no data for `stallTimeoutMs`).
 * A file cut off mid-download is never returned. Messages never carry the URL's credentials.
 *
 * The one download path of the library: the browser's cached source and Node's `httpSource` both
 * come here, so both verify the same way.
 *
 * @example
 * const { bytes, sha256 } = await fetchFile('https://huggingface.co/o/m/resolve/main/onnx/model.onnx', {
 *   signal, onProgress: (loaded, total) => render(loaded, total),
 * });
 */
export async function fetchFile(rawUrl: string, options: FetchFileOptions = {}): Promise<FetchedFile> {
  const { signal, onProgress } = options;
  // Only ever shown: the request itself goes to the URL as given.
  const url = redactUrl(rawUrl);
  const doFetch = options.fetch ?? (globalThis as { fetch?: FetchFn }).fetch;
  if (!doFetch) throw new RerankerError('MODEL_FETCH_FAILED', `this environment has no fetch to download ${url}`);
  throwIfAborted(signal, url);
  const stall = stallWatch(options.stallTimeoutMs, url, signal);
  try {
    return await download(rawUrl, url, doFetch, stall, signal, onProgress);
  } finally {
    stall.stop();
  }
}

async function download(
  rawUrl: string,
  url: string,
  doFetch: FetchFn,
  stall: StallWatch,
  signal: AbortSignal | undefined,
  onProgress: FetchFileOptions['onProgress'],
): Promise<FetchedFile> {
  let response: Response;
  try {
    response = await untilAborted(doFetch(rawUrl, {
      // The IndexedDB store is the cache: the HTTP cache would hold a second copy of every model
      // (GBs) and would let an "offline" test pass on bytes the store never had.
      cache: 'no-store',
      // Nothing but the file's URL leaves the device: no cookies, no page address.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      // The caller's signal, or the stall timer's: either stops the request.
      signal: stall.signal,
    }), stall.signal);
  } catch (error) {
    throwIfAborted(signal, url);
    stall.throwIfStalled();
    throw new RerankerError('MODEL_FETCH_FAILED', `could not fetch ${url}`, { cause: redactCause(error) });
  }
  if (response.status === 404) {
    await discardBody(response);
    throw new RerankerError('MODEL_FILE_NOT_FOUND', `${url} does not exist (HTTP 404)`);
  }
  if (!response.ok) {
    await discardBody(response);
    throw new RerankerError('MODEL_FETCH_FAILED', `could not fetch ${url}: HTTP ${response.status}`);
  }
  stall.alive();

  const announced = announcedSize(response.headers);
  const sha256 = announcedSha256(response.headers);
  const hash = sha256 ? await streamingSha256() : undefined;
  const bytes = await readBody(response, url, announced?.size, signal, stall, (piece, loaded) => {
    stall.alive();
    hash?.update(piece);
    onProgress?.(loaded, announced?.size);
  });

  if (announced) {
    // X-Linked-Size is the file's size, so it must match exactly. Content-Length counts the bytes
    // on the wire: a body the browser decompressed (Content-Encoding is not CORS-readable) comes
    // out longer, which is fine; shorter always means the connection dropped.
    if (bytes.length < announced.size) {
      throw new RerankerError(
        'MODEL_FETCH_FAILED',
        `download of ${url} broke off: got ${bytes.length} of ${announced.size} bytes`,
      );
    }
    if (announced.exact && bytes.length !== announced.size) {
      throw new RerankerError('INTEGRITY_MISMATCH', `${url} has ${bytes.length} bytes, the server announced ${announced.size}`);
    }
  }
  if (sha256 && hash) {
    const actual = hash.hex();
    if (actual !== sha256) {
      throw new RerankerError('INTEGRITY_MISMATCH', `${url} has sha256 ${actual}, the server announced ${sha256}`);
    }
  }
  if (!announced) onProgress?.(bytes.length, bytes.length);
  return { bytes, sha256 };
}

/** The size the server announced, and whether it is the file's exact size. */
function announcedSize(headers: Headers): { size: number; exact: boolean } | undefined {
  const linked = parseSize(headers.get('X-Linked-Size'));
  if (linked !== undefined) return { size: linked, exact: true };
  const encoding = headers.get('Content-Encoding');
  const length = parseSize(headers.get('Content-Length'));
  // A compressed body's Content-Length is the compressed size: no use for the file's size.
  if (length === undefined || (encoding && encoding.toLowerCase() !== 'identity')) return undefined;
  return { size: length, exact: false };
}

function parseSize(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  const size = Number(value);
  return Number.isSafeInteger(size) ? size : undefined;
}

/**
 * The sha256 from `X-Linked-Etag`, else `ETag`, when the value (weak prefix and quotes stripped)
 * is 64 hex digits; anything else (a git sha1, an nginx `"size-mtime"`) is not a content digest.
 */
export function announcedSha256(headers: Pick<Headers, 'get'>): string | undefined {
  for (const name of ['X-Linked-Etag', 'ETag']) {
    const value = headers.get(name);
    if (value === null) continue;
    const bare = value.trim().replace(/^W\//i, '').replace(/^"(.*)"$/, '$1');
    if (/^[0-9a-f]{64}$/i.test(bare)) return bare.toLowerCase();
  }
  return undefined;
}

/**
 * Reads the whole body. With a known size it fills one preallocated buffer (no second copy of a
 * GB-sized file); without one it keeps the pieces and joins them once at the end.
 */
async function readBody(
  response: Response,
  url: string,
  size: number | undefined,
  signal: AbortSignal | undefined,
  stall: StallWatch,
  onPiece: (piece: Uint8Array, loaded: number) => void,
): Promise<Uint8Array> {
  if (!response.body) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await untilAborted(response.arrayBuffer(), stall.signal));
    } catch (error) {
      throwIfAborted(signal, url);
      stall.throwIfStalled();
      throw new RerankerError('MODEL_FETCH_FAILED', `download of ${url} broke off`, { cause: redactCause(error) });
    }
    onPiece(bytes, bytes.length);
    return bytes;
  }
  let buffer = size !== undefined ? allocate(size, url) : undefined;
  const pieces: Uint8Array[] = [];
  let loaded = 0;
  let complete = false;
  const reader = response.body.getReader();
  try {
    for (;;) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await untilAborted(reader.read(), stall.signal);
      } catch (error) {
        throwIfAborted(signal, url);
        stall.throwIfStalled();
        throw new RerankerError('MODEL_FETCH_FAILED', `download of ${url} broke off after ${loaded} bytes`, { cause: redactCause(error) });
      }
      if (result.done) {
        complete = true;
        break;
      }
      const piece: Uint8Array = result.value;
      if (buffer) {
        if (loaded + piece.length > buffer.length) {
          // More than Content-Length: a decompressed body. Fall back to collecting pieces.
          pieces.push(buffer.subarray(0, loaded));
          buffer = undefined;
        } else {
          buffer.set(piece, loaded);
        }
      }
      if (!buffer) pieces.push(piece);
      loaded += piece.length;
      onPiece(piece, loaded);
    }
  } finally {
    // Stop the transfer when we give up early (abort, failure in a callback); a stream that
    // already errored rejects cancel(), which changes nothing.
    if (!complete) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (buffer) return loaded === buffer.length ? buffer : buffer.subarray(0, loaded);
  return join(pieces, loaded, url);
}

function join(pieces: Uint8Array[], length: number, url: string): Uint8Array {
  if (pieces.length === 1 && pieces[0]?.length === length) return pieces[0];
  const out = allocate(length, url);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

function allocate(size: number, url: string): Uint8Array {
  try {
    return new Uint8Array(size);
  } catch (error) {
    // A RangeError: more than the engine can allocate (or a bogus announced size).
    throw new RerankerError('MODEL_FETCH_FAILED', `cannot hold ${url} in memory (${size} bytes)`, { cause: error });
  }
}

/**
 * The promise, or a rejection as soon as the signal fires: a `fetch` passed in by an app may ignore
 * the signal, and the download must stop all the same (the reader is then cancelled).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    // Handlers go on first: a promise left behind (a read the abort then rejects) must not
    // surface as an unhandled rejection.
    void promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

function throwIfAborted(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted) throw new RerankerError('ABORTED', `download of ${url} was aborted`, { cause: signal.reason });
}

/** Frees the connection of an error response; its body is not needed. */
async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}
