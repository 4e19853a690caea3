import { DTYPES } from './dtype.js';
import type { LoadModelOptions } from './load-model.js';
import { LOAD_CHECKS } from '../shared/load-checks.js';
import { checkOptions, isObject, isString, oneOf, type OptionChecks } from '../shared/option-checks.js';

const { dtype, defaults, kind, onWarning, earlyExit, q8Activations } = LOAD_CHECKS;
// Every option of loadModel / loadCrossEncoder (the runtime-neutral loaders).
const MODEL_LOAD_CHECKS: OptionChecks<LoadModelOptions> = {
  dtype, defaults, kind, onWarning, earlyExit, q8Activations,
  fallbackDtype: oneOf(DTYPES),
  sessionOptions: isObject,
  modelInput: oneOf(['bytes', 'path']),
  externalDataUnsupported: isString,
};

/**
 * Checks the options of `loadModel` and `loadCrossEncoder` (INVALID_OPTION for an unknown key or
 * a wrong value), with the same checks as `loadReranker` and `createReranker`.
 */
export function checkModelLoadOptions(options: unknown, what: string): void {
  checkOptions<LoadModelOptions>(options, MODEL_LOAD_CHECKS, what);
}
