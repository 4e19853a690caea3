import { RerankerError } from '../errors.js';

// onnxruntime-web starts each WASM thread as `new Worker(<the URL of its own module>,
// { type: 'module', name: 'em-pthread…' })`. Bundled as an ES module worker (Vite's
// `worker.format: 'es'`, webpack 5), its module is its own chunk and the thread runs it. Bundled
// as one classic script (Vite's default, 'iife'), onnxruntime is inlined into this worker's file,
// so every thread starts *this* file, which never hands over to onnxruntime: the session waits
// for its threads forever. The thread says so on this channel and the load fails with the fix.
const CHANNEL = 'webrerank-ort-thread-guard';

const MISBUNDLED =
  "onnxruntime's WASM threads cannot start: the reranker worker was bundled as a classic script " +
  "(Vite's default worker.format 'iife'), so each thread runs the reranker's worker file instead of onnxruntime. " +
  "Set `worker: { format: 'es' }` in vite.config (or use threads: 1)";

/** True in a thread onnxruntime started from this file; it reports and the caller stops there. */
export function reportIfOrtThread(): boolean {
  if (typeof self === 'undefined' || !self.name?.startsWith('em-pthread')) return false;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('misbundled');
  channel.close();
  return true;
}

/**
 * Runs `load`, failing it with SESSION_CREATE_FAILED as soon as one of onnxruntime's threads
 * reports that it started from this file instead of hanging with it.
 */
export async function guardOrtThreads<T>(load: Promise<T>): Promise<T> {
  if (typeof BroadcastChannel === 'undefined') return load;
  const channel = new BroadcastChannel(CHANNEL);
  try {
    return await Promise.race([
      load,
      new Promise<never>((_, reject) => {
        channel.onmessage = () => reject(new RerankerError('SESSION_CREATE_FAILED', MISBUNDLED));
      }),
    ]);
  } finally {
    channel.close();
  }
}
