import { RerankerError } from '../errors.js';

/**
 * Rejects when the signal aborts (at once if it already has), with `ABORTED`. The returned
 * `cleanup` removes the listener so long-lived signals do not collect closures.
 */
export function abortPromise(signal: AbortSignal | undefined): { promise: Promise<never>; cleanup: () => void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), cleanup: () => undefined };
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RerankerError('ABORTED', 'the call was aborted', { cause: signal.reason }));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, cleanup: () => signal.removeEventListener('abort', onAbort) };
}

/** Maps what the structured clone refuses (a function or signal inside options) to our code. */
export function asCloneError(error: unknown): unknown {
  if (error instanceof DOMException && error.name === 'DataCloneError') {
    return new RerankerError('INVALID_OPTION', `options must be plain data: ${error.message}`, { cause: error });
  }
  return error;
}
