// Messages of the run gate between the runtime harness page (runtime.ts) and its worker
// (runtime.worker.ts), beside comlink's own (comlink ignores messages without its call id).
// The gate lets a spec stop the worker inside an onnxruntime run and act while the call is
// certainly in flight (kill the worker, abort the call), instead of sleeping and hoping.

/** Page → worker: `hold` the next run until `release`. */
export type RunGateCommand = { runGate: 'hold' } | { runGate: 'release' };

/** Worker → page: a run began and waits at the gate (`held`), or a run began (`started`). */
export type RunGateReport = { runGate: 'held' } | { runGate: 'started' };

export function isRunGateMessage(data: unknown): data is RunGateCommand | RunGateReport {
  return typeof data === 'object' && data !== null && 'runGate' in data;
}
