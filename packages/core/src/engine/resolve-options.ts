import type { RerankerKind, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import { parseInstructionFormat } from './instructions.js';
import { OPTION_PROFILES, type OptionProfile } from './option-profiles.js';

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
  /** LLM kinds: the prompt text (their default filled in); cross-encoders: undefined. */
  prompt: string | undefined;
  /** `flagembedding`: cut long pairs as FlagEmbedding does; `error`: refuse them. */
  truncate: 'flagembedding' | 'error';
  /** Layerwise: the requested layers as given (checked integers, not yet filtered); else undefined. */
  cutoffLayers: number[] | undefined;
}

/** FlagReranker's defaults, plus our token budget (FlagEmbedding has none: it relies on CUDA OOM retries). */
const DEFAULT_OPTIONS = {
  normalize: false,
  batchSize: 128,
  // Measured on CPUs (docs/performance.md): 1.42x faster than 8192 on the top-100 benchmark.
  maxBatchTokens: 2048,
  maxLength: 512,
  queryInstructionFormat: '{}{}',
  passageInstructionFormat: '{}{}',
} as const;

const KNOWN_KEYS = new Set<string>([
  'normalize', 'batchSize', 'maxBatchTokens', 'maxLength', 'queryMaxLength',
  'queryInstruction', 'queryInstructionFormat', 'passageInstruction', 'passageInstructionFormat',
  'prompt', 'cutoffLayers', 'truncate',
]);

/**
 * Merges call options over the reranker's defaults and validates them.
 * `minMaxLength` is the smallest pair budget the tokenizer's template allows (its special tokens
 * plus one real token); a typo'd key is an error rather than a silently ignored option, and so
 * is an option of another model kind (`prompt` on a cross-encoder, `cutoffLayers` on gemma).
 * `kind` picks the FlagEmbedding class whose defaults apply (see option-profiles.ts).
 *
 * @example
 * resolveOptions({ normalize: true }, { maxLength: 64 }, 2, 'llm'); // queryInstruction 'A: ', prompt: FlagEmbedding's
 */
export function resolveOptions(
  defaults: ScoreOptions | undefined,
  call: ScoreOptions | undefined,
  minMaxLength: number,
  kind: RerankerKind = 'cross-encoder',
): ResolvedOptions {
  const profile = OPTION_PROFILES[kind];
  checkShape(defaults, 'reranker options', profile);
  checkShape(call, 'computeScore options', profile);
  const merged: ScoreOptions = { ...defaults, ...stripUndefined(call) };

  const maxLength = integer(merged.maxLength ?? DEFAULT_OPTIONS.maxLength, 'maxLength', minMaxLength);
  const queryMaxLength = integer(merged.queryMaxLength ?? Math.floor((maxLength * 3) / 4), 'queryMaxLength', 1);
  return {
    normalize: boolean(merged.normalize ?? DEFAULT_OPTIONS.normalize, 'normalize'),
    batchSize: integer(merged.batchSize ?? DEFAULT_OPTIONS.batchSize, 'batchSize', 1),
    maxBatchTokens: integer(merged.maxBatchTokens ?? DEFAULT_OPTIONS.maxBatchTokens, 'maxBatchTokens', 1),
    maxLength,
    queryMaxLength,
    queryInstruction: optionalString(merged.queryInstruction, 'queryInstruction') ?? profile.queryInstruction,
    queryInstructionFormat: instructionFormat(merged.queryInstructionFormat ?? DEFAULT_OPTIONS.queryInstructionFormat, 'queryInstructionFormat'),
    passageInstruction: optionalString(merged.passageInstruction, 'passageInstruction') ?? profile.passageInstruction,
    passageInstructionFormat: instructionFormat(merged.passageInstructionFormat ?? DEFAULT_OPTIONS.passageInstructionFormat, 'passageInstructionFormat'),
    prompt: profile.prompt === undefined ? undefined : string(merged.prompt ?? profile.prompt, 'prompt'),
    cutoffLayers: profile.options.includes('cutoffLayers') ? layerList(merged.cutoffLayers) : undefined,
    truncate: truncateMode(merged.truncate),
  };
}

function checkShape(options: unknown, what: string, profile: OptionProfile): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RerankerError('INVALID_OPTION', `${what} must be an object, got ${describe(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!KNOWN_KEYS.has(key)) throw new RerankerError('INVALID_OPTION', `unknown option "${key}" in ${what}`);
    const owner = OPTION_OWNERS[key];
    // `undefined` (and null) means "not given" (see stripUndefined), so it is no mistake on any kind.
    if (owner && !profile.options.includes(owner.option) && value !== undefined && value !== null) {
      throw new RerankerError('INVALID_OPTION', `option "${key}" in ${what} applies to ${owner.models} only; this model is ${profile.name}`);
    }
  }
}

// Options that only some model kinds take, and how to name those kinds in an error.
const OPTION_OWNERS: Record<string, { option: 'prompt' | 'cutoffLayers'; models: string }> = {
  prompt: { option: 'prompt', models: 'LLM rerankers (kinds "llm" and "layerwise")' },
  cutoffLayers: { option: 'cutoffLayers', models: 'layerwise rerankers (kind "layerwise")' },
};

// FlagEmbedding takes one int or a list; both become a list here. Range checks need the model's
// layer count, so they happen in cutoff-layers.ts.
function layerList(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  // Array.from turns holes into undefined, which the check below refuses (map would skip them).
  const list: unknown[] = Array.isArray(value) ? Array.from(value as unknown[]) : [value];
  return list.map((layer, i) => {
    if (typeof layer !== 'number' || !Number.isInteger(layer)) {
      const where = Array.isArray(value) ? `cutoffLayers[${i}]` : 'cutoffLayers';
      throw new RerankerError('INVALID_OPTION', `${where} must be an integer layer number, got ${describe(layer)}`);
    }
    return layer;
  });
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

function truncateMode(value: unknown): 'flagembedding' | 'error' {
  if (value === undefined || value === null) return 'flagembedding';
  if (value !== 'flagembedding' && value !== 'error') throw new RerankerError('INVALID_OPTION', `truncate must be "flagembedding" or "error", got ${describe(value)}`);
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

// Checked here, even when no instruction is set (FlagEmbedding then never formats): a format
// that cannot work is a mistake in the options, reported before any pair is scored.
function instructionFormat(value: unknown, name: string): string {
  parseInstructionFormat(string(value, name), name);
  return value as string;
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
