import { RerankerError } from '../errors.js';
import type { ModelSource } from './source.js';

/** The part of `fetch` this source uses, so the shared engine code needs no DOM typings. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/**
 * A model folder served over HTTP(S): `read('onnx/model.onnx')` fetches `<baseUrl>/onnx/model.onnx`.
 * Only that URL is contacted; nothing about the query or passages is ever sent.
 */
export function httpSource(baseUrl: string, fetchImpl?: FetchLike): ModelSource {
  const doFetch = fetchImpl ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!doFetch) throw new RerankerError('MODEL_FETCH_FAILED', 'this environment has no fetch; pass one to httpSource');
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    location: base,
    async read(path, options) {
      const url = base + path;
      const signal = options?.signal;
      const aborted = (error?: unknown): RerankerError => new RerankerError('ABORTED', `reading ${url} was aborted`, { cause: error ?? signal?.reason });
      if (signal?.aborted) throw aborted();
      let response: Awaited<ReturnType<FetchLike>>;
      try {
        response = await doFetch(url, signal ? { signal } : undefined);
      } catch (error) {
        if (signal?.aborted) throw aborted(error);
        throw new RerankerError('MODEL_FETCH_FAILED', `could not fetch ${url}`, { cause: error });
      }
      if (response.status === 404) throw new RerankerError('MODEL_FILE_NOT_FOUND', `${url} does not exist (HTTP 404)`);
      if (!response.ok) throw new RerankerError('MODEL_FETCH_FAILED', `could not fetch ${url}: HTTP ${response.status}`);
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (signal?.aborted) throw aborted(error);
        throw new RerankerError('MODEL_FETCH_FAILED', `download of ${url} broke off`, { cause: error });
      }
    },
  };
}
