/**
 * Resolves on a later turn of the event loop (a timer, not a microtask). onnxruntime-web's WASM
 * runs in the calling thread, and its session.run resolves through microtasks only, so a loop of
 * computeScore calls never lets the event loop poll: a Ctrl-C (SIGINT handler), a timer or a
 * message that would abort the loop waits until the whole loop ends. Awaiting this between
 * queries lets them in.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, 0); });
}
