import type { WorkerLoadConfig, RerankerInfo } from '../boundary/worker-api.js';
import { RerankerError } from '../errors.js';
import { loadModel, type AnyReranker } from '../model/load-model.js';
import type { ModelSource, ReadOptions } from '../model/source.js';
import type { RerankerEvent } from '../protocol.js';
import { deviceDefaults, planDevices } from '../shared/device-policy.js';
import { resolveModelLocation } from '../shared/model-location.js';
import { redactUrl } from '../shared/redact-url.js';
import { cachedSource } from '../store/cached-source.js';
import { createIdbModelStore } from '../store/idb-model-store.js';
import { loadPath } from '../store/load-path.js';
import type { ModelStore } from '../store/model-store.js';
import { checkWorkerLoadConfig } from './check-config.js';
import { checkStallTimeout } from '../store/stall-watch.js';
import { ortRuntime } from './ort-runtime.js';
import { prewarmRuntime } from './prewarm.js';
import { probePlatform } from './probe.js';

/**
 * Loads the model inside the worker: resolves where it lives, reads files through the IndexedDB
 * cache, then tries each (device, dtype) candidate of the device plan in order until one gives
 * a session. Every candidate passed over is reported with its reason.
 */
export async function loadInWorker(config: WorkerLoadConfig, emit: (event: RerankerEvent) => void): Promise<{ engine: AnyReranker; info: RerankerInfo }> {
  const started = performance.now();
  checkWorkerLoadConfig(config);
  const location = resolveModelLocation(config.model, config.host, config.revision);
  const stallTimeoutMs = checkStallTimeout(config.stallTimeoutMs);
  // What messages and info() show: a host or model URL may carry `user:password@`.
  const shownBaseUrl = redactUrl(location.baseUrl);
  const files: RerankerInfo['files'] = [];
  const origin = new Map<string, 'network' | 'cache'>();
  let downloadMs = 0;
  const onEvent = (event: RerankerEvent): void => {
    if (event.type === 'progress' && event.done) origin.set(event.file, event.from);
    emit(event);
  };
  const store = openStore(config, emit);
  // The first download writes the cache while the session is created; the load waits for the
  // writes at its end (below), so a model is cached once createReranker resolves.
  const cached = cachedSource({ baseUrl: location.baseUrl, key: location, store, onEvent, stallTimeoutMs, storeAlongside: loadPath().storeAlongside });
  const source = recording(
    cached,
    (path, bytes) => files.push({ path, bytes, from: origin.get(path) ?? 'network' }),
    (ms) => (downloadMs += ms),
  );

  // A model that is not there at all fails here, plainly, before any device is tried.
  await source.read('config.json').catch((error: unknown) => {
    if (error instanceof RerankerError && error.code === 'MODEL_FILE_NOT_FOUND') {
      throw new RerankerError('MODEL_FILE_NOT_FOUND', `there is no model "${redactUrl(config.model)}" here: ${shownBaseUrl}config.json does not exist (HTTP 404); check the model id, host and revision`, { cause: error });
    }
    throw error;
  });
  const probe = await probePlatform();
  const plan = planDevices(probe, config.device, config.dtype, config.threads);
  if (config.device === 'webgpu' && probe.webgpuUnavailable) {
    throw new RerankerError('WEBGPU_UNAVAILABLE', `device "webgpu" was requested but ${probe.webgpuUnavailable}`);
  }
  if (config.device === 'auto' && probe.webgpuUnavailable) {
    emit({ type: 'warning', code: 'WEBGPU_UNAVAILABLE', message: `running on WASM: ${probe.webgpuUnavailable}` });
  }
  if (plan.threadsReason) emit({ type: 'warning', code: 'THREADS_UNAVAILABLE', message: plan.threadsReason });
  if (plan.threadsCapped) emit({ type: 'warning', code: 'THREADS_CAPPED', message: plan.threadsCapped });
  const { ort, threads } = await ortRuntime(plan.build, plan.threads, config.wasmPaths);
  // onnxruntime's WebAssembly starts while the weights are read (prewarm.ts). WASM only: a WebGPU
  // candidate's start (adapter, device) is its own.
  if (loadPath().prewarm && plan.candidates[0]?.device === 'wasm') void prewarmRuntime(ort);

  const rejected = [...plan.rejected];
  for (const candidate of plan.candidates) {
    const sessionStart = performance.now();
    try {
      // loadModel's dynamic-kind overload hides the engine classes; the worker needs them back
      // (their facade), and loadModel only ever returns one of AnyReranker.
      const engine = (await loadModel(ort, source, {
        kind: config.kind,
        dtype: candidate.dtype,
        defaults: deviceDefaults(candidate.device, config.defaults),
        sessionOptions: { executionProviders: [candidate.device], graphOptimizationLevel: 'all' },
        q8Activations: config.q8Activations,
        onWarning: (warning) => emit({ type: 'warning', code: warning.code, message: warning.message }),
      })) as AnyReranker;
      const sessionMs = performance.now() - sessionStart - downloadMs;
      await cached.settled();
      emit({ type: 'device', device: candidate.device, dtype: candidate.dtype, threads, rejected });
      const info: RerankerInfo = {
        model: redactUrl(config.model), kind: engine.kind, baseUrl: shownBaseUrl, files, device: candidate.device, dtype: candidate.dtype, threads, rejected,
        timings: { downloadMs, sessionMs: Math.max(0, sessionMs), totalMs: performance.now() - started },
      };
      return { engine, info };
    } catch (error) {
      const reason = skipReason(error, candidate.device);
      if (reason === undefined) {
        await cached.settled();
        throw error;
      }
      rejected.push({ device: candidate.device, dtype: candidate.dtype, reason });
    }
  }
  await cached.settled();
  throw new RerankerError('MODEL_FILE_NOT_FOUND', `no usable model file: ${rejected.map((r) => `${r.device}/${r.dtype ?? '*'}: ${r.reason}`).join('; ')}`);
}

