import { readFileSync } from 'node:fs';
import { seededRandom } from '@webrerank/testkit';
import { describe, expect, it } from 'vitest';
import { encodeHead } from '../src/tokenizer/encode-head.js';
import { planCuts } from '../src/tokenizer/safe-cut.js';
import { createTextTokenizer, type TextTokenizer } from '../src/tokenizer/text-tokenizer.js';
import { readReference, REFERENCE_DIR } from './helpers/reference.js';

// Cutting a long text before tokenizing (safe-cut.ts, encode-head.ts) must never change the ids
// that survive truncation. Proven here as: the ids of every safe-cut prefix are a prefix of the
// whole text's ids, on the FlagEmbedding batteries and on generated multilingual texts, for
// all three reference tokenizers (Unigram + charsmap, gemma BPE, Llama-style BPE).

const MODELS = ['xlmr-tiny', 'gemma-tiny', 'minicpm-layerwise-tiny'] as const;

function load(model: string): { tokenizer: TextTokenizer; json: unknown } {
  const read = (file: string): unknown => JSON.parse(readFileSync(`${REFERENCE_DIR}${model}/${file}`, 'utf8'));
  const json = read('tokenizer.json');
  return { tokenizer: createTextTokenizer(json, read('tokenizer_config.json')), json };
}

// Pieces that stress every step: scripts with and without spaces, combining marks, grapheme
// clusters (ZWJ emoji, flags, skin tones, Hangul jamo), Prepend, final sigma, charsmap-changed
// chars (fullwidth, ligatures, nbsp, ideographic space), added-token texts, ▁ itself.
const PIECES = [
  'panda', 'bear', 'The', 'giant', 'bamboo.', 'rice,', '(1905)', 'e\u0301te\u0301', 'a\u0308\u0323', 'Ѐ', 'ΟΔΟΣ', 'σοφός',
  'медведь', 'панда', 'مرحبا', 'السَّلَامُ', 'नमस्ते', 'क्षत्रिय', 'สวัสดีครับ', '東京は日本の首都です', '熊猫吃竹子', 'パンダ',
  '한국어', '\u1100\u1161\u11A8', '👩\u200D👩\u200D👧', '👍🏽', '🇯🇵🇫🇷', '😀', 'ｆｕｌｌｗｉｄｔｈ', 'ﬁne', '①②', '\u0600123',
  'x\u00ADy', 'zero\u200Bwidth', 'a\u200Db', '<s>', '</s>', '<bos>', '<unk>', '<mask>', '<pad>', '＜s＞', '▁', '▁▁x', 'x▁',
  'a'.repeat(300), '!'.repeat(120), '9'.repeat(80), 'ab'.repeat(150), '\uFEFF', 'tab\tbed', 'line\nbreak', '¨', 'Σ',
];
const SEPARATORS = [' ', ' ', ' ', ' ', '', '', '  ', '\n', '\t', '\u00A0', '\u3000', ' \n ', '\u0085'];

