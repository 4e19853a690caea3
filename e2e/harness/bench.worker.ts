// The benchmark's reranker worker: the README's three-line worker file, plus a report of the
// shape and time of every onnxruntime run and of the WASM heap's size, posted to the page beside
// comlink's own messages (comlink ignores messages without its call id), each ahead of the
// reply of the call that caused it.
// Both onnxruntime-web builds are traced: the worker runtime imports the wasm build for a
// WASM-only plan and the webgpu build otherwise (worker/ort-runtime.ts); each bundles its own
// onnxruntime-common, hence its own InferenceSession.
import * as ortWasm from 'onnxruntime-web/wasm';
import * as ortWebgpu from 'onnxruntime-web/webgpu';
import { useLoadPath, type LoadPath } from '../../packages/core/src/store/load-path.js';
import { exposeReranker } from '../../packages/core/src/worker/index.js';
import { traceSessions, trackWasmMemory } from './bench-trace.js';

// `pnpm bench --load` names the worker after the loading path it measures (a JSON LoadPath:
// the old or the new way of hashing, storing and reading, see load-path.ts).
if (self.name.startsWith('{')) useLoadPath(JSON.parse(self.name) as Partial<LoadPath>);

const wasmBytes = trackWasmMemory();
for (const ort of [ortWasm, ortWebgpu]) {
  traceSessions(ort.InferenceSession, {
    onRun: (shape, ms) => self.postMessage({ benchRun: shape, benchRunMs: ms }),
    onCreate: (ms) => self.postMessage({ benchCreateMs: ms }),
    onSettled: () => self.postMessage({ benchWasmBytes: wasmBytes() }),
  });
}
exposeReranker();
