import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pair, ScoreOptions } from '../../src/api.js';

/** The FlagEmbedding oracle folders committed as test data (see packages/testkit/reference/README.md). */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../testkit/reference/', import.meta.url));

export interface ReferenceCall {
  id: string;
  description: string;
  quirk: boolean;
  init_kwargs: Record<string, unknown>;
  call_kwargs: Record<string, unknown>;
  input_form: 'list_of_pairs' | 'single_pair_tuple';
  pair_indices: number[];
  /** `list[float]`, or for several layers of a layerwise model `list[list[float]]` (one list per layer). */
  returned: number[];
  returned_shape: string;
  per_pair: { pair_index: number; input_ids: number[]; raw_score: number; score: number; exceeds_max_length: boolean }[];
  effective: { cutoff_layers_after_filter?: number[]; cutoff_layers_requested?: number[] | null };
}

/** A layerwise call's `returned` with several layers: one list per layer. */
export function returnedLayers(call: ReferenceCall): number[][] {
  return call.returned as unknown as number[][];
}

export interface Reference {
  pairs: [string, string][];
  calls: ReferenceCall[];
}

/** Reads `<model>/expected.json` of the oracle. */
export function readReference(model: string): Reference {
  return JSON.parse(readFileSync(`${REFERENCE_DIR}${model}/expected.json`, 'utf8')) as Reference;
}

// FlagEmbedding's snake_case keyword arguments → our options (constructor and call alike).
const OPTION_NAMES: Record<string, keyof ScoreOptions> = {
  normalize: 'normalize',
  batch_size: 'batchSize',
  max_length: 'maxLength',
  query_max_length: 'queryMaxLength',
  query_instruction_for_rerank: 'queryInstruction',
  query_instruction_format: 'queryInstructionFormat',
  passage_instruction_for_rerank: 'passageInstruction',
  passage_instruction_format: 'passageInstructionFormat',
  prompt: 'prompt',
  cutoff_layers: 'cutoffLayers',
};
// Constructor arguments that choose PyTorch devices and precision, meaningless here.
const IGNORED = new Set(['use_fp16', 'devices']);

/** Translates FlagEmbedding kwargs to ScoreOptions; an unknown kwarg fails the test loudly. */
export function toOptions(kwargs: Record<string, unknown>): ScoreOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (IGNORED.has(key)) continue;
    const name = OPTION_NAMES[key];
    if (!name) throw new Error(`reference kwarg ${key} has no webrerank option`);
    options[name] = value;
  }
  return options as ScoreOptions;
}

/** The pairs of a call, in call order. */
export function callPairs(reference: Reference, call: ReferenceCall): Pair[] {
  return call.pair_indices.map((i) => reference.pairs[i] as Pair);
}
