import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';
import { describe } from './resolve-options.js';

/** The pairs of a call, and whether the caller passed one bare pair (and gets one bare number). */
export interface PairsInput {
  pairs: readonly Pair[];
  single: boolean;
}

/**
 * Checks what `computeScore` was given. Like FlagEmbedding, an array whose first element is a
 * string is one pair; anything else must be an array of pairs. Errors name the position of the
 * bad element but never echo the user's text. Holes of a sparse array (`[, pair]`,
 * `new Array(3)`) are refused: `forEach`/`map` skip them, so they would otherwise pass the
 * check and reach the model as missing rows.
 */
export function readPairsInput(input: unknown): PairsInput {
  if (!Array.isArray(input)) {
    throw new RerankerError('INVALID_INPUT', `computeScore takes a [query, passage] pair or an array of pairs, got ${describe(input)}`);
  }
  if (input.length > 0 && typeof input[0] === 'string') {
    checkPair(input, 'the pair');
    return { pairs: [input as unknown as Pair], single: true };
  }
  checkDenseArray(input, (i) => `pair ${i}`, (pair, i) => checkPair(pair, `pair ${i}`));
  return { pairs: input as Pair[], single: false };
}

/**
 * Visits every index of an array, holes included (where `forEach` would skip them), and refuses
 * a hole with INVALID_INPUT naming its position.
 */
export function checkDenseArray(list: readonly unknown[], name: (i: number) => string, check: (item: unknown, i: number) => void): void {
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) throw new RerankerError('INVALID_INPUT', `${name(i)} is missing (a hole in a sparse array)`);
    check(list[i], i);
  }
}

function checkPair(pair: unknown, where: string): void {
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new RerankerError('INVALID_INPUT', `${where} must be a [query, passage] array of two strings, got ${describe(pair)}`);
  }
  checkDenseArray(pair, (i) => `${where}: the ${i === 0 ? 'query' : 'passage'}`, (text, i) => {
    if (typeof text !== 'string') throw new RerankerError('INVALID_INPUT', `${where}: the ${i === 0 ? 'query' : 'passage'} must be a string, got ${describe(text)}`);
  });
}
