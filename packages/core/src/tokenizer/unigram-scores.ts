/**
 * Fix for @huggingface/tokenizers 0.2.0: its `Unigram` overwrites the vocabulary score of the
 * unknown piece (`<unk>`, 0.0 in XLM-R) with the penalty it gives unknown characters
 * (min score - 10). Rust `tokenizers` keeps the two apart (`Unigram::encode_optimized` scores a
 * vocabulary match with its own score and only inserted unknown nodes with the penalty), so text
 * that normalizes to `<unk>` (fullwidth `＜unk＞`) is the piece `<unk>` there and other pieces here.
 */
import { Unigram, type Tokenizer } from '@huggingface/tokenizers';

/** Puts the unknown piece's own score back into the model's table (idempotent). */
export function restoreUnigramUnkScore(tokenizer: Tokenizer): void {
  const model = tokenizer.model;
  if (!(model instanceof Unigram) || model.unk_token_id === undefined) return;
  const entry = (model.config as { vocab?: unknown }).vocab;
  const score = Array.isArray(entry) ? (entry[model.unk_token_id] as unknown[] | undefined)?.[1] : undefined;
  // The penalty for unknown characters is kept apart (`unk_score`), this only changes vocabulary matches.
  if (typeof score === 'number') model.scores[model.unk_token_id] = score;
}
