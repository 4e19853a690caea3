import { RerankerError } from '../errors.js';
import { bad, jsonRecord } from './beir-files.js';
import type { TextLine } from './text-lines.js';

/**
 * One line of the seed's fine-tuning format (FlagEmbedding's reranker training data):
 * `{"query": str, "pos": [str], "neg": [str], "prompt"?: str}`.
 */
export interface SeedExample {
  /** Line number in the file, for messages. */
  line: number;
  query: string;
  pos: string[];
  neg: string[];
  prompt: string | undefined;
}

/**
 * Reads the seed's JSON lines: blank lines skipped, any other line must be an object with a
 * string `query`, a non-empty string array `pos` (no positive, no rank to measure), a string
 * array `neg` (may be empty or absent) and an optional string `prompt`; otherwise
 * INVALID_INPUT naming the line.
 */
export async function readSeedExamples(lines: AsyncIterable<TextLine>, name = 'jsonl'): Promise<SeedExample[]> {
  const examples: SeedExample[] = [];
  for await (const { text, line } of lines) {
    const record = jsonRecord(text, line, name);
    if (record === undefined) continue;
    const { query, pos, neg = [], prompt } = record;
    if (typeof query !== 'string') throw bad(name, line, 'needs a string "query"');
    if (!isStrings(pos) || pos.length === 0) throw bad(name, line, 'needs "pos", a non-empty array of strings');
    if (!isStrings(neg)) throw bad(name, line, '"neg" must be an array of strings');
    if (prompt !== undefined && typeof prompt !== 'string') throw bad(name, line, '"prompt" must be a string');
    examples.push({ line, query, pos, neg, prompt });
  }
  if (examples.length === 0) throw new RerankerError('INVALID_INPUT', `${name} has no example`);
  return examples;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
