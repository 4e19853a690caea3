import type { ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';

/** Every option of a call, with the defaults filled in and checked. */
export interface ResolvedOptions {
  normalize: boolean;
  batchSize: number;
  maxBatchTokens: number;
  maxLength: number;
  queryMaxLength: number;
  queryInstruction: string | undefined;
  queryInstructionFormat: string;
  passageInstruction: string | undefined;
  passageInstructionFormat: string;
}

/** FlagReranker's defaults, plus our token budget (FlagEmbedding has none: it relies on CUDA OOM retries). */
export const DEFAULT_OPTIONS = {
  normalize: false,
  batchSize: 128,
  maxBatchTokens: 8192,
  maxLength: 512,
  queryInstructionFormat: '{}{}',
  passageInstructionFormat: '{}{}',
} as const;

const KNOWN_KEYS = new Set<string>([
  'normalize', 'batchSize', 'maxBatchTokens', 'maxLength', 'queryMaxLength',
  'queryInstruction', 'queryInstructionFormat', 'passageInstruction', 'passageInstructionFormat',
]);

/**
 * Merges call options over the reranker's defaults and validates them.
 * `minMaxLength` is the smallest pair budget the tokenizer's template allows (its special tokens
 * plus one real token); a typo'd key is an error rather than a silently ignored option.
 */
export function resolveOptions(
  defaults: ScoreOptions | undefined,
  call: ScoreOptions | undefined,
  minMaxLength: number,
): ResolvedOptions {
  checkShape(defaults, 'reranker options');
  checkShape(call, 'computeScore options');
  const merged: ScoreOptions = { ...defaults, ...stripUndefined(call) };

  const maxLength = integer(merged.maxLength ?? DEFAULT_OPTIONS.maxLength, 'maxLength', minMaxLength);
  const queryMaxLength = integer(merged.queryMaxLength ?? Math.floor((maxLength * 3) / 4), 'queryMaxLength', 1);
  return {
    normalize: boolean(merged.normalize ?? DEFAULT_OPTIONS.normalize, 'normalize'),
    batchSize: integer(merged.batchSize ?? DEFAULT_OPTIONS.batchSize, 'batchSize', 1),
    maxBatchTokens: integer(merged.maxBatchTokens ?? DEFAULT_OPTIONS.maxBatchTokens, 'maxBatchTokens', 1),
    maxLength,
    queryMaxLength,
    queryInstruction: optionalString(merged.queryInstruction, 'queryInstruction'),
    queryInstructionFormat: string(merged.queryInstructionFormat ?? DEFAULT_OPTIONS.queryInstructionFormat, 'queryInstructionFormat'),
    passageInstruction: optionalString(merged.passageInstruction, 'passageInstruction'),
    passageInstructionFormat: string(merged.passageInstructionFormat ?? DEFAULT_OPTIONS.passageInstructionFormat, 'passageInstructionFormat'),
  };
}

function checkShape(options: unknown, what: string): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RerankerError('INVALID_OPTION', `${what} must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw new RerankerError('INVALID_OPTION', `unknown option "${key}" in ${what}`);
  }
}

// `{ maxLength: undefined }` means "not given", as with any optional property.
function stripUndefined(options: ScoreOptions | undefined): ScoreOptions {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined));
}

function integer(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isInteger(value)) {
    throw new RerankerError('INVALID_OPTION', `${name} must be a finite integer, got ${describe(value)}`);
  }
  if (value < min) {
    throw new RerankerError('INVALID_OPTION', `${name} must be at least ${min}, got ${value}`);
  }
  return value;
}

function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new RerankerError('INVALID_OPTION', `${name} must be a boolean, got ${describe(value)}`);
  return value;
}

function string(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new RerankerError('INVALID_OPTION', `${name} must be a string, got ${describe(value)}`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  return value === undefined || value === null ? undefined : string(value, name);
}

/** A short, safe description of a value for error messages (never the user's whole text). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `a string`;
  return typeof value;
}
