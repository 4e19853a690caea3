import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from '../boundary/worker-api.js';
import { RerankerError } from '../errors.js';

/** One started worker: its comlink remote, and a promise that settles when the worker dies. */
export interface WorkerConnection {
  remote: Remote<WorkerApi>;
  /** Resolves with the reason once the worker is gone (terminated, crashed, failed to start). */
  died: Promise<RerankerError>;
  terminate(): void;
}

let sequence = 0;

/**
 * Starts a worker and learns when it dies. A terminated or crashed worker fires no event on
 * the page (comlink issues #601, #692: its pending calls would hang forever), so the worker
 * holds a Web Lock for its whole life and the page queues for the same lock: the page is
 * granted it exactly when the worker is gone. An `error` event before the handshake (a worker
 * script that fails to load) counts as death too.
 */
export async function connectWorker(createWorker: () => Worker): Promise<WorkerConnection> {
  const worker = createWorker();
  const lockName = `webrerank-worker-${Date.now().toString(36)}-${(sequence++).toString(36)}-${Math.random().toString(36).slice(2)}`;
  let markDead: (reason: RerankerError) => void = () => undefined;
  const died = new Promise<RerankerError>((resolve) => (markDead = resolve));
  let terminatedByUs = false;

  const onError = (event: ErrorEvent): void => {
    markDead(new RerankerError('WORKER_CRASHED', `the reranker worker failed: ${event.message || 'it could not start'}`));
  };
  worker.addEventListener('error', onError);
  const remote = wrap<WorkerApi>(worker);
  await Promise.race([remote.hello(lockName), died.then((reason) => Promise.reject(reason))]);
  worker.removeEventListener('error', onError);

  void navigator.locks.request(lockName, () => {
    markDead(new RerankerError(
      terminatedByUs ? 'DISPOSED' : 'WORKER_CRASHED',
      terminatedByUs ? 'the reranker worker was stopped' : 'the reranker worker died (terminated or crashed)',
    ));
  });
  return {
    remote,
    died,
    terminate() {
      terminatedByUs = true;
      worker.terminate();
    },
  };
}
