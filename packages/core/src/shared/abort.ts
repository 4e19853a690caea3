import { RerankerError } from '../errors.js';

/** Throws `ABORTED` (with the signal's reason as cause) when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new RerankerError('ABORTED', `${what} was aborted`, { cause: signal.reason });
}

/**
 * `work`, or `ABORTED` as soon as the signal fires, whichever comes first: the caller is answered
 * at once, as in the browser, while the work stops at its next check (between batches, between
 * reads). A result that arrives after the abort is handed to `discard` (a loaded model is released).
 *
 * @example
 * const reranker = await raceAbort(loadModel(ort, source), signal, 'loading', (r) => void r.dispose());
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, what: string, discard?: (late: T) => void): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      reject(new RerankerError('ABORTED', `${what} was aborted`, { cause: signal.reason }));
    };
    void work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) discard?.(value);
        else {
          settled = true;
          resolve(value);
        }
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return; // already answered ABORTED; the work's own failure is moot
        settled = true;
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The `signal` option: undefined, or an AbortSignal; anything else is `INVALID_OPTION`. */
export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !isAbortSignal(signal)) throw new RerankerError('INVALID_OPTION', 'signal must be an AbortSignal');
  return signal;
}

/** Whether `value` is an AbortSignal (duck-typed: a polyfill or another realm's signal counts). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  const signal = value as Partial<AbortSignal> | null;
  return typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function';
}
