// The top-100 scenario: one query and 100 passages of a realistic length mix, fixed by a seed.
// Passages are sentences of the testkit vocabulary's English words (so they tokenize into real
// pieces, not <unk>), each cut to a target token count measured with the model's own tokenizer.
import { seededRandom } from '../packages/testkit/src/prng.js';
import { COMMON_WORDS } from '../packages/testkit/src/wordlist.js';

export interface Scenario {
  name: string;
  seed: number;
  query: string;
  passages: string[];
  /** Tokens of each passage alone (no query, no special tokens). */
  passageTokens: number[];
  /** Tokens of each (query, passage) pair as the model sees it (`<s> q </s></s> p </s>`). */
  pairTokens: number[];
}

/** Length of the model input of one pair, in tokens (e.g. `(q, p) => encodePairs([[q, p]])[0].length`). */
export type PairLength = (query: string, passage: string) => number;

export const SEED = 20240521;
export const QUERY = 'how do giant pandas find enough food to live in the cold mountain forests of china';

/**
 * Target passage lengths: 16 to 400 tokens, most between 100 and 200, as first-stage retrieval
 * returns chunked documents: 70 % in [100, 200], 15 % shorter (16-99), 15 % longer (201-400),
 * with both ends of the range present. Shuffled: a retriever's order says nothing of length.
 */
export function targetLengths(count: number, random: () => number): number[] {
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const lengths = [16, 400];
  while (lengths.length < count) {
    const r = random();
    lengths.push(r < 0.7 ? between(100, 200) : r < 0.85 ? between(16, 99) : between(201, 400));
  }
  for (let i = lengths.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lengths[i], lengths[j]] = [lengths[j] as number, lengths[i] as number];
  }
  return lengths.slice(0, count);
}

/** Sentences of 6-18 words with a capital and a full stop; far more words than `minWords`. */
function prose(random: () => number, minWords: number): string[] {
  const vocabulary = COMMON_WORDS.split(/\s+/).filter((w) => /^[a-z]+$/.test(w));
  const words: string[] = [];
  while (words.length < minWords) {
    const length = 6 + Math.floor(random() * 13);
    for (let i = 0; i < length; i++) {
      let word = vocabulary[Math.floor(random() * vocabulary.length)] as string;
      if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
      if (i === length - 1) word += random() < 0.1 ? ',' : '.';
      words.push(word);
    }
  }
  return words;
}

/** Builds the scenario: `count` passages cut (by whole words) to their target token counts. */
export function buildScenario(pairLength: PairLength, count = 100, seed = SEED): Scenario {
  const random = seededRandom(seed);
  const overhead = pairLength(QUERY, 'the') - 1; // query + special tokens; 'the' is one piece
  const passageLength = (text: string): number => pairLength(QUERY, text) - overhead;
  const passages: string[] = [];
  const passageTokens: number[] = [];
  let tokensPerWord = 1.2;
  for (const target of targetLengths(count, random)) {
    const words = prose(random, target * 2);
    // The longest prefix of whole words within the target (token count grows with the prefix):
    // start from the running tokens-per-word estimate, then step a word at a time.
    const length = (n: number): number => passageLength(words.slice(0, n).join(' '));
    let n = Math.min(words.length, Math.max(1, Math.round(target / tokensPerWord)));
    let tokens = length(n);
    while (tokens > target && n > 1) tokens = length(--n);
    for (let next = length(n + 1); next <= target && n < words.length; next = length(n + 1)) {
      n += 1;
      tokens = next;
    }
    tokensPerWord = 0.8 * tokensPerWord + 0.2 * (tokens / n);
    passages.push(words.slice(0, n).join(' '));
    passageTokens.push(tokens);
  }
  return {
    name: `top-${count}`,
    seed,
    query: QUERY,
    passages,
    passageTokens,
    pairTokens: passages.map((p) => pairLength(QUERY, p)),
  };
}
