import { expose } from 'comlink';
import { installErrorTransfer } from '../boundary/error-transfer.js';
import { reportIfOrtThread } from './ort-thread-guard.js';
import { WorkerEngine } from './worker-engine.js';

/**
 * Serves the reranker from this worker: call it from your worker file. With a bundler that
 * understands `new Worker(new URL(…), { type: 'module' })` (Vite, webpack 5), the file is:
 *
 * @example
 * // reranker.worker.ts
 * import { exposeReranker } from '@webrerank/core/worker';
 * exposeReranker();
 */
export function exposeReranker(): void {
  // A thread of onnxruntime's that a misconfigured bundle started from this file: serve nothing.
  if (reportIfOrtThread()) return;
  installErrorTransfer();
  expose(new WorkerEngine());
}
