// The benchmark's reranker worker: the README's three-line worker file, plus a report of the
// shape and time of every onnxruntime run and of the WASM heap's size, posted to the page beside
// comlink's own messages (comlink ignores messages without its call id), each ahead of the
// reply of the call that caused it.
import * as ort from 'onnxruntime-web/webgpu';
import { exposeReranker } from '../../packages/core/src/worker/index.js';
import { traceSessions, trackWasmMemory } from './bench-trace.js';

const wasmBytes = trackWasmMemory();
traceSessions(ort.InferenceSession, {
  onRun: (shape, ms) => self.postMessage({ benchRun: shape, benchRunMs: ms }),
  onSettled: () => self.postMessage({ benchWasmBytes: wasmBytes() }),
});
exposeReranker();
