// Tokenizer on long inputs (issue 15, step 4): the ids a passage keeps (maxLength 512), from the
// whole text (before: TextTokenizer.encode, what the engines did) and from a safely cut head
// (after: TextTokenizer.encodeHead), for texts of 600, 6,000 and 60,000 chars, on testkit's
// base tokenizer (bge-reranker-base's shape: NFKC, WhitespaceSplit + Metaspace, Unigram of
// 250,002 pieces) and the three reference tokenizers. Both sides must give the same kept ids.
// Runs inside `pnpm bench`, or alone: `pnpm exec tsx bench/long-inputs.ts [--quick]`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTextTokenizer, type TextTokenizer } from '../packages/core/src/tokenizer/text-tokenizer.js';
import { PRESETS } from '../packages/testkit/src/presets.js';
import { seededRandom } from '../packages/testkit/src/prng.js';
import { tokenizerConfig, tokenizerJson } from '../packages/testkit/src/tokenizer-files.js';
import { buildVocab } from '../packages/testkit/src/vocab.js';
import { COMMON_WORDS } from '../packages/testkit/src/wordlist.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const LENGTHS = [60_000, 6_000, 600] as const;
const KEEP = 512;

export interface LongInputRow {
  tokenizer: string;
  chars: number;
  /** Ids of the whole text (what "before" tokenized). */
  ids: number;
  beforeMs: number;
  afterMs: number;
  /** Ids encodeHead tokenized (a head of the text, or all of it). */
  headIds: number;
  runs: number;
}

function tokenizers(): { name: string; tokenizer: TextTokenizer }[] {
  const vocab = buildVocab(PRESETS.base.vocabSize);
  const list = [{ name: 'testkit base (XLM-R shape, Unigram 250k)', tokenizer: createTextTokenizer(tokenizerJson(vocab), tokenizerConfig(vocab)) }];
  for (const model of ['xlmr-tiny', 'gemma-tiny', 'minicpm-layerwise-tiny']) {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, 'packages/testkit/reference', model, file), 'utf8'));
    list.push({ name: `${model} (reference)`, tokenizer: createTextTokenizer(read('tokenizer.json'), read('tokenizer_config.json')) });
  }
  return list;
}

// English prose from the testkit word list with a sprinkle of other scripts, fixed by a seed.
function text(length: number): string {
  const random = seededRandom(15);
  const words = COMMON_WORDS.split(/\s+/).filter(Boolean);
  const foreign = ['медведь', 'панда', 'σοφός', '東京は日本の首都です', 'مرحبا', 'नमस्ते', 'café', '(1905),'];
  let out = '';
  while (out.length < length) out += `${random() < 0.08 ? foreign[Math.floor(random() * foreign.length)] : words[Math.floor(random() * words.length)]}${random() < 0.06 ? '. ' : ' '}`;
  return out.slice(0, length);
}

// Median wall time of `run`, repeated until about `budgetMs` has passed (at least 3 times).
function median(run: () => void, budgetMs: number): { ms: number; runs: number } {
  run(); // warm-up: JIT and the BPE cache
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < budgetMs && times.length < 200)) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1] as number, runs: times.length };
}

/** Before/after for every tokenizer and length; throws when the kept ids ever differ. */
export function benchLongInputs(log: (line: string) => void, quick = false): LongInputRow[] {
  const rows: LongInputRow[] = [];
  for (const { name, tokenizer } of tokenizers()) {
    for (const chars of LENGTHS) {
      const input = text(chars);
      const full = tokenizer.encode(input);
      const head = tokenizer.encodeHead(input, KEEP);
      const same = head.length > KEEP === full.length > KEEP && head.every((id, i) => id === full[i]);
      if (!same) throw new Error(`${name}, ${chars} chars: the head's ids differ from the whole text's`);
      const budget = quick ? 200 : 1500;
      const before = median(() => tokenizer.encode(input).slice(0, KEEP), budget);
      const after = median(() => tokenizer.encodeHead(input, KEEP).slice(0, KEEP), budget);
      rows.push({ tokenizer: name, chars, ids: full.length, beforeMs: before.ms, afterMs: after.ms, headIds: head.length, runs: Math.min(before.runs, after.runs) });
      log(`long inputs: ${name}, ${chars} chars: ${before.ms.toFixed(2)} ms -> ${after.ms.toFixed(2)} ms`);
    }
  }
  return rows;
}

export function longInputsTable(rows: readonly LongInputRow[]): string {
  const lines = [
    `### Tokenizer on long inputs (ids kept: the first ${KEEP}; median ms per text)`,
    '',
    '| tokenizer | chars | ids of the whole text | before: whole text | after: safe head | ids tokenized after | ratio |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.tokenizer} | ${r.chars} | ${r.ids} | ${r.beforeMs.toFixed(2)} | ${r.afterMs.toFixed(2)} | ${r.headIds} | ${(r.beforeMs / r.afterMs).toFixed(1)}x |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = benchLongInputs((line) => process.stderr.write(`${line}\n`), process.argv.includes('--quick'));
  process.stdout.write(`${longInputsTable(rows)}\n`);
}
