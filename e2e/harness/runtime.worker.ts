// The three-line worker file the README tells users to write, plus the run gate the lifecycle
// specs use (run-gate.protocol.ts): it wraps onnxruntime's run, reports each run to the page and,
// once armed by the page, holds the next run until released. Unarmed, runs only report.
import * as ortWasm from 'onnxruntime-web/wasm';
import * as ortWebgpu from 'onnxruntime-web/webgpu';
import { exposeReranker } from '../../packages/core/src/worker/index.js';
import { isRunGateMessage, type RunGateReport } from './run-gate.protocol.js';

let armed = false;
let release: (() => void) | undefined;
const report = (message: RunGateReport): void => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isRunGateMessage(event.data)) return;
  if (event.data.runGate === 'hold') armed = true;
  if (event.data.runGate === 'release') {
    armed = false;
    release?.();
    release = undefined;
  }
});

// The library imports one onnxruntime-web build per device (wasm or webgpu), each with its own
// copy of InferenceSession: wrap both.
for (const ort of [ortWasm, ortWebgpu]) {
  const session = (ort.InferenceSession as unknown as { prototype: { run: (...args: unknown[]) => Promise<unknown> } }).prototype;
  const run = session.run;
  session.run = async function (this: unknown, ...args: unknown[]) {
    report({ runGate: 'started' });
    if (armed) {
      armed = false; // only the next run: later ones pass
      const opened = new Promise<void>((resolve) => (release = resolve));
      report({ runGate: 'held' });
      await opened;
    }
    return run.apply(this, args);
  };
}

exposeReranker();
