/**
 * Resolves on a later turn of the event loop (a macrotask, not a microtask). onnxruntime-web's
 * WASM on one thread runs in the calling thread, and its session.run resolves through microtasks
 * only, so a loop of batches never lets the event loop poll: an AbortSignal.timeout, a Ctrl-C
 * (SIGINT handler) or the page's abort message arriving at a worker would wait until the whole
 * call ends. Awaiting this between batches (and between eval queries) lets them in.
 *
 * setImmediate in Node and a MessageChannel message elsewhere: both are one macrotask without
 * setTimeout's 4 ms clamp (browsers clamp nested timers), so a batch loses next to nothing.
 */
export function nextTurn(): Promise<void> {
  const scope = globalThis as unknown as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: new () => { port1: MessagePortLike; port2: MessagePortLike };
  };
  return new Promise((resolve) => {
    if (scope.setImmediate) {
      scope.setImmediate(resolve);
    } else if (scope.MessageChannel) {
      const channel = new scope.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

interface MessagePortLike {
  onmessage: (() => void) | null;
  postMessage(message: null): void;
  close(): void;
}
