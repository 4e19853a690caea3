import { throwIfAborted } from '../shared/abort.js';
import type { ModelSource } from './source.js';

/**
 * The source with a load-wide signal added to every read (beside the read's own): when it fires,
 * reads in flight stop (a download is cancelled, its connection closed) and new ones reject
 * with `ABORTED`.
 *
 * @example
 * const source = withSignal(httpSource(url), controller.signal);
 */
export function withSignal(source: ModelSource, signal: AbortSignal | undefined): ModelSource {
  if (!signal) return source;
  const wrapped: ModelSource = {
    location: source.location,
    read(path, options) {
      throwIfAborted(signal, `reading ${path}`);
      const both = options?.signal ? AbortSignal.any([signal, options.signal]) : signal;
      return source.read(path, { ...options, signal: both });
    },
  };
  if (source.localPath) {
    const localPath = source.localPath.bind(source);
    wrapped.localPath = (path) => localPath(path);
  }
  return wrapped;
}
