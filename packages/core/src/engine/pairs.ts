import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';
import { describe } from './options.js';

/** The pairs of a call, and whether the caller passed one bare pair (and gets one bare number). */
export interface PairsInput {
  pairs: readonly Pair[];
  single: boolean;
}

/**
 * Checks what `computeScore` was given. Like FlagEmbedding, an array whose first element is a
 * string is one pair; anything else must be an array of pairs. Errors name the position of the
 * bad element but never echo the user's text.
 */
export function readPairsInput(input: unknown): PairsInput {
  if (!Array.isArray(input)) {
    throw new RerankerError('INVALID_INPUT', `computeScore takes a [query, passage] pair or an array of pairs, got ${describe(input)}`);
  }
  if (input.length > 0 && typeof input[0] === 'string') {
    checkPair(input, 'the pair');
    return { pairs: [input as unknown as Pair], single: true };
  }
  input.forEach((pair: unknown, i) => checkPair(pair, `pair ${i}`));
  return { pairs: input as Pair[], single: false };
}

function checkPair(pair: unknown, where: string): void {
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new RerankerError('INVALID_INPUT', `${where} must be a [query, passage] array of two strings, got ${describe(pair)}`);
  }
  const [query, passage] = pair as unknown[];
  if (typeof query !== 'string') throw new RerankerError('INVALID_INPUT', `${where}: the query must be a string, got ${describe(query)}`);
  if (typeof passage !== 'string') throw new RerankerError('INVALID_INPUT', `${where}: the passage must be a string, got ${describe(passage)}`);
}
