import { createTextTokenizer, type TextTokenizer } from '../tokenizer/text-tokenizer.js';
import { optionalFile } from './session.js';
import { readJson, type ModelSource } from './source.js';

/**
 * The tokenizer of a model folder: `tokenizer.json`, with `tokenizer_config.json` when the folder
 * has one (the hub exports of every supported model do; it only adds settings).
 *
 * @example
 * const tokenizer = await readTokenizer(source);
 */
export async function readTokenizer(source: ModelSource): Promise<TextTokenizer> {
  const [tokenizerJson, tokenizerConfig] = await Promise.all([
    readJson(source, 'tokenizer.json'),
    readJson(source, 'tokenizer_config.json').catch(optionalFile),
  ]);
  return createTextTokenizer(tokenizerJson, tokenizerConfig ?? {});
}
