// The page's handle on Search mode's indexing worker (search/worker/worker.ts). It owns the
// Worker: every call settles, a worker that dies rejects what is pending with WORKER_CRASHED, and
// the next call starts a new one (which reads the stored corpus again).
import { RerankerError, type RerankerErrorCode } from '@webrerank/core';
import type { Answer, Envelope, Replies, SearchRequest } from './protocol.js';

interface Pending {
  resolve: (reply: Replies[SearchRequest['type']]) => void;
  reject: (error: Error) => void;
}

export class SearchClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Sends one request; the reply's type follows the request's tag. */
  call<T extends SearchRequest>(request: T): Promise<Replies[T['type']]> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Replies[T['type']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      worker.postMessage({ id, request } satisfies Envelope);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'webrerank-search' });
    worker.addEventListener('message', (event: MessageEvent<Answer>) => {
      const answer = event.data;
      const pending = this.pending.get(answer.id);
      if (!pending) return;
      this.pending.delete(answer.id);
      if (answer.ok) pending.resolve(answer.reply);
      else pending.reject(new RerankerError(answer.error.code as RerankerErrorCode, answer.error.message));
    });
    const crashed = (event: Event): void => {
      const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
      this.crash(new RerankerError('WORKER_CRASHED', `the search worker stopped${detail}`));
    };
    worker.addEventListener('error', crashed);
    worker.addEventListener('messageerror', crashed);
    this.worker = worker;
    return worker;
  }

  private crash(error: RerankerError): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
