// Instruments an onnxruntime module for the benchmark: the input shape of every run (so the
// tokens a system really computed, padding included, are counted from what it ran rather than
// from a copy of the engine's batching rule) and the size of the WASM heaps it allocated.
// Used by the benchmark's worker (bench.worker.ts), its page (bench.ts) and its Node runner
// (bench/node-system.ts).

/** [batch, paddedLength] of one run. */
export type RunShape = [batch: number, length: number];

interface TracedSessionClass {
  prototype: { run: (feeds: Record<string, { dims: readonly number[] }>, ...rest: unknown[]) => Promise<unknown> };
  create: (...args: unknown[]) => Promise<unknown>;
}

export interface TraceHooks {
  /** After each run (before its caller resumes), with the dims of its `input_ids` and its duration. */
  onRun?: (shape: RunShape, ms: number) => void;
  /** After each session creation (onnxruntime's InferenceSession.create alone), with its duration. */
  onCreate?: (ms: number) => void;
  /** After each run and each session creation has settled. */
  onSettled?: () => void;
}

const traced = new WeakSet<object>();

/** Wraps `InferenceSession.prototype.run` and `InferenceSession.create` of one onnxruntime module (web or node). Once per class. */
export function traceSessions(sessionClass: unknown, hooks: TraceHooks): void {
  const cls = sessionClass as TracedSessionClass;
  if (traced.has(cls)) return;
  traced.add(cls);
  const run = cls.prototype.run;
  cls.prototype.run = function (this: unknown, feeds, ...rest) {
    const dims = feeds.input_ids?.dims;
    const started = performance.now();
    return run.call(this, feeds, ...rest).finally(() => {
      if (dims && dims.length === 2) hooks.onRun?.([Number(dims[0]), Number(dims[1])], performance.now() - started);
      hooks.onSettled?.();
    });
  };
  const create = cls.create;
  cls.create = (...args: unknown[]) => {
    const started = performance.now();
    return create.apply(cls, args).finally(() => {
      hooks.onCreate?.(performance.now() - started);
      hooks.onSettled?.();
    });
  };
}

/**
 * Keeps every WebAssembly.Memory created from now on (onnxruntime-web creates its heap in JS, on
 * the first session) and returns a reader of their total size. A WASM heap never shrinks, so a
 * reading after a run is the peak so far. Install before the first session.
 */
export function trackWasmMemory(): () => number {
  const memories: WebAssembly.Memory[] = [];
  const Native = WebAssembly.Memory;
  const Tracked = function (descriptor: WebAssembly.MemoryDescriptor) {
    const memory = new Native(descriptor);
    memories.push(memory);
    return memory;
  } as unknown as typeof WebAssembly.Memory;
  Tracked.prototype = Native.prototype;
  WebAssembly.Memory = Tracked;
  return () => memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
}
