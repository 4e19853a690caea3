// The benchmark's reranker worker: the README's three-line worker file, plus a report of the
// shape and time of every onnxruntime run and of the WASM heap's size, posted to the page beside
// comlink's own messages (comlink ignores messages without its call id), each ahead of the
// reply of the call that caused it.
// Both onnxruntime-web builds are traced: the worker runtime imports the wasm build for a
// WASM-only plan and the webgpu build otherwise (worker/ort-runtime.ts); tracing only the
// webgpu one left the WASM systems without shapes, run times or heap sizes.
import * as ortWasm from 'onnxruntime-web/wasm';
import * as ortWebgpu from 'onnxruntime-web/webgpu';
import { exposeReranker } from '../../packages/core/src/worker/index.js';
import { traceSessions, trackWasmMemory } from './bench-trace.js';

const wasmBytes = trackWasmMemory();
for (const ort of [ortWasm, ortWebgpu]) {
  traceSessions(ort.InferenceSession, {
    onRun: (shape, ms) => self.postMessage({ benchRun: shape, benchRunMs: ms }),
    onSettled: () => self.postMessage({ benchWasmBytes: wasmBytes() }),
  });
}
exposeReranker();
