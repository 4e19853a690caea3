import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pair, ScoreOptions } from '../src/api.js';
import type { LoadedReranker } from '../src/model/load-model.js';
import { RerankerError, type RerankerErrorCode } from '../src/errors.js';
import { loadReranker } from '../src/node/load-node.js';
import { REFERENCE_DIR } from './helpers/reference.js';

let reranker: LoadedReranker;
beforeAll(async () => {
  reranker = await loadReranker(`${REFERENCE_DIR}xlmr-tiny`, { dtype: 'fp32' });
});
afterAll(() => reranker.dispose());

async function codeOf(promise: Promise<unknown>): Promise<RerankerErrorCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(RerankerError);
    return (error as RerankerError).code;
  }
}

// Bad values reach the engine from untyped callers (JSON, the worker boundary): cast past the types.
const score = (input: unknown, options?: unknown): Promise<unknown> =>
  reranker.computeScore(input as Pair[], options as ScoreOptions);

describe('bad input gets a RerankerError with a stable code', () => {
  it.each<[string, unknown]>([
    ['a string instead of pairs', 'what is panda?'],
    ['a number', 42],
    ['null', null],
    ['a pair of three strings', ['q', 'p', 'x']],
    ['a pair of one string', ['q']],
    ['a query that is not a string', [[1, 'p']]],
    ['a passage that is not a string', [['q', null]]],
    ['a passage that is an object', [['q', { text: 'p' }]]],
    ['a list holding a bare string', [['q', 'p'], 'q']],
    ['a single pair with a non-string passage', ['q', 5]],
    // Holes of sparse arrays: forEach/map skip them, so they once scored as 0 or failed inside onnxruntime.
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    ['a list with a hole before a pair', [, ['q', 'p']]],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    ['a list with a hole after a pair', [['q', 'p'], , ['q', 'p']]],
    ['an empty array of length 3', new Array(3)],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    ['a pair with a hole for its query', [[, 'p']]],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    ['a bare pair with a hole for its passage', ['q', ,]],
  ])('INVALID_INPUT: %s', async (_what, input) => {
    expect(await codeOf(score(input))).toBe('INVALID_INPUT');
  });

  it.each<[string, unknown]>([
    ['maxLength too small for the special tokens', { maxLength: 4 }],
    ['maxLength zero', { maxLength: 0 }],
    ['maxLength NaN', { maxLength: Number.NaN }],
    ['maxLength Infinity', { maxLength: Infinity }],
    ['maxLength fractional', { maxLength: 16.5 }],
    ['queryMaxLength negative', { queryMaxLength: -1 }],
    ['batchSize zero', { batchSize: 0 }],
    ['batchSize a string', { batchSize: '8' }],
    ['maxBatchTokens NaN', { maxBatchTokens: Number.NaN }],
    ['normalize a string', { normalize: 'yes' }],
    ['an unknown option', { maxlength: 16 }],
    ['options that are not an object', 5],
    ['an unsupported instruction format', { queryInstruction: 'x', queryInstructionFormat: '{name}{}' }],
    ['an instruction that is not a string', { queryInstruction: 3 }],
    // Python's str.format raises on a field past its arguments; the old engine appended "undefined".
    ['an instruction format with a third field', { queryInstruction: 'x', queryInstructionFormat: '{}{}{}' }],
    ['an instruction format that drops the passage', { passageInstruction: 'x', passageInstructionFormat: '{}' }],
  ])('INVALID_OPTION: %s', async (_what, options) => {
    expect(await codeOf(score([['q', 'p']], options))).toBe('INVALID_OPTION');
  });

  it('INPUT_TOO_LONG: a pair that the only_second quirk leaves longer than the 512 positions', async () => {
    const long = 'panda '.repeat(900);
    expect(await codeOf(score([[long, 'short']], { maxLength: 1024 }))).toBe('INPUT_TOO_LONG');
  });

  it('the smallest maxLength with room for one token works', async () => {
    expect(await codeOf(score([['q', 'p']], { maxLength: 5 }))).toBe('resolved');
  });

  it('an empty list gives an empty list, and empty strings score like any text', async () => {
    expect(await reranker.computeScore([])).toEqual([]);
    const [empty] = await reranker.computeScore([['', '']]);
    expect(Number.isFinite(empty)).toBe(true);
  });

  it('the reranker keeps working after every kind of error', async () => {
    await codeOf(score('nope'));
    await codeOf(score([['q', 'p']], { batchSize: -1 }));
    const scores = await reranker.computeScore([['what is panda?', 'hi']]);
    expect(scores).toHaveLength(1);
  });

  it('DISPOSED after dispose()', async () => {
    const other = await loadReranker(`${REFERENCE_DIR}xlmr-tiny`, { dtype: 'fp32' });
    await other.dispose();
    expect(await codeOf(other.computeScore([['q', 'p']]))).toBe('DISPOSED');
  });
});

describe('model loading errors', () => {
  it('MODEL_FILE_NOT_FOUND for a dtype the folder does not have', async () => {
    expect(await codeOf(loadReranker(`${REFERENCE_DIR}xlmr-tiny`, { dtype: 'q4' }))).toBe('MODEL_FILE_NOT_FOUND');
  });

  it('MODEL_FILE_NOT_FOUND for a folder that does not exist', async () => {
    expect(await codeOf(loadReranker(`${REFERENCE_DIR}no-such-model`))).toBe('MODEL_FILE_NOT_FOUND');
  });

  it('MODEL_FETCH_FAILED when the model host cannot be reached', async () => {
    expect(await codeOf(loadReranker('http://127.0.0.1:9/model'))).toBe('MODEL_FETCH_FAILED');
  });

  it('INVALID_OPTION for an unknown dtype', async () => {
    expect(await codeOf(loadReranker(`${REFERENCE_DIR}xlmr-tiny`, { dtype: 'fp8' as 'fp32' }))).toBe('INVALID_OPTION');
  });
});