// A candidate is passed over when its file does not exist, or when WebGPU cannot build the
// session (an op it lacks); anything else (network, corrupt model) fails the load.
function skipReason(error: unknown, device: string): string | undefined {
  if (!(error instanceof RerankerError)) return undefined;
  if (error.code === 'MODEL_FILE_NOT_FOUND') return error.message;
  if (error.code === 'SESSION_CREATE_FAILED' && device === 'webgpu') return error.message;
  return undefined;
}

function openStore(config: WorkerLoadConfig, emit: (event: RerankerEvent) => void): ModelStore | undefined {
  if (config.cache === 'none') return undefined;
  if (typeof indexedDB === 'undefined') {
    emit({ type: 'warning', code: 'CACHE_UNAVAILABLE', message: 'IndexedDB is not available here: the model is not cached' });
    return undefined;
  }
  return createIdbModelStore();
}

// Notes which files were read and the time spent reading them. Each candidate re-reads
// config.json and the tokenizer: those small JSON files are served again from memory (the
// ONNX files are not kept: they can be hundreds of MB, and each candidate reads its own).
function recording(source: ModelSource, onFile: (path: string, bytes: number) => void, addMs: (ms: number) => void): ModelSource {
  const memo = new Map<string, Promise<Uint8Array>>();
  // Reads overlap (the weights download beside the tokenizer): count the time any read was in
  // flight, not the sum of their durations.
  let inFlight = 0;
  let since = 0;
  const read = async (path: string, options?: ReadOptions): Promise<Uint8Array> => {
    if (inFlight++ === 0) since = performance.now();
    try {
      const bytes = await source.read(path, options);
      onFile(path, bytes.byteLength);
      return bytes;
    } finally {
      if (--inFlight === 0) addMs(performance.now() - since);
    }
  };
  return {
    location: source.location,
    read(path, options) {
      if (!path.endsWith('.json')) return read(path, options);
      let pending = memo.get(path);
      if (!pending) {
        pending = read(path);
        memo.set(path, pending);
        void pending.catch(() => memo.delete(path));
      }
      return pending;
    },
  };
}
