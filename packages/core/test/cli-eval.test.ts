// `webrerank eval` end to end in Node: the CLI process on a generated BEIR folder with the
// generated tiny model (real onnxruntime-web), its run file against the metrics module and
// against computeScore, Ctrl-C and --resume, the score cache, the jsonl mode, bad input.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel, generateBeirFolder } from '@webrerank/testkit';
import { beirPassage, parseBeirQrels } from '../src/eval/beir-files.js';
import { formatComparison } from '../src/eval/compare-format.js';
import { rerankRun } from '../src/eval/rerank-run.js';
import { cutRun, trecOrder } from '../src/eval/run-order.js';
import { seedLineMetrics, summarizeSeed } from '../src/eval/seed-eval.js';
import { parseRun, type Run } from '../src/eval/trec-files.js';
import { DEFAULT_MEASURES, evaluateRun, parseMeasures } from '../src/eval/trec-measures.js';
import { formatSeedSummary } from '../src/node/eval-jsonl.js';
import { loadReranker } from '../src/node/load-node.js';
import type { LoadedReranker } from '../src/model/load-model.js';
import { diskScoreCache, setupKey } from '../src/node/score-cache.js';
import { createBm25Index } from '../src/search/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'packages/core/src/node/cli.ts');
const work = mkdtempSync(join(tmpdir(), 'webrerank-cli-eval-'));
const exec = promisify(execFile);

interface Outcome { code: number; stdout: string; stderr: string }

