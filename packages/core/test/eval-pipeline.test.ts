// The platform-neutral evaluation pipeline (src/eval): BEIR and seed readers, the rerank loop
// with the generated tiny model (real onnxruntime), progress, abort and the cache interface.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel, generateBeirFiles, generateBeirFolder } from '@webrerank/testkit';
import type { Reranker } from '../src/api.js';
import { RerankerError } from '../src/errors.js';
import { bm25FirstStage } from '../src/eval/bm25-first-stage.js';
import { beirPassage, parseBeirQrels, readBeirCorpus, readBeirQueries } from '../src/eval/beir-files.js';
import type { EvalProgress } from '../src/eval/eval-progress.js';
import { rerankRun, type RerankedQuery, type ScoreCache } from '../src/eval/rerank-run.js';
import { checkCorpusCovers, neededDocnos, rerankTasks } from '../src/eval/rerank-tasks.js';
import { cutRun, formatRunLines, trecOrder } from '../src/eval/run-order.js';
import { readSeedExamples } from '../src/eval/seed-examples.js';
import { evaluateSeed, seedLineMetrics, summarizeSeed } from '../src/eval/seed-eval.js';
import { streamChunks, textLines } from '../src/eval/text-lines.js';
import { parseRun } from '../src/eval/trec-files.js';
import { loadReranker } from '../src/node/load-node.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const lines = (text: string, size = 7): AsyncGenerator<{ text: string; line: number }> => {
  // Chunks of a few characters: line breaks (and \r\n pairs) fall across chunk boundaries.
  const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
  return textLines(chunks);
};

async function rejection(promise: Promise<unknown>): Promise<RerankerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RerankerError) return error;
    throw error;
  }
  throw new Error('expected a RerankerError');
}

describe('textLines', () => {
  it('numbers lines across chunk boundaries, with \\r\\n, a BOM and no final break', async () => {
    expect(await collect(lines('\uFEFFab\r\ncd\n\nlast', 3))).toEqual([
      { text: 'ab', line: 1 }, { text: 'cd', line: 2 }, { text: '', line: 3 }, { text: 'last', line: 4 },
    ]);
    expect(await collect(textLines(['x\r', '\ny\n']))).toEqual([{ text: 'x', line: 1 }, { text: 'y', line: 2 }]);
  });

  it('reads a ReadableStream through its reader, and cancels it when left early', async () => {
    const stream = new Blob(['a\nb\n', 'c']).stream().pipeThrough(new TextDecoderStream());
    expect(await collect(textLines(streamChunks(stream)))).toEqual([{ text: 'a', line: 1 }, { text: 'b', line: 2 }, { text: 'c', line: 3 }]);
    let cancelled = false;
    const endless = new ReadableStream<string>({ pull: (controller) => controller.enqueue('x\n'), cancel: () => { cancelled = true; } });
    for await (const line of textLines(streamChunks(endless))) if (line.line === 3) break;
    expect(cancelled).toBe(true);
  });
});

