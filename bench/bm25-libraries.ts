// Compares the maintained full-text libraries we could build the BM25 first stage on
// (`@webrerank/core/search`, the demo's Search mode, `webrerank eval` without --run):
// index time, query time, heap used and snapshot size for 10k passages, bundle size, and how
// close each one's top-10 is to textbook Okapi BM25 (k1 1.2, b 0.75, Lucene's idf) computed
// here, since a first stage that is not BM25 would make "BM25 then rerank" numbers wrong.
//
//   node --expose-gc --import tsx bench/bm25-libraries.ts [--passages 10000] [--queries 200]
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { coreSourceAlias } from '../packages/core/source-alias.js';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama';
import { save as oramaSave } from '@orama/orama';
import { Index as FlexIndex } from 'flexsearch';
import winkBm25 from 'wink-bm25-text-search';
import { seededRandom } from '../packages/testkit/src/index.js';
import { createBm25Index, type Bm25Index } from '../packages/core/src/search/index.js';

interface Passage { id: string; text: string }

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const PASSAGES = arg('--passages', 10_000);
const QUERIES = arg('--queries', 200);
const TOP_K = 100;

// A Zipf-distributed vocabulary of 30k pseudo-words: idf then varies as in real text, so the
// libraries' rankings can actually disagree with BM25.
function corpus(): { passages: Passage[]; queries: string[] } {
  const random = seededRandom(7);
  const syllables = ['ka', 'lo', 'mi', 'ten', 'ra', 'su', 'vel', 'do', 'qui', 'an', 'or', 'es', 'ti', 'nu', 'bre', 'fa'];
  const vocabulary = Array.from({ length: 30_000 }, (_, i) => {
    let word = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
    return word;
  });
  const weights = vocabulary.map((_, i) => 1 / (i + 1));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative.at(-1) ?? 1;
  const word = (): string => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return vocabulary[low] ?? 'x';
  };
  const sentence = (words: number): string => Array.from({ length: words }, word).join(' ');
  const passages = Array.from({ length: PASSAGES }, (_, i) => ({
    id: `p${i}`,
    text: sentence(40 + Math.floor(random() * 120)),
  }));
  const queries = Array.from({ length: QUERIES }, () => sentence(2 + Math.floor(random() * 4)));
  return { passages, queries };
}

const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

// Okapi BM25 as Lucene computes it, the reference the libraries are compared to.
function referenceBm25(passages: Passage[]): (query: string) => string[] {
  const postings = new Map<string, Map<number, number>>();
  const lengths = passages.map((passage, doc) => {
    const terms = tokens(passage.text);
    for (const term of terms) {
      const list = postings.get(term) ?? new Map<number, number>();
      list.set(doc, (list.get(doc) ?? 0) + 1);
      postings.set(term, list);
    }
    return terms.length;
  });
  const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  return (query) => {
    const scores = new Map<number, number>();
    for (const term of tokens(query)) {
      const list = postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (passages.length - list.size + 0.5) / (list.size + 0.5));
      for (const [doc, tf] of list) {
        const norm = tf + 1.2 * (1 - 0.75 + (0.75 * (lengths[doc] ?? 0)) / average);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * 2.2) / norm);
      }
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10).map(([doc]) => passages[doc]?.id ?? '');
  };
}

interface Candidate {
  name: string;
  entry: string; // what a user's bundle imports, for the size measurement
  index(passages: Passage[]): unknown;
  search(index: unknown, query: string): string[];
  snapshot(index: unknown): string;
}

