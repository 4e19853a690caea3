import { RerankerError } from '../errors.js';

/**
 * Turns a scoring run that reports each finished batch into an async iterator of what it
 * reports: `start` gets a sink for items and the cancel check to give the engine. Items come
 * out in order; the iterator ends when the run does (with `final()` if the run reported
 * nothing, e.g. an empty list), throws the run's error, or throws `ABORTED` as soon as `signal`
 * fires (items already yielded stay the caller's). Leaving the loop early (or an abort) makes
 * `isCancelled` true and calls `stop`, so the run ends at its next batch.
 *
 * @example
 * for await (const partial of streamBatches(signal, (sink, isCancelled) => run(sink, isCancelled), () => [])) show(partial);
 */
export async function* streamBatches<T>(
  signal: AbortSignal | undefined,
  start: (sink: (item: T) => void, isCancelled: () => boolean) => Promise<unknown>,
  final: () => T,
  stop?: () => void,
): AsyncGenerator<T, void, undefined> {
  const queue: T[] = [];
  let wake: () => void = () => undefined;
  let stopped = false;
  let outcome: { error: unknown } | 'done' | undefined;
  const onAbort = (): void => wake();
  signal?.addEventListener('abort', onAbort);
  const run = start((item) => {
    queue.push(item);
    wake();
  }, () => stopped || signal?.aborted === true);
  void run.then(() => (outcome = 'done'), (error: unknown) => (outcome = { error })).finally(() => wake());
  let yielded = false;
  try {
    for (;;) {
      if (signal?.aborted) throw new RerankerError('ABORTED', 'the call was aborted', { cause: signal.reason });
      const next = queue.shift();
      if (next !== undefined) {
        yielded = true;
        yield next;
        continue;
      }
      if (outcome === 'done') break;
      if (outcome !== undefined) throw outcome.error;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (!yielded) yield final();
  } finally {
    stopped = true;
    signal?.removeEventListener('abort', onAbort);
    if (outcome === undefined) stop?.();
  }
}
