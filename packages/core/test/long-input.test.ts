import * as ort from 'onnxruntime-web';
import { seededRandom } from '@webrerank/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pair } from '../src/api.js';
import { planChunks } from '../src/engine/chunking.js';
import { loadModel, type LoadedReranker } from '../src/model/load-model.js';
import { fsSource } from '../src/node/fs-source.js';
import type { TextTokenizer } from '../src/tokenizer/text-tokenizer.js';
import { readReference, REFERENCE_DIR } from './helpers/reference.js';

// The engines tokenize only the head of a long query or passage (TextTokenizer.encodeHead).
// Here each engine's model input ids are compared with the same engine's ids when the cut is
// switched off (encodeHead = encode of the whole text), and chunking must still see the
// whole document.

const WORDS = ['panda', 'bear', 'bamboo', 'медведь', 'σοφός', 'e\u0301te\u0301', '東京は日本', '👩\u200D👧', 'ＡＢＣ', '</s>', 'rice.', 'ﬁne', '▁x', 'Ѐ'];

function longText(seed: number, length: number): string {
  const random = seededRandom(seed);
  let text = '';
  while (text.length < length) text += `${WORDS[Math.floor(random() * WORDS.length)]}${random() < 0.85 ? ' ' : random() < 0.5 ? '\n' : ''}`;
  return text;
}

// The engine's tokenizer (private `parts`), to switch the cut off for the oracle.
function tokenizerOf(reranker: LoadedReranker): TextTokenizer {
  return (reranker as unknown as { parts: { tokenizer: TextTokenizer } }).parts.tokenizer;
}

function withoutCut<T>(reranker: LoadedReranker, run: () => T): T {
  const tokenizer = tokenizerOf(reranker);
  const head = tokenizer.encodeHead;
  (tokenizer as { encodeHead: TextTokenizer['encodeHead'] }).encodeHead = (text) => tokenizer.encode(text);
  try {
    return run();
  } finally {
    (tokenizer as { encodeHead: TextTokenizer['encodeHead'] }).encodeHead = head;
  }
}

describe.each([
  ['xlmr-tiny', undefined],
  ['gemma-tiny', undefined],
  ['minicpm-layerwise-tiny', 'layerwise'],
] as const)('%s: model inputs of long texts', (model, kind) => {
  let reranker: LoadedReranker;
  beforeAll(async () => {
    reranker = await loadModel(ort, fsSource(`${REFERENCE_DIR}${model}`), { dtype: 'fp32', ...(kind ? { kind } : {}) });
  });
  afterAll(() => reranker.dispose());

  it('are the ids of the whole-text tokenization, on the battery and on long multilingual pairs', () => {
    const battery = readReference(model).pairs;
    const long: Pair[] = [
      [longText(1, 200), longText(2, 30_000)],
      [longText(3, 9_000), longText(4, 12_000)],
      [battery[1]![0], battery[1]![1].repeat(300)],
      ['q', `${'東京は日本の首都です'.repeat(200)} end`],
    ];
    const pairs = [...battery, ...long];
    for (const options of [{}, { maxLength: 32 }, { maxLength: 300, queryMaxLength: 20 }, { maxLength: 500, queryMaxLength: 200 }]) {
      const cut = reranker.encodePairs(pairs, options);
      expect(cut).toEqual(withoutCut(reranker, () => reranker.encodePairs(pairs, options)));
    }
  });

  it("truncate: 'error' still refuses a long passage, saying it has more tokens than counted", () => {
    const pair: Pair = ['q', longText(5, 20_000)];
    expect(() => reranker.encodePairs([pair], { truncate: 'error' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/is more than \d+ tokens/) }));
  });
});

describe('xlmr-tiny: chunking a long document', () => {
  const QUERY = 'what is panda?';
  const DOC = `${longText(6, 6_000)} the giant panda is a bear that eats bamboo`;
  const options = { maxLength: 96, chunking: { maxChunksPerDoc: 200, overlapTokens: 8 } };
  let reranker: LoadedReranker;
  beforeAll(async () => {
    reranker = await loadModel(ort, fsSource(`${REFERENCE_DIR}xlmr-tiny`), { dtype: 'fp32' });
  });
  afterAll(() => reranker.dispose());

  const plan = (): ReturnType<typeof planChunks> => planChunks([[QUERY, DOC]], options.chunking, {
    fits: (pair) => {
      try {
        reranker.encodePairs([pair], { maxLength: options.maxLength, truncate: 'error' });
        return true;
      } catch {
        return false;
      }
    },
    countTokens: (text) => (reranker as unknown as { countTokens(t: string): number }).countTokens(text),
  });

  it('sees the whole document: the same windows as without the cut, up to its last char', async () => {
    const windows = plan();
    expect(windows.spans).toEqual(withoutCut(reranker, plan).spans);
    expect(windows.spans.length).toBeGreaterThan(5);
    expect(windows.spans.at(-1)!.end).toBe(DOC.length);
    const [ranked] = await reranker.rank(QUERY, [DOC], options);
    // rank's score is the best window's, and that window is one of the planned ones.
    expect(windows.spans).toContainEqual(ranked!.chunk);
    const scores = await reranker.computeScore(windows.pairs, { maxLength: options.maxLength });
    expect(Math.abs(ranked!.score - Math.max(...scores))).toBeLessThanOrEqual(1e-5);
  });
});