const candidates: Candidate[] = [
  {
    name: 'minisearch 7.2.0',
    entry: `import MiniSearch from 'minisearch'; const m = new MiniSearch({ fields: ['text'] }); m.addAll([{ id: 1, text: 'a' }]); console.log(m.search('a'), JSON.stringify(m), MiniSearch.loadJSON('', { fields: ['text'] }));`,
    index: (passages) => {
      const index = new MiniSearch<Passage>({ fields: ['text'], searchOptions: { bm25: { k: 1.2, b: 0.75, d: 0 } } });
      index.addAll(passages);
      return index;
    },
    search: (index, query) => (index as MiniSearch<Passage>).search(query).slice(0, TOP_K).map((hit) => String(hit.id)),
    snapshot: (index) => JSON.stringify(index),
  },
  {
    // What webrerank ships: MiniSearch with its two departures from Okapi BM25 undone.
    name: '@webrerank/core/search (minisearch 7.2.0, made Okapi)',
    entry: `import { createBm25Index, restoreBm25Index } from '@webrerank/core/search'; const i = createBm25Index(); i.add([{ id: 'a', text: 'a' }]); console.log(i.search('a', 1), restoreBm25Index(i.toJSON()));`,
    index: (passages) => {
      const index = createBm25Index();
      index.add(passages);
      return index;
    },
    search: (index, query) => (index as Bm25Index).search(query, TOP_K).map((hit) => hit.id),
    snapshot: (index) => JSON.stringify(index),
  },
  {
    name: '@orama/orama 3.1.18',
    entry: `import { create, insertMultiple, search, save } from '@orama/orama'; const db = create({ schema: { text: 'string' } }); insertMultiple(db, [{ text: 'a' }]); console.log(search(db, { term: 'a' }), save(db));`,
    index: (passages) => {
      const db = create({ schema: { id: 'string', text: 'string' } as const });
      void insertMultiple(db, passages, 10_000);
      return db;
    },
    search: (index, query) => {
      // threshold 1: every document with any query term (the default, 0, keeps only those with
      // all of them); exact: whole terms, not prefixes.
      const result = oramaSearch(index as AnyOrama, { term: query, properties: ['text'], limit: TOP_K, threshold: 1, exact: true, relevance: { k: 1.2, b: 0.75, d: 0 } });
      if (result instanceof Promise) throw new Error('orama search returned a promise');
      return result.hits.map((hit) => String((hit.document as unknown as Passage).id));
    },
    snapshot: (index) => JSON.stringify(oramaSave(index as AnyOrama)),
  },
  {
    name: 'flexsearch 0.8.212',
    entry: `import { Index } from 'flexsearch'; const i = new Index(); i.add(1, 'a'); console.log(i.search('a'));`,
    index: (passages) => {
      const index = new FlexIndex({ tokenize: 'strict', resolution: 9 });
      passages.forEach((passage, doc) => index.add(doc, passage.text));
      return { index, passages };
    },
    search: (handle, query) => {
      const { index, passages } = handle as { index: FlexIndex; passages: Passage[] };
      // Flexsearch has no BM25 and no scores; "or" across terms is the closest to BM25's candidates.
      return (index.search(query, { limit: TOP_K, suggest: true }) as number[]).map((doc) => passages[doc]?.id ?? '');
    },
    snapshot: () => '(async export of many keys; not measured)',
  },
  {
    // Its own prep tasks come from wink-nlp-utils (about 1 MB bundled); our tokenizer instead.
    name: 'wink-bm25-text-search 3.1.2',
    entry: `import bm25 from 'wink-bm25-text-search'; const e = bm25(); e.defineConfig({ fldWeights: { text: 1 } }); e.definePrepTasks([(t) => t.toLowerCase().split(' ')]); ['a','b','c'].forEach((t, i) => e.addDoc({ text: t }, i)); e.consolidate(); console.log(e.search('a'), e.exportJSON());`,
    index: (passages) => {
      const engine = winkBm25();
      engine.defineConfig({ fldWeights: { text: 1 }, bm25Params: { k1: 1.2, b: 0.75, k: 1 } });
      engine.definePrepTasks([(text: string) => tokens(text)]);
      passages.forEach((passage) => engine.addDoc({ text: passage.text }, passage.id));
      engine.consolidate(); // after this, no document can be added: the whole index is rebuilt
      return engine;
    },
    search: (engine, query) => (engine as ReturnType<typeof winkBm25>).search(query, TOP_K).map(([id]) => String(id)),
    snapshot: (engine) => (engine as ReturnType<typeof winkBm25>).exportJSON(),
  },
];

async function bundleBytes(entry: string): Promise<{ min: number; gzip: number }> {
  // Inside the repository, so that the bare imports resolve from its node_modules.
  const dir = mkdtempSync(join(import.meta.dirname, '.bm25-size-'));
  try {
    writeFileSync(join(dir, 'entry.js'), entry);
    await build({
      root: dir,
      logLevel: 'silent',
      configFile: false,
      resolve: { alias: [coreSourceAlias] },
      build: { outDir: join(dir, 'out'), lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: 'bundle' }, minify: true },
    });
    const code = readFileSync(join(dir, 'out', 'bundle.js'));
    return { min: code.length, gzip: gzipSync(code).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

const { passages, queries } = corpus();
const reference = referenceBm25(passages);
const truth = queries.map(reference);
console.log(`${PASSAGES} passages (${kB(passages.reduce((n, p) => n + p.text.length, 0))} of text), ${QUERIES} queries, top-${TOP_K}\n`);
console.log('| library | index | query (mean) | heap used | snapshot | bundle min / gzip | top-10 = BM25 top-10 (mean overlap) |');
console.log('|---|---|---|---|---|---|---|');
for (const candidate of candidates) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = candidate.index(passages);
  const indexMs = performance.now() - started;
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const queryStarted = performance.now();
  const results = queries.map((query) => candidate.search(index, query));
  const queryMs = (performance.now() - queryStarted) / queries.length;
  const overlap = results.reduce((sum, ids, i) => {
    const expected = new Set(truth[i]);
    return sum + ids.slice(0, 10).filter((id) => expected.has(id)).length / Math.max(1, expected.size);
  }, 0) / queries.length;
  const snapshot = candidate.snapshot(index);
  const size = await bundleBytes(candidate.entry);
  console.log(
    `| ${candidate.name} | ${indexMs.toFixed(0)} ms | ${queryMs.toFixed(2)} ms | ${kB(heap)} | ${snapshot.startsWith('(') ? snapshot : kB(snapshot.length)} | ${kB(size.min)} / ${kB(size.gzip)} | ${(overlap * 100).toFixed(1)} % |`,
  );
}