describe('BEIR readers', () => {
  it("joins title and text as BEIR's and FlagEmbedding's rerankers do", () => {
    expect(beirPassage({ title: 'Panda', text: 'The giant panda.' })).toBe('Panda The giant panda.');
    expect(beirPassage({ title: '', text: 'No title.' })).toBe('No title.');
    expect(beirPassage({ text: ' padded ' })).toBe('padded');
  });

  it('reads the generated folder: queries, wanted documents only, qrels with their header', async () => {
    const files = generateBeirFiles({ seed: 3, queries: 6, docs: 30, runDepth: 10 });
    const queries = await readBeirQueries(lines(files['queries.jsonl']));
    expect([...queries.keys()]).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
    const corpus = await readBeirCorpus(lines(files['corpus.jsonl']), new Set(['d4', 'd5', 'd6']));
    const records = files['corpus.jsonl'].trim().split('\n').map((l) => JSON.parse(l) as { _id: string; title?: string; text: string });
    expect([...corpus.keys()]).toEqual(['d4', 'd5', 'd6']);
    // d4 has no title field, d5 an empty title: both are the text alone.
    expect(records[4]!.title).toBeUndefined();
    expect(records[5]!.title).toBe('');
    expect(corpus.get('d4')).toBe(records[4]!.text);
    expect(corpus.get('d6')).toBe(`${records[6]!.title!} ${records[6]!.text}`);
    expect((await readBeirCorpus(lines(files['corpus.jsonl']))).size).toBe(30);
    const qrels = parseBeirQrels(files['qrels/test.tsv']);
    expect(qrels.get('q0')).toEqual([expect.objectContaining({ rel: 0 })]);
    expect(parseBeirQrels('q1\td1\t2\n').get('q1')).toEqual([{ docno: 'd1', rel: 2 }]);
  });

  it('refuses bad lines with INVALID_INPUT naming the file and line', async () => {
    const cases: [Promise<unknown>, RegExp][] = [
      [readBeirQueries(lines('{"_id":"q1","text":"a"}\n{"_id":"q2"}\n')), /queries.jsonl line 2 needs a string "text"/],
      [readBeirQueries(lines('{"_id":"q1","text":"a"}\n\n{"_id":"q1","text":"b"}\n')), /line 3 query q1 is given twice/],
      [readBeirCorpus(lines('{"_id":"d 1","text":"a"}\n')), /white space/],
      [readBeirCorpus(lines('{"_id":"d1","text":"a"}\nnot json\n')), /corpus.jsonl line 2 is not valid JSON/],
      [readBeirCorpus(lines('[1]\n')), /line 1 must be a JSON object/],
    ];
    for (const [promise, message] of cases) {
      const error = await rejection(promise);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    }
    expect(() => parseBeirQrels('query-id\tcorpus-id\tscore\nq1\td1\n')).toThrow(/qrels\/test.tsv line 2 expected 3 tab-separated fields/);
    // Only the first line may be a header.
    expect(() => parseBeirQrels('query-id\tcorpus-id\tscore\nq1\td1\tx\n')).toThrow(/line 2: score "x" is not an integer|line 2 score "x"/);
  });
});

describe('BM25 first stage', () => {
  it("takes each query's best k over the passages; a query that matches nothing gets no entry", async () => {
    const corpus = '{"_id":"a","title":"Panda","text":"bears eat bamboo"}\n{"_id":"b","text":"paris is a city"}\n{"_id":"c","text":"panda paris"}\n';
    const run = await bm25FirstStage(lines(corpus), new Map([['q1', 'panda'], ['q2', 'zebra'], ['q3', 'paris panda']]), 1);
    expect([...run.keys()]).toEqual(['q1', 'q3']);
    // "panda" is in a's title (a passage is title + text) and in c; c, shorter, wins.
    expect(run.get('q1')!.map((e) => e.docno)).toEqual(['c']);
    expect(run.get('q3')!.map((e) => e.docno)).toEqual(['c']);
    await expect(bm25FirstStage(lines('{"_id":"a","text":"x"}\n{"_id":"a","text":"y"}\n'), new Map(), 1)).rejects.toThrow(/line 2 document a is given twice/);
  });
});

describe('rerank tasks', () => {
  it("cut each query's run to its top k in trec_eval's order and check queries and documents", () => {
    const run = parseRun('q1 Q0 a 1 1 t\nq1 Q0 b 2 3 t\nq1 Q0 c 3 3 t\nq2 Q0 x 1 1 t\n');
    const tasks = rerankTasks(run, new Map([['q1', 'one'], ['q2', 'two']]), 2);
    // 3 ties between b and c: the greater docno first.
    expect(tasks).toEqual([{ qid: 'q1', query: 'one', docnos: ['c', 'b'] }, { qid: 'q2', query: 'two', docnos: ['x'] }]);
    expect(cutRun(run, 2).get('q1')).toEqual([{ docno: 'c', score: 3 }, { docno: 'b', score: 3 }]);
    expect([...neededDocnos(tasks)]).toEqual(['c', 'b', 'x']);
    expect(() => rerankTasks(run, new Map([['q1', 'one']]), 2)).toThrow(/query q2 is not in the queries file/);
    expect(() => rerankTasks(parseRun('q1 Q0 a 1 1 t\nq1 Q0 a 2 0 t\n'), new Map([['q1', 'x']]), 5)).toThrow(/retrieves document a twice/);
    expect(() => rerankTasks(run, new Map(), 0)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => checkCorpusCovers(tasks, new Map([['c', '']]))).toThrow(/2 document\(s\) not in the corpus: b, x/);
  });

  it('formats TREC lines in trec_eval order with round-trip scores', () => {
    const entries = [{ docno: 'a', score: 0.1 + 0.2 }, { docno: 'b', score: -1.5e-7 }, { docno: 'c', score: 0.1 + 0.2 }];
    const text = formatRunLines('q', entries, 'tag');
    expect(text).toBe('q Q0 c 1 0.30000000000000004 tag\nq Q0 a 2 0.30000000000000004 tag\nq Q0 b 3 -1.5e-7 tag\n');
    expect(parseRun(text).get('q')).toEqual(trecOrder(entries));
  });
});

