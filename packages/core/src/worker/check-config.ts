import type { WorkerLoadConfig } from '../boundary/worker-api.js';
import { RerankerError } from '../errors.js';
import { LOAD_CHECKS } from '../shared/load-checks.js';
import { checkOptions, type OptionChecks } from '../shared/option-checks.js';

const { model, kind, host, revision, device, dtype, threads, cache, defaults, wasmPaths, stallTimeoutMs, q8Activations } = LOAD_CHECKS;
const CONFIG_CHECKS: OptionChecks<WorkerLoadConfig> = { model, kind, host, revision, device, dtype, threads, cache, defaults, wasmPaths, stallTimeoutMs, q8Activations };

/**
 * Checks the load config again in the worker, with the same checks as the page: it arrives by
 * structured clone, and a page using the worker API directly is not held to createReranker's.
 */
export function checkWorkerLoadConfig(config: unknown): asserts config is WorkerLoadConfig {
  if (config === undefined) throw new RerankerError('INVALID_OPTION', 'the worker load config is missing');
  checkOptions<WorkerLoadConfig>(config, CONFIG_CHECKS, 'the worker load config');
}
