import { describe } from '../engine/resolve-options.js';
import { RerankerError } from '../errors.js';

/** Checks one option's value (never `undefined`: not given is always fine); throws INVALID_OPTION. */
export type OptionCheck = (value: unknown, name: string) => void;

/**
 * One check per option of an options type: a `Required<>` mapped type, so an option added to the
 * interface without a check is a compile error rather than a key refused at run time.
 */
export type OptionChecks<T> = { readonly [K in keyof Required<T>]: OptionCheck };

/**
 * Checks an options object against its table: it must be a plain object (or undefined), every
 * key must be known (a typo'd key is an error, not an option silently ignored) and every value
 * given must pass its check. `undefined` values count as not given, as for any optional property.
 * The load options of Node's `loadReranker`, the browser's `createReranker` and the worker's
 * load config all go through here, so the same mistake gets the same code everywhere.
 *
 * @example
 * checkOptions({ threads: 'x' }, { threads: positiveInteger }, 'loadReranker options'); // throws INVALID_OPTION
 */
export function checkOptions<T>(options: unknown, checks: OptionChecks<T>, what: string): asserts options is T | undefined {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RerankerError('INVALID_OPTION', `${what} must be an object, got ${describe(options)}`);
  }
  const table = checks as Record<string, OptionCheck>;
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(table, key)) {
      throw new RerankerError('INVALID_OPTION', `unknown option "${key}" in ${what} (known: ${Object.keys(table).join(', ')})`);
    }
    if (value !== undefined) table[key]?.(value, key);
  }
}

/** One of the listed strings. */
export function oneOf(values: readonly string[]): OptionCheck {
  return (value, name) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      throw new RerankerError('INVALID_OPTION', `${name} must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${shown(value)}`);
    }
  };
}

/** An integer of at least 1 (thread counts). */
export const positiveInteger: OptionCheck = (value, name) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RerankerError('INVALID_OPTION', `${name} must be an integer of at least 1, got ${describe(value)}`);
  }
};

/** A positive number of milliseconds; `Infinity` means never (timeouts). */
export const positiveMilliseconds: OptionCheck = (value, name) => {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new RerankerError('INVALID_OPTION', `${name} must be a positive number of milliseconds (Infinity: never), got ${describe(value)}`);
  }
};

export const isString: OptionCheck = (value, name) => {
  if (typeof value !== 'string') throw new RerankerError('INVALID_OPTION', `${name} must be a string, got ${describe(value)}`);
};

export const isBoolean: OptionCheck = (value, name) => {
  if (typeof value !== 'boolean') throw new RerankerError('INVALID_OPTION', `${name} must be a boolean, got ${describe(value)}`);
};

export const isFunction: OptionCheck = (value, name) => {
  if (typeof value !== 'function') throw new RerankerError('INVALID_OPTION', `${name} must be a function, got ${describe(value)}`);
};

/** A plain object; its keys are checked where it is used (score options by the engine). */
export const isObject: OptionCheck = (value, name) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RerankerError('INVALID_OPTION', `${name} must be an object, got ${describe(value)}`);
  }
};

/** An AbortSignal, told by its shape (Node and the page each have their own class). */
export const isAbortSignal: OptionCheck = (value, name) => {
  const signal = value as { aborted?: unknown; addEventListener?: unknown } | null;
  if (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw new RerankerError('INVALID_OPTION', `${name} must be an AbortSignal, got ${describe(value)}`);
  }
};

// Option values are the caller's settings, not their text: short strings are shown as given.
function shown(value: unknown): string {
  return typeof value === 'string' && value.length <= 40 ? JSON.stringify(value) : describe(value);
}