function generatedText(seed: number, length: number): string {
  const random = seededRandom(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let text = '';
  while (text.length < length) text += pick(PIECES) + pick(SEPARATORS);
  return text;
}

function isPrefix(head: readonly number[], full: readonly number[]): boolean {
  return head.length <= full.length && head.every((id, i) => id === full[i]);
}

// Every safe cut found from `points` start positions gives a prefix of the ids.
function checkCuts(tokenizer: TextTokenizer, text: string, points: number): number {
  const full = tokenizer.encode(text);
  let checked = 0;
  for (let k = 1; k <= points; k++) {
    const cut = tokenizer.cuts!.cutAt(text, Math.floor((text.length * k) / (points + 1)));
    if (cut < 0) continue;
    const head = tokenizer.encode(text.slice(0, cut));
    if (!isPrefix(head, full)) throw new Error(`cut at ${cut} of ${JSON.stringify(text.slice(Math.max(0, cut - 20), cut + 20))}: ids differ`);
    checked++;
  }
  return checked;
}

// encodeHead's contract for several budgets: exact first ids, and "more than count" exactly when true.
function checkHeads(tokenizer: TextTokenizer, text: string, counts: readonly number[]): void {
  const full = tokenizer.encode(text);
  for (const count of counts) {
    const head = tokenizer.encodeHead(text, count);
    expect(isPrefix(head, full)).toBe(true);
    expect(head.length > count).toBe(full.length > count);
    if (full.length <= count) expect(head).toEqual(full);
  }
}

describe.each(MODELS)('%s: cutting before tokenizing keeps the ids', (model) => {
  const { tokenizer } = load(model);
  const reference = readReference(model);
  const texts = [...new Set(reference.pairs.flat())];

  it('has a proven cut plan (else nothing would be cut)', () => {
    expect(tokenizer.cuts).toBeDefined();
  });

  it('every safe cut of the FlagEmbedding battery texts, alone and repeated to 2,500+ chars, gives a prefix of the ids', () => {
    let checked = 0;
    for (const text of texts) {
      checked += checkCuts(tokenizer, text, 6);
      const long = text.repeat(Math.ceil(2500 / Math.max(text.length, 1)));
      checked += checkCuts(tokenizer, long, 4);
      checkHeads(tokenizer, long, [1, 300]);
    }
    // The battery has spaces in most texts: the check ran on many cuts, not on none.
    expect(checked).toBeGreaterThan(texts.length * 4);
  });

  it('every safe cut of generated multilingual texts gives a prefix of the ids; encodeHead is exact', () => {
    let checked = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const text = generatedText(seed * 7919, 5000);
      checked += checkCuts(tokenizer, text, 12);
      checkHeads(tokenizer, text, [1, 64, 512, 3000]);
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('falls back to the whole text where no cut exists (CJK without spaces, one long run)', () => {
    for (const text of ['東京は日本の首都です熊猫吃竹子'.repeat(300), 'a'.repeat(5000), '👩\u200D👩\u200D👧'.repeat(800)]) {
      expect(tokenizer.cuts!.cutAt(text, 0)).toBe(-1);
      expect(tokenizer.encodeHead(text, 10)).toEqual(tokenizer.encode(text));
    }
  });
});

describe('encodeHead', () => {
  const { tokenizer } = load('xlmr-tiny');

  it('tokenizes only a prefix of a long text when the budget is far smaller', () => {
    const text = generatedText(3, 60_000);
    const seen: number[] = [];
    const ids = encodeHead(text, 512, (t) => (seen.push(t.length), tokenizer.encode(t)), tokenizer.cuts);
    expect(ids.length).toBeGreaterThan(512);
    expect(Math.max(...seen)).toBeLessThan(text.length / 4);
    expect(ids.slice(0, 512)).toEqual(tokenizer.encode(text).slice(0, 512));
  });

  it('tokenizes the whole text without a plan, or when the prefix ends in <unk>', () => {
    const text = 'word '.repeat(2000);
    const seen: number[] = [];
    encodeHead(text, 10, (t) => (seen.push(t.length), tokenizer.encode(t)), undefined);
    expect(seen).toEqual([text.length]);
    seen.length = 0;
    // Pretend the last id of "word" is <unk>: every prefix ends with it.
    const unk = tokenizer.encode('word').at(-1)!;
    encodeHead(text, 10, (t) => (seen.push(t.length), tokenizer.encode(t)), { cutAt: tokenizer.cuts!.cutAt, unkId: unk });
    expect(seen.at(-1)).toBe(text.length);
  });
});

describe('planCuts refuses what it cannot prove', () => {
  const bpe = (merges: [string, string][], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    version: '1.0',
    added_tokens: [],
    normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model: { type: 'BPE', vocab: { '<unk>': 0, a: 1, b: 2, '▁': 3, 'a▁': 4, '▁b': 5, '▁▁': 6 }, merges, unk_token: '<unk>', ...extra },
    ...extra,
  });
  const normalize = (text: string): string => text.replaceAll(' ', '▁');

  it('a BPE merge across the cut: the cut really changes the ids there, and no plan is made', () => {
    const json = bpe([['a', '▁']]);
    const tokenizer = createTextTokenizer(json, {});
    // "…a b" cut at the space: the prefix's "a" alone, but "a▁" merges in the whole text.
    const text = 'ba'.repeat(5) + ' b';
    expect(isPrefix(tokenizer.encode(text.slice(0, text.length - 2)), tokenizer.encode(text))).toBe(false);
    expect(planCuts(json, normalize, [])).toBeUndefined();
    expect(tokenizer.cuts).toBeUndefined();
    // Without that merge the plan exists.
    expect(planCuts(bpe([['▁', 'b']]), normalize, [])).toBeDefined();
  });

  it('no cut after a char that normalizes to the separator: "▁▁" merges across it', () => {
    const json = bpe([['▁', '▁']]);
    const tokenizer = createTextTokenizer(json, {});
    const text = 'ba'.repeat(5) + '▁ b';
    expect(isPrefix(tokenizer.encode(text.slice(0, text.length - 2)), tokenizer.encode(text))).toBe(false);
    expect(tokenizer.cuts!.cutAt(text, 0)).toBe(-1);
    expect(tokenizer.cuts!.cutAt(`${text} b`, 0)).toBe(text.length);
  });

  it('unknown normalizers, pre-tokenizers and models give no plan', () => {
    const base = bpe([]);
    expect(planCuts({ ...base, normalizer: { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' } }, normalize, [])).toBeUndefined();
    expect(planCuts({ ...base, pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false } }, normalize, [])).toBeUndefined();
    expect(planCuts({ ...base, model: { type: 'WordPiece', vocab: {} } }, normalize, [])).toBeUndefined();
    expect(planCuts({ ...base, model: { ...(base.model as object), ignore_merges: true } }, normalize, [])).toBeUndefined();
  });

  it('no cut inside an added token that holds a space', () => {
    const plan = planCuts(bpe([]), normalize, ['ab c'])!;
    expect(plan.cutAt('xxab cxab cx', 0)).toBe(-1);
    expect(plan.cutAt('xxab cxabc d', 0)).toBe(10);
  });
});
