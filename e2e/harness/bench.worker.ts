// The benchmark's reranker worker: the README's three-line worker file, plus a report of the
// shape and time of every onnxruntime run and of the WASM heap's size, posted to the page beside
// comlink's own messages (comlink ignores messages without its call id), each ahead of the
// reply of the call that caused it.
import * as ort from 'onnxruntime-web/webgpu';
import * as ortWasm from 'onnxruntime-web/wasm';
import { useLoadPath, type LoadPath } from '../../packages/core/src/store/load-path.js';
import { exposeReranker } from '../../packages/core/src/worker/index.js';
import { traceSessions, trackWasmMemory } from './bench-trace.js';

// `pnpm bench --load` names the worker after the loading path it measures (a JSON LoadPath:
// the old or the new way of hashing, storing and reading, see load-path.ts).
if (self.name.startsWith('{')) useLoadPath(JSON.parse(self.name) as Partial<LoadPath>);

const wasmBytes = trackWasmMemory();
// Both builds: each bundles its own onnxruntime-common, hence its own InferenceSession, and the
// worker loads the `wasm` build for device 'wasm' (packages/core/src/worker/ort-runtime.ts).
for (const session of [ort.InferenceSession, ortWasm.InferenceSession]) {
  traceSessions(session, {
    onRun: (shape, ms) => self.postMessage({ benchRun: shape, benchRunMs: ms }),
    onCreate: (ms) => self.postMessage({ benchCreateMs: ms }),
    onSettled: () => self.postMessage({ benchWasmBytes: wasmBytes() }),
  });
}
exposeReranker();
