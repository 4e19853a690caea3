import { RerankerError } from '../errors.js';
import { redactUrl } from '../shared/redact-url.js';
import { assertDownloadedFile } from '../store/check-file.js';
import { fetchFile, type FetchFn } from '../store/fetch-file.js';
import type { ModelSource } from './source.js';

/**
 * The `fetch` an httpSource calls: the platform's (Node 18+, browsers) or an app's. It gets the
 * URL and a `RequestInit` (`signal`, no credentials, no cache) and must give a Fetch API
 * `Response` (status, headers, streamed body).
 */
export type FetchLike = FetchFn;

/** Options of `httpSource`. */
export interface HttpSourceOptions {
  /** A download that receives nothing for this long fails with `MODEL_FETCH_FAILED`. Default 30 000 ms. */
  stallTimeoutMs?: number;
}

/**
 * A model folder served over HTTP(S): `read('onnx/model.onnx')` fetches `<baseUrl>/onnx/model.onnx`.
 * Only that URL is contacted; nothing about the query or passages is ever sent. Every file is
 * verified as the browser's cache verifies it (one shared `fetchFile`): the size and sha256 the
 * host announces (`INTEGRITY_MISMATCH`), and that a JSON or ONNX file looks like one.
 *
 * @example
 * const source = httpSource('https://huggingface.co/onnx-community/bge-reranker-base-ONNX/resolve/main/');
 */
export function httpSource(baseUrl: string, fetchImpl?: FetchLike, options: HttpSourceOptions = {}): ModelSource {
  const doFetch = fetchImpl ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!doFetch) throw new RerankerError('MODEL_FETCH_FAILED', 'this environment has no fetch; pass one to httpSource');
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    location: redactUrl(base),
    async read(path, readOptions) {
      const { bytes } = await fetchFile(base + path, {
        fetch: doFetch,
        ...(readOptions?.signal ? { signal: readOptions.signal } : {}),
        ...(options.stallTimeoutMs !== undefined ? { stallTimeoutMs: options.stallTimeoutMs } : {}),
      });
      assertDownloadedFile(path, bytes, redactUrl(base + path));
      return bytes;
    },
  };
}
