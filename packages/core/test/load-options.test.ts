import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { EngineWarning } from '../src/api.js';
import { RerankerError, type RerankerErrorCode } from '../src/errors.js';
import { loadCrossEncoder } from '../src/model/load-cross-encoder.js';
import { loadModel } from '../src/model/load-model.js';
import type { LoadModelOptions } from '../src/model/loader-options.js';
import { fsSource } from '../src/node/fs-source.js';
import { loadReranker, type NodeLoadOptions } from '../src/node/load-node.js';
import { capThreads, MAX_THREADS } from '../src/shared/threads.js';
import { REFERENCE_DIR } from './helpers/reference.js';

const MODEL = `${REFERENCE_DIR}xlmr-tiny`;

async function codeOf(promise: Promise<unknown>): Promise<RerankerErrorCode | 'resolved'> {
  try {
    const reranker = (await promise) as { dispose(): Promise<void> };
    await reranker.dispose();
    return 'resolved';
  } catch (error) {
    // Not a TypeError or RangeError from deep inside: a RerankerError with its code.
    expect(error).toBeInstanceOf(RerankerError);
    return (error as RerankerError).code;
  }
}

// Untyped callers (plain JS, JSON config) reach loadReranker past the types: cast them through.
const load = (model: unknown, options?: unknown): Promise<unknown> => loadReranker(model as string, options as NodeLoadOptions);

describe('loadReranker checks its arguments before loading anything', () => {
  it.each<[string, unknown, unknown]>([
    ['a model that is a number', 5, undefined],
    ['a model that is an empty string', '', undefined],
    ['options that are a number', MODEL, 5],
    ['an unknown (typo\'d) option', MODEL, { thread: 2 }],
    ['an unknown backend', MODEL, { backend: 'gpu' }],
    ['a device option (browser only)', MODEL, { device: 'wasm' }],
    ['an unknown dtype', MODEL, { dtype: 'fp8' }],
    ['a dtype that is not a string', MODEL, { dtype: 16 }],
    ['an unknown kind', MODEL, { kind: 'bi-encoder' }],
    ['threads zero', MODEL, { threads: 0 }],
    ['threads negative', MODEL, { threads: -4 }],
    ['threads fractional', MODEL, { threads: 1.5 }],
    ['threads a string', MODEL, { threads: '2' }],
    ['threads NaN', MODEL, { threads: Number.NaN }],
    ['earlyExit a string', MODEL, { earlyExit: 'no' }],
    ['onWarning not a function', MODEL, { onWarning: 'console' }],
    ['defaults that are not an object', MODEL, { defaults: 3 }],
    ['defaults with an unknown score option', MODEL, { defaults: { maxlength: 64 } }],
    ['defaults with a bad batch size', MODEL, { defaults: { batchSize: 0 } }],
    ['defaults with an option of another kind', MODEL, { defaults: { prompt: 'Yes?' } }],
  ])('INVALID_OPTION: %s', async (_what, model, options) => {
    expect(await codeOf(load(model, options))).toBe('INVALID_OPTION');
  });

  it('undefined options count as not given', async () => {
    expect(await codeOf(load(MODEL, { threads: undefined, backend: undefined, dtype: 'fp32' }))).toBe('resolved');
  });
});

describe('loadModel and loadCrossEncoder check their options too', () => {
  it.each<[string, unknown]>([
    ['an unknown (typo\'d) option', { dtyp: 'fp32' }],
    ['a bad fallbackDtype', { fallbackDtype: 'auto' }],
    ['a bad modelInput', { modelInput: 'url' }],
    ['options that are a string', 'fp32'],
  ])('INVALID_OPTION: %s', async (_what, options) => {
    const ort = await import('onnxruntime-web');
    expect(await codeOf(loadModel(ort, fsSource(MODEL), options as LoadModelOptions))).toBe('INVALID_OPTION');
    expect(await codeOf(loadCrossEncoder(ort, fsSource(MODEL), options as LoadModelOptions))).toBe('INVALID_OPTION');
  });
});

describe('threads', () => {
  it('are capped at the cores (and at most 64), with the warning to report', () => {
    expect(capThreads(4, 8)).toEqual({ threads: 4, warning: undefined });
    expect(capThreads(100_000, 8).threads).toBe(8);
    expect(capThreads(100_000, 8).warning).toMatch(/threads 100000/);
    expect(capThreads(1000, 512).threads).toBe(MAX_THREADS);
    expect(capThreads(3, 0).threads).toBe(1);
  });

  it('loadReranker caps more threads than cores with a THREADS_CAPPED warning, and scores', async () => {
    const warnings: EngineWarning[] = [];
    const reranker = await loadReranker(MODEL, { dtype: 'fp32', threads: 100_000, onWarning: (w) => warnings.push(w) });
    try {
      expect(warnings).toEqual([expect.objectContaining({ code: 'THREADS_CAPPED' })]);
      const ort = await import('onnxruntime-web');
      expect(ort.env.wasm.numThreads).toBe(Math.min(availableParallelism(), MAX_THREADS));
      expect(await reranker.computeScore([['what is panda?', 'hi']])).toHaveLength(1);
    } finally {
      await reranker.dispose();
    }
  });
});
