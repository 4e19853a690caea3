import { RerankerError } from '../errors.js';
import { LOAD_CHECKS } from '../shared/load-checks.js';
import { resolveModelLocation } from '../shared/model-location.js';
import { checkOptions, type OptionChecks } from '../shared/option-checks.js';
import type { CreateRerankerOptions } from './create-options.js';

// Every option of createReranker (score `defaults` are checked by the engine in the worker).
const { model, kind, host, revision, device, dtype, threads, cache, defaults, onProgress, onEvent, signal, worker, wasmPaths, stallTimeoutMs, q8Activations } = LOAD_CHECKS;
const CREATE_CHECKS: OptionChecks<CreateRerankerOptions> = {
  model, kind, host, revision, device, dtype, threads, cache, defaults, onProgress, onEvent, signal, worker, wasmPaths, stallTimeoutMs, q8Activations,
};

/**
 * Checks `createReranker`'s options in the page, before a worker is started: unknown keys, wrong
 * types and values, and where the model would come from (hub id, host, revision) are
 * INVALID_OPTION at once. The worker checks its load config again (see worker/load-in-worker.ts).
 */
export function checkCreateOptions(options: unknown): asserts options is CreateRerankerOptions {
  if (options === undefined) throw new RerankerError('INVALID_OPTION', 'createReranker takes an options object with at least a model');
  checkOptions<CreateRerankerOptions>(options, CREATE_CHECKS, 'createReranker options');
  const o = options as CreateRerankerOptions;
  resolveModelLocation(o.model, o.host, o.revision);
}
