import { describe, expect, it } from 'vitest';
import type { Pair, RankResult, Reranker } from '../src/api.js';
import type { rankResults } from '../src/engine/rank.js';
import type { RerankerErrorCode } from '../src/errors.js';

// Type-level tests of the public API (checked by `tsc -p tsconfig.node.json`, which includes
// this file; the browser handle has the same overloads): the overloads give a bare number for one pair and a list for a list, and wrong
// shapes do not compile. The runtime part only keeps vitest from calling the file empty.
type IsExact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function assertType<T extends true>(_proof?: T): void {}

declare const reranker: Reranker;
const pair: Pair = ['what is panda?', 'The giant panda is a bear.'];

// Unevaluated function bodies: only their types matter.
export function typeChecks(): void {
  const one = reranker.computeScore(pair);
  const many = reranker.computeScore([pair, pair]);
  assertType<IsExact<typeof one, Promise<number>>>();
  assertType<IsExact<typeof many, Promise<number[]>>>();
  void Promise.all([one, many]);
  assertType<IsExact<ReturnType<typeof rankResults<string>>, RankResult[]>>();
  // rank keeps the document type: strings give RankResult<string> (as before), objects their own type.
  assertType<IsExact<Awaited<ReturnType<typeof reranker.rank<string>>>, RankResult[]>>();
  assertType<IsExact<Awaited<ReturnType<typeof reranker.rank<{ title: string }>>>, RankResult<{ title: string }>[]>>();
  assertType<'INVALID_INPUT' extends RerankerErrorCode ? true : false>();
  // @ts-expect-error a pair has two strings
  void reranker.computeScore(['only a query']);
  // @ts-expect-error a list holds pairs, not bare strings
  void reranker.computeScore([pair, 'x']);
  // @ts-expect-error options are typed
  void reranker.computeScore(pair, { maxLength: '512' });
}

describe('public API types', () => {
  it('compiles (see tsc -p tsconfig.node.json)', () => {
    expect(typeof typeChecks).toBe('function');
  });
});