describe('rerankRun with the generated tiny model', () => {
  let reranker: Reranker;
  let calls = 0;
  let counting: Pick<Reranker, 'computeScore'>;
  const folder = generateBeirFolder(join(mkdtempSync(join(tmpdir(), 'webrerank-eval-')), 'beir'), { seed: 5, queries: 5, docs: 30, runDepth: 12 });

  beforeAll(async () => {
    reranker = await loadReranker(await ensureTinyModel());
    counting = {
      computeScore: ((pairs: never, options: never) => {
        calls += (pairs as unknown[]).length;
        return reranker.computeScore(pairs, options);
      }) as Reranker['computeScore'],
    };
  });
  afterAll(async () => { await reranker.dispose(); });

  async function setup(): Promise<{ tasks: ReturnType<typeof rerankTasks>; corpus: Map<string, string> }> {
    const queries = await readBeirQueries(lines(readFileSync(join(folder.dir, 'queries.jsonl'), 'utf8'), 100));
    const tasks = rerankTasks(parseRun(readFileSync(folder.run, 'utf8')), queries, 10);
    const corpus = await readBeirCorpus(lines(readFileSync(join(folder.dir, 'corpus.jsonl'), 'utf8'), 100), neededDocnos(tasks));
    checkCorpusCovers(tasks, corpus);
    return { tasks, corpus };
  }

  it('yields each query ranked by the scores computeScore gives its pairs, with progress to the total', async () => {
    const { tasks, corpus } = await setup();
    const progress: EvalProgress[] = [];
    const results = await collect(rerankRun(reranker, tasks, { passage: (id) => corpus.get(id)!, onProgress: (p) => progress.push(p), scoreOptions: { batchSize: 4 } }));
    expect(results.map((r) => r.qid)).toEqual(tasks.map((t) => t.qid));
    for (const [i, task] of tasks.entries()) {
      const scores = await reranker.computeScore(task.docnos.map((d) => [task.query, corpus.get(d)!] as const));
      expect(results[i]!.ranking).toEqual(trecOrder(task.docnos.map((docno, j) => ({ docno, score: scores[j]! }))));
      expect(results[i]!.scored).toBe(task.docnos.length);
    }
    const total = tasks.reduce((n, t) => n + t.docnos.length, 0);
    expect(progress.at(-1)).toMatchObject({ pairsDone: total, pairsTotal: total, queriesDone: tasks.length, queriesTotal: tasks.length, pairsScored: total });
    // Batches of 4 report within a query, and pairsDone never goes back.
    expect(progress.length).toBeGreaterThan(tasks.length * 2);
    expect(progress.every((p, i) => i === 0 || p.pairsDone >= progress[i - 1]!.pairsDone)).toBe(true);
  });

  it('serves cached scores without the model, and skips done queries', async () => {
    const { tasks, corpus } = await setup();
    const store = new Map<string, number>();
    const cache: ScoreCache = {
      get: (query, passages) => Promise.resolve(passages.map((p) => store.get(`${query}\n${p}`))),
      set: (query, passages, scores) => { passages.forEach((p, i) => store.set(`${query}\n${p}`, scores[i]!)); return Promise.resolve(); },
    };
    const passage = (id: string): string => corpus.get(id)!;
    calls = 0;
    const first = await collect(rerankRun(counting, tasks, { passage, cache }));
    expect(calls).toBe(tasks.reduce((n, t) => n + t.docnos.length, 0));
    calls = 0;
    const again = await collect(rerankRun(counting, tasks, { passage, cache }));
    expect(calls).toBe(0);
    expect(again).toEqual(first.map((r): RerankedQuery => ({ ...r, scored: 0 })));
    const rest = await collect(rerankRun(counting, tasks, { passage, cache, done: new Set([tasks[0]!.qid]) }));
    expect(rest.map((r) => r.qid)).toEqual(tasks.slice(1).map((t) => t.qid));
  });

  it('ends with ABORTED when the signal fires; the queries yielded before stay', async () => {
    const { tasks, corpus } = await setup();
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await rejection((async () => {
      for await (const result of rerankRun(reranker, tasks, { passage: (id) => corpus.get(id)!, signal: controller.signal })) {
        seen.push(result.qid);
        controller.abort();
      }
    })());
    expect(error.code).toBe('ABORTED');
    expect(seen).toEqual([tasks[0]!.qid]);
  });

  it('lets an abort from a timer in between queries (WASM scoring alone never turns the event loop)', async () => {
    const { tasks, corpus } = await setup();
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await rejection((async () => {
      for await (const result of rerankRun(reranker, tasks, { passage: (id) => corpus.get(id)!, signal: controller.signal })) {
        // A macrotask, as a SIGINT handler is: it must run before the last query is scored.
        if (seen.push(result.qid) === 1) setTimeout(() => controller.abort(), 0);
      }
    })());
    expect(error.code).toBe('ABORTED');
    expect(seen.length).toBeLessThan(tasks.length);
  });
});

