// tokenizer.json in the two JS tokenizer stacks the project uses, and the vocabulary layout.
import { Tokenizer } from '@huggingface/tokenizers';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel, MASK_TOKEN, PRESETS, UNK_ID } from '../src/index.js';
import { buildVocab } from '../src/vocab.js';

const ENGLISH = `The giant panda is a bear species native to China. It eats bamboo and lives in
the mountains of the south west. What is the capital of France? Paris is the largest city of
France and one of the most important centers of science, music and language in Europe.`;

let dir = '';
let tokenizer: Tokenizer;
const json = (file: string): object => JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as object;

beforeAll(async () => {
  dir = await ensureTinyModel();
  tokenizer = new Tokenizer(json('tokenizer.json'), json('tokenizer_config.json'));
});

describe('tokenizer.json', () => {
  it('encodes a pair as <s> A </s></s> B </s> (@huggingface/tokenizers)', () => {
    const { ids, tokens } = tokenizer.encode('What is the capital of France?', {
      text_pair: 'Paris is the capital of France.',
    });
    expect(tokens).toEqual([
      '<s>', '▁What', '▁is', '▁the', '▁capital', '▁of', '▁France', '?', '</s>',
      '</s>', '▁Paris', '▁is', '▁the', '▁capital', '▁of', '▁France', '.', '</s>',
    ]);
    expect(ids[0]).toBe(0);
    expect(ids.filter((id) => id === 2)).toHaveLength(3);
    expect(ids).not.toContain(UNK_ID);
  });

  it('loads in transformers.js AutoTokenizer with the same ids', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${dirname(dir)}/`;
    const auto = await AutoTokenizer.from_pretrained(basename(dir), { local_files_only: true });
    const query = 'how do pandas eat bamboo';
    const passage = 'The giant panda eats bamboo.';
    const encoded = auto(query, { text_pair: passage });
    const ids = (encoded.input_ids.tolist() as bigint[][])[0]!.map(Number);
    expect(ids).toEqual(tokenizer.encode(query, { text_pair: passage }).ids);
    expect(auto.model_max_length).toBe(512);
  });

  it('turns common English into words with (almost) no <unk>', () => {
    const { ids, tokens } = tokenizer.encode(ENGLISH, { add_special_tokens: false });
    const words = ENGLISH.split(/\s+/).length;
    expect(ids.filter((id) => id === UNK_ID)).toHaveLength(0);
    // Mostly one piece per word: the vocabulary carries whole words, not just characters.
    expect(tokens.length).toBeLessThan(words * 1.5);
  });

  it('covers Latin-1, Cyrillic and CJK characters, normalises with NFKC', () => {
    const { ids, tokens } = tokenizer.encode('café Москва 北京 ﬁne', { add_special_tokens: false });
    expect(ids).not.toContain(UNK_ID);
    expect(tokens).toContain('▁fine'); // NFKC turned the ﬁ ligature into "fi"
  });

  it('maps special-token text to special ids, <mask> last', () => {
    const maskId = PRESETS.tiny.vocabSize - 1;
    expect(tokenizer.token_to_id(MASK_TOKEN)).toBe(maskId);
    expect(tokenizer.encode('a <mask> b', { add_special_tokens: false }).ids).toContain(maskId);
    expect(tokenizer.encode('</s>', { add_special_tokens: false }).ids).toEqual([2]);
  });
});

describe('vocabulary', () => {
  it('has exactly vocab_size unique pieces for both presets', () => {
    for (const shape of Object.values(PRESETS)) {
      const vocab = buildVocab(shape.vocabSize);
      expect(vocab.pieces).toHaveLength(shape.vocabSize);
      expect(new Set(vocab.pieces.map(([p]) => p)).size).toBe(shape.vocabSize);
      expect(vocab.pieces.slice(0, 4).map(([p]) => p)).toEqual(['<s>', '<pad>', '</s>', '<unk>']);
      expect(vocab.pieces.at(-1)?.[0]).toBe(MASK_TOKEN);
    }
  });

  it('matches config.json and the reference special-token files', () => {
    const config = json('config.json') as { vocab_size: number; pad_token_id: number };
    expect(config.vocab_size).toBe(PRESETS.tiny.vocabSize);
    expect(config.pad_token_id).toBe(1);
    const reference = `${import.meta.dirname}/../reference/xlmr-tiny`;
    expect(json('special_tokens_map.json')).toEqual(JSON.parse(readFileSync(`${reference}/special_tokens_map.json`, 'utf8')));
  });
});