// node --import tsx: the signal in the resume test reaches the CLI itself, not a wrapper.
function webrerank(args: string[]): Promise<Outcome> {
  return exec(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, maxBuffer: 1 << 24 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

let model: string;
let reranker: LoadedReranker;
const folder = generateBeirFolder(join(work, 'beir'), { seed: 11, queries: 6, docs: 40, runDepth: 15 });

beforeAll(async () => {
  model = await ensureTinyModel();
  reranker = await loadReranker(model);
});
afterAll(async () => { await reranker.dispose(); });

function corpusOf(dir: string): Map<string, string> {
  const records = readFileSync(join(dir, 'corpus.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { _id: string; title?: string; text: string });
  return new Map(records.map((r) => [r._id, beirPassage(r)]));
}

function queriesOf(dir: string): Map<string, string> {
  return new Map(readFileSync(join(dir, 'queries.jsonl'), 'utf8').trim().split('\n').map((l) => {
    const { _id, text } = JSON.parse(l) as { _id: string; text: string };
    return [_id, text];
  }));
}

describe('webrerank eval --beir', () => {
  it('writes the run computeScore implies and prints the measures of the first stage and of that run', async () => {
    const out = join(work, 'reranked.run');
    const result = await webrerank(['eval', '--beir', folder.dir, '--run', folder.run, '--model', model, '--top-k', '10', '--out', out, '--cache-dir', join(work, 'cache-a')]);
    expect(result.stderr).not.toContain('INVALID');
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const firstStage = parseRun(readFileSync(folder.run, 'utf8'));
    // Format: `qid Q0 docno rank score webrerank`, ranks 1.. in score order per query, top 10.
    const lines = text.trim().split('\n').map((line) => line.split(' '));
    expect(lines.every((f) => f.length === 6 && f[1] === 'Q0' && f[5] === 'webrerank' && Number.isFinite(Number(f[4])))).toBe(true);
    const written = parseRun(text);
    expect([...written.keys()]).toEqual([...firstStage.keys()]);
    const corpus = corpusOf(folder.dir);
    const queries = queriesOf(folder.dir);
    for (const [qid, entries] of cutRun(firstStage, 10)) {
      const rows = lines.filter((f) => f[0] === qid);
      expect(rows.map((f) => Number(f[3]))).toEqual(entries.map((_, i) => i + 1));
      // The same pairs scored in-process, sorted as trec_eval sorts: the very same run.
      const scores = await reranker.computeScore(entries.map((e) => [queries.get(qid)!, corpus.get(e.docno)!] as const));
      expect(written.get(qid)).toEqual(trecOrder(entries.map((e, i) => ({ docno: e.docno, score: scores[i]! }))));
    }
    const qrels = parseBeirQrels(readFileSync(folder.qrels, 'utf8'));
    const measures = parseMeasures(DEFAULT_MEASURES);
    expect(result.stdout).toBe(formatComparison(evaluateRun(qrels, cutRun(firstStage, 10), measures), evaluateRun(qrels, written, measures)));
    expect(result.stderr).toContain('60 scored by the model, 0 from the cache');

    // Again with the same cache: every score from the disk, the same bytes, other measures.
    const again = join(work, 'again.run');
    const cached = await webrerank(['eval', '--beir', folder.dir, '--run', folder.run, '--model', model, '--top-k', '10', '--out', again, '--cache-dir', join(work, 'cache-a'), '--measures', 'ndcg_cut_10,recip_rank']);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toContain('0 scored by the model, 60 from the cache');
    expect(readFileSync(again)).toEqual(readFileSync(out));
    expect(cached.stdout.split('\n')[1]).toMatch(/^recip_rank\s+\t/);
  });

  it('without --run, reranks the top k of BM25 over the passages, and measures BM25 as the first stage', async () => {
    const out = join(work, 'bm25.run');
    const result = await webrerank(['eval', '--beir', folder.dir, '--model', model, '--top-k', '5', '--out', out, '--no-cache', '--measures', 'ndcg_cut_10,num_ret']);
    expect(result.code).toBe(0);
    const index = createBm25Index();
    index.add([...corpusOf(folder.dir)].map(([id, text]) => ({ id, text })));
    const bm25: Run = new Map();
    for (const [qid, query] of queriesOf(folder.dir)) {
      const hits = index.search(query, 5);
      if (hits.length > 0) bm25.set(qid, hits.map((h) => ({ docno: h.id, score: h.score })));
    }
    const written = parseRun(readFileSync(out, 'utf8'));
    expect([...written.keys()]).toEqual([...bm25.keys()]);
    for (const [qid, entries] of bm25) expect(written.get(qid)!.map((e) => e.docno).sort()).toEqual(entries.map((e) => e.docno).sort());
    const qrels = parseBeirQrels(readFileSync(folder.qrels, 'utf8'));
    const measures = parseMeasures(['ndcg_cut_10', 'num_ret']);
    expect(result.stdout).toBe(formatComparison(evaluateRun(qrels, bm25, measures), evaluateRun(qrels, written, measures)));
  });

  it('leaves a checkpoint on Ctrl-C, and --resume finishes the same run file byte for byte', async () => {
    const big = generateBeirFolder(join(work, 'big'), { seed: 12, queries: 40, docs: 60, runDepth: 20 });
    const args = (out: string): string[] => ['eval', '--beir', big.dir, '--run', big.run, '--model', model, '--top-k', '20', '--out', out, '--no-cache', '--batch-size', '1'];
    const reference = join(work, 'whole.run');
    expect((await webrerank(args(reference))).code).toBe(0);

    const out = join(work, 'interrupted.run');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args(out)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // SIGINT once the first query's lines are in the file.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(out) && readFileSync(out, 'utf8').includes('\n')) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolve();
        }
      }, 10);
    });
    expect(await exited).toBe(130);
    expect(stderr).toContain('run again with --resume');
    const partial = readFileSync(out, 'utf8');
    const partialQueries = parseRun(partial).size;
    expect(partialQueries).toBeGreaterThan(0);
    expect(partialQueries).toBeLessThan(40);
    expect(readFileSync(reference, 'utf8').startsWith(partial)).toBe(true);
    expect(existsSync(`${out}.checkpoint.json`)).toBe(true);

    // A checkpoint of another setup is refused rather than mixed in.
    const other = await webrerank([...args(out).map((a) => (a === '20' ? '19' : a)), '--resume']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('INVALID_OPTION');
    expect(readFileSync(out, 'utf8')).toBe(partial);

    const resumed = await webrerank([...args(out), '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming after ${partialQueries} of 40 queries`);
    expect(resumed.stderr).toContain(`${(40 - partialQueries) * 20} scored by the model`);
    expect(readFileSync(out)).toEqual(readFileSync(reference));
    expect(existsSync(`${out}.checkpoint.json`)).toBe(false);
  }, 180_000);

  it('refuses bad input with RerankerError codes before loading the model', async () => {
    const bad = generateBeirFolder(join(work, 'bad'), { seed: 13, queries: 3, docs: 10, runDepth: 5 });
    const base = ['eval', '--beir', bad.dir, '--model', join(work, 'no-model'), '--no-cache', '--out', join(work, 'bad.run')];
    const cases: [string[], string, RegExp][] = [
      [[...base, '--run', join(work, 'missing.run')], 'INVALID_INPUT', /cannot read --run .*missing.run: ENOENT/],
      [[...base, '--run', bad.run, '--split', 'dev'], 'INVALID_INPUT', /cannot read --beir .*qrels\/dev.tsv: ENOENT/],
      [[...base, '--run', writeFile('unknown-qid.run', 'q0 Q0 d1 1 1 x\nq99 Q0 d1 1 1 x\n')], 'INVALID_INPUT', /run: query q99 is not in the queries file/],
      [[...base, '--run', writeFile('unknown-doc.run', 'q0 Q0 nope 1 1 x\n')], 'INVALID_INPUT', /1 document\(s\) not in the corpus: nope/],
      [[...base, '--run', writeFile('short.run', 'q0 Q0 d1 1\n')], 'INVALID_INPUT', /line 1: expected 6 fields/],
      [[...base.slice(0, -1), bad.run, '--run', bad.run], 'INVALID_OPTION', /is the --run file/],
      [[...base, '--run', bad.run, '--jsonl', 'x'], 'INVALID_OPTION', /one of --beir DIR and --jsonl FILE/],
      [[...base, '--run', bad.run, '--top-k', '0'], 'INVALID_OPTION', /--top-k must be at least 1/],
      [[...base, '--run', bad.run, '--measures', 'ndcg_cut'], 'INVALID_OPTION', /unknown measure "ndcg_cut"/],
      [['eval', '--jsonl', 'x', '--model', 'm', '--top-k', '5'], 'INVALID_OPTION', /--top-k is for --beir/],
    ];
    for (const [args, code, message] of cases) {
      const result = await webrerank(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`webrerank: ${code}: `);
      expect(result.stderr).toMatch(message);
    }
  }, 120_000);
});

function writeFile(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('score cache on disk', () => {
  it('serves a second run without the model and keys on the model files and the options that change scores', async () => {
    const tasks = [{ qid: 'q', query: 'what is panda', docnos: ['a', 'b', 'c'] }];
    const docs = new Map([['a', 'the panda is a bear'], ['b', 'paris is a city'], ['c', 'a red car']]);
    let calls = 0;
    const counting = {
      computeScore: ((pairs: never, options: never) => {
        calls += (pairs as unknown[]).length;
        return reranker.computeScore(pairs, options);
      }) as LoadedReranker['computeScore'],
    };
    const setup = { model, dtype: 'auto', backend: 'wasm', kind: undefined, options: {} };
    const key = await setupKey(setup);
    const cacheDir = join(work, 'cache-b');
    const collect = async (): Promise<unknown[]> => {
      const results: unknown[] = [];
      for await (const r of rerankRun(counting, tasks, { passage: (d) => docs.get(d)!, cache: diskScoreCache(cacheDir, key) })) results.push(r);
      return results;
    };
    const first = await collect();
    expect(calls).toBe(3);
    calls = 0;
    expect(await collect()).toEqual(first.map((r) => ({ ...(r as object), scored: 0 })));
    expect(calls).toBe(0);
    // Batching options do not change the key; options that change scores and the files do.
    expect(await setupKey({ ...setup, options: { batchSize: 7, maxBatchTokens: 99 } })).toBe(key);
    expect(await setupKey({ ...setup, options: { maxLength: 64 } })).not.toBe(key);
    expect(await setupKey({ ...setup, dtype: 'q8' })).not.toBe(key);
    const config = join(model, 'config.json');
    const when = new Date(Date.now() - 1000);
    utimesSync(config, when, when);
    expect(await setupKey(setup)).not.toBe(key);
  });
});

describe('webrerank eval --jsonl', () => {
  it('prints the means of the per-line measures of computeScore scores', async () => {
    const lines = [
      { query: 'what is panda', pos: ['the panda is a bear', 'giant panda'], neg: ['paris is a city', 'a red car', 'the ocean'] },
      { query: 'capital of france', pos: ['paris is the capital of france'], neg: [] },
    ];
    const file = writeFile('seed.jsonl', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const result = await webrerank(['eval', '--jsonl', file, '--model', model]);
    expect(result.code).toBe(0);
    const expected = [];
    for (const [i, line] of lines.entries()) {
      const scores = await reranker.computeScore([...line.pos, ...line.neg].map((p) => [line.query, p] as const));
      expected.push(seedLineMetrics(scores.slice(0, line.pos.length), scores.slice(line.pos.length), i + 1));
    }
    expect(result.stdout).toBe(formatSeedSummary(summarizeSeed(expected)));
    expect(result.stdout).toMatch(/^lines\t2\nMRR@10\t\d\.\d{4}\nnDCG@10\t\d\.\d{4}\nRecall@1\t\d\.\d{4}\nmargin\t-?\d+\.\d{4}\t\(1 lines with negatives\)\n$/);
  });

  it('names the bad line', async () => {
    const file = writeFile('bad-seed.jsonl', '{"query":"q","pos":["a"],"neg":[]}\n{"query":"q","pos":"a"}\n');
    const result = await webrerank(['eval', '--jsonl', file, '--model', model]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`webrerank: INVALID_INPUT: ${file} line 2 needs "pos", a non-empty array of strings`);
  });
});