describe('seed jsonl evaluation', () => {
  it('computes MRR@10, nDCG@10, Recall@1 and the margin as documented, by hand', () => {
    // Ranking: p(3) n(2) p(1) n(1): the tie at 1 puts the negative first.
    const m = seedLineMetrics([3, 1], [2, 1]);
    expect(m.mrr10).toBe(1);
    expect(m.recall1).toBe(0.5);
    expect(m.ndcg10).toBeCloseTo((1 + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)), 12);
    expect(m.margin).toBe(2 - 1.5);
    // A tie at the top goes to the negative: rank 2.
    expect(seedLineMetrics([1], [1])).toMatchObject({ mrr10: 0.5, recall1: 0, margin: 0 });
    // The positive at rank 11: no MRR@10, no nDCG@10.
    expect(seedLineMetrics([0], Array.from({ length: 10 }, () => 1))).toMatchObject({ mrr10: 0, ndcg10: 0 });
    expect(seedLineMetrics([5], []).margin).toBeUndefined();
    expect(summarizeSeed([m, seedLineMetrics([5], [])])).toEqual({
      lines: 2, mrr10: 1, recall1: 0.75, ndcg10: (m.ndcg10 + 1) / 2, margin: 0.5, marginLines: 1,
    });
  });

  it('refuses bad lines naming the line', async () => {
    const cases: [string, RegExp][] = [
      ['{"query":"q","pos":["a"]}\n{"query":"q","pos":[]}\n', /jsonl line 2 needs "pos"/],
      ['{"query":"q","pos":["a"],"neg":[1]}\n', /line 1 "neg" must be/],
      ['\n{"pos":["a"]}\n', /line 2 needs a string "query"/],
      ['{"query":"q","pos":["a"],"prompt":3}\n', /"prompt" must be a string/],
      ['{oops\n', /line 1 is not valid JSON/],
      ['\n\n', /has no example/],
    ];
    for (const [text, message] of cases) {
      const error = await rejection(readSeedExamples(lines(text)));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    }
  });

  it('scores each line with the model and yields its measures', async () => {
    const reranker = await loadReranker(await ensureTinyModel());
    try {
      const examples = await readSeedExamples(lines('{"query":"what is panda","pos":["the panda is a bear"],"neg":["paris is a city","a red car"]}\n'));
      const [result] = await collect(evaluateSeed(reranker, examples));
      const [pos, n1, n2] = await reranker.computeScore([['what is panda', 'the panda is a bear'], ['what is panda', 'paris is a city'], ['what is panda', 'a red car']]);
      expect(result).toEqual(seedLineMetrics([pos!], [n1!, n2!], 1));
    } finally {
      await reranker.dispose();
    }
  });
});
