import { DTYPES } from '../model/dtype.js';
import { RERANKER_KINDS } from '../model/model-kind.js';
import { isAbortSignal, isBoolean, isFunction, isObject, isString, oneOf, positiveInteger, positiveMilliseconds } from './option-checks.js';

/**
 * What each load option takes, by name, wherever it appears: Node's `loadReranker`, the browser's
 * `createReranker` and the config the page sends its worker each pick their own keys from here,
 * so `dtype: 'fp8'` or `threads: 0` is the same INVALID_OPTION in every runtime.
 * Score `defaults` are checked by the engine once the model kind is known.
 */
export const LOAD_CHECKS = {
  model: isString,
  kind: oneOf(RERANKER_KINDS),
  dtype: oneOf(['auto', ...DTYPES]),
  device: oneOf(['auto', 'webgpu', 'wasm']),
  backend: oneOf(['wasm', 'node']),
  cache: oneOf(['indexeddb', 'none']),
  threads: positiveInteger,
  host: isString,
  revision: isString,
  wasmPaths: isString,
  defaults: isObject,
  earlyExit: isBoolean,
  onWarning: isFunction,
  onProgress: isFunction,
  onEvent: isFunction,
  worker: isFunction,
  signal: isAbortSignal,
  stallTimeoutMs: positiveMilliseconds,
  q8Activations: oneOf(['per-token', 'per-tensor']),
} as const;
