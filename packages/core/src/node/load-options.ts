import { availableParallelism } from 'node:os';
import type { EngineWarning } from '../api.js';
import { RerankerError } from '../errors.js';
import { LOAD_CHECKS } from '../shared/load-checks.js';
import { checkOptions, type OptionChecks } from '../shared/option-checks.js';
import { capThreads } from '../shared/threads.js';
import type { NodeLoadOptions } from './load-node.js';

// Every option of loadReranker (score `defaults` are checked by the engine).
const { backend, dtype, threads, defaults, kind, onWarning, earlyExit, signal, stallTimeoutMs, q8Activations } = LOAD_CHECKS;
const NODE_LOAD_CHECKS: OptionChecks<NodeLoadOptions> = { backend, dtype, threads, defaults, kind, onWarning, earlyExit, signal, stallTimeoutMs, q8Activations };

/**
 * Checks `loadReranker`'s arguments before anything is read: the model must be a folder path or
 * URL string and every option known and of the right type (INVALID_OPTION otherwise, where an
 * untyped TypeError or a silently ignored typo came out before).
 */
export function checkNodeLoad(model: unknown, options: unknown): asserts options is NodeLoadOptions | undefined {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new RerankerError('INVALID_OPTION', `loadReranker takes a model folder or an http(s) URL as a string, got ${typeof model === 'string' ? 'an empty string' : typeof model}`);
  }
  checkOptions(options, NODE_LOAD_CHECKS, 'loadReranker options');
}

/** The WASM thread count: the one asked for (default 1), capped at the cores with a THREADS_CAPPED warning. */
export function nodeThreads(requested: number | undefined, onWarning: ((warning: EngineWarning) => void) | undefined): number {
  const { threads, warning } = capThreads(requested ?? 1, availableParallelism());
  if (warning) onWarning?.({ code: 'THREADS_CAPPED', message: warning });
  return threads;
}
