import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTextTokenizer } from '../src/tokenizer/text-tokenizer.js';
import { RustWhitespaceSplit } from '../src/tokenizer/whitespace-split.js';
import { REFERENCE_DIR } from './helpers/reference.js';

const read = (file: string): unknown => JSON.parse(readFileSync(`${REFERENCE_DIR}xlmr-tiny/${file}`, 'utf8'));
const tokenizer = createTextTokenizer(read('tokenizer.json'), read('tokenizer_config.json'));

describe('text tokenizer (xlmr-tiny)', () => {
  it('reads the pair template and pad id from the tokenizer files', () => {
    expect(tokenizer.pairTemplate).toEqual({ prefix: [0], middle: [2, 2], suffix: [2] });
    expect(tokenizer.padTokenId).toBe(1);
  });

  it('splits words on U+0085 NEXT LINE like Rust tokenizers (char::is_whitespace)', () => {
    expect(tokenizer.encode('panda\u0085bear')).toEqual(tokenizer.encode('panda bear'));
  });

  it('uses Unicode White_Space, not JS \\s, to split', () => {
    const split = new RustWhitespaceSplit();
    expect(split.pre_tokenize_text('a\u0085b  c')).toEqual(['a', 'b', 'c']);
    expect(split.pre_tokenize_text('a\uFEFFb')).toEqual(['a\uFEFFb']);
  });

  it('encodes special-token strings inside user text as the special ids, as FlagEmbedding does', () => {
    expect(tokenizer.encode('</s>')).toEqual([2]);
  });
});
