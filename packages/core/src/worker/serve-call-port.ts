import type { CallOptions } from '../api.js';
import type { PageToWorkerCallMessage, WorkerToPageCallMessage } from '../boundary/call-port-messages.js';

/**
 * Runs one call with what the page's port carries: an abort from the page aborts the signal the
 * call gets, and each finished batch goes back as a `progress` message. Options that are not an
 * object pass untouched, for the facade to refuse, and so does a `signal` or `onProgress` the page
 * left in (it sends only real ones by port), for the facade to refuse too. The port says `end` and closes when the call
 * settles, after every message of the call (one port keeps their order).
 */
export async function withCallPort<O extends CallOptions, T>(
  options: O | undefined,
  port: MessagePort | undefined,
  call: (options: O | undefined, post: (message: WorkerToPageCallMessage) => void) => Promise<T>,
): Promise<T> {
  if (!port) return call(options, () => undefined);
  const controller = new AbortController();
  port.onmessage = (event: MessageEvent<PageToWorkerCallMessage>) => {
    if (event.data.type === 'abort') controller.abort();
  };
  const post = (message: WorkerToPageCallMessage): void => port.postMessage(message);
  const steered = steer(options ?? ({} as O), controller.signal, (p) => post({ type: 'progress', ...p }));
  try {
    return await call(steered, post);
  } finally {
    post({ type: 'end' });
    port.close();
  }
}

function steer<O extends CallOptions>(options: O, signal: AbortSignal, onProgress: NonNullable<CallOptions['onProgress']>): O {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return options;
  return { ...options, ...('signal' in options ? {} : { signal }), ...('onProgress' in options ? {} : { onProgress }) };
}
