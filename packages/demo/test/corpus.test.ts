// The indexing worker's corpus (src/search/worker/corpus.ts) over a storage that behaves like
// IndexedDB's one-record writes, including the browser's QuotaExceededError past a size.
import { describe, expect, it } from 'vitest';
import { Corpus, type CorpusStorage, type StoredCorpus } from '../src/search/worker/corpus.js';

/** Keeps the record as IndexedDB would (a structured clone); writes over `quota` bytes fail whole. */
function memoryStorage(quota = Infinity): CorpusStorage & { record: StoredCorpus | undefined } {
  const storage = {
    record: undefined as StoredCorpus | undefined,
    read: async () => (storage.record ? structuredClone(storage.record) : undefined),
    write: async (record: StoredCorpus) => {
      if (JSON.stringify(record).length > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      storage.record = structuredClone(record);
    },
    erase: async () => {
      storage.record = undefined;
    },
  };
  return storage;
}

const doc = (name: string, text: string) => ({ name, kind: 'txt' as const, text });
const LONG = Array.from({ length: 200 }, (_, i) => `Sentence ${i} about giant pandas and bamboo forests.`).join(' ');

describe('Corpus', () => {
  it('adds, searches, survives a reopen, deletes and clears', async () => {
    const storage = memoryStorage();
    const corpus = new Corpus(storage);
    await corpus.open();
    await corpus.add([doc('a.txt', 'Giant pandas eat bamboo.'), doc('b.txt', LONG)]);
    expect(corpus.info().docs.map((d) => d.name).sort()).toEqual(['a.txt', 'b.txt']);
    expect(corpus.info().passages).toBeGreaterThan(5);
    expect(corpus.info().storedBytes).toBeGreaterThan(LONG.length);

    const again = new Corpus(storage);
    await again.open();
    expect(again.info()).toEqual(corpus.info());
    const hits = again.search('bamboo', 100);
    expect(hits.map((h) => h.bm25Rank)).toEqual(hits.map((_, i) => i + 1));
    expect(new Set(hits.map((h) => h.docName))).toEqual(new Set(['a.txt', 'b.txt']));

    const a = again.info().docs.find((d) => d.name === 'a.txt')!;
    expect(await again.remove(a.id)).toBe(true);
    expect(await again.remove(a.id)).toBe(false);
    expect(again.search('bamboo', 100).every((h) => h.docName === 'b.txt')).toBe(true);
    await again.clear();
    expect(again.info()).toEqual({ docs: [], passages: 0, storedBytes: 0 });
    expect(storage.record).toBeUndefined();
  });

  it('a document with a name already there replaces it', async () => {
    const corpus = new Corpus(memoryStorage());
    await corpus.open();
    await corpus.add([doc('a.txt', 'old words')]);
    expect(await corpus.add([doc('a.txt', 'new words')])).toEqual({ added: 1, replaced: 1 });
    expect(corpus.info().docs).toHaveLength(1);
    expect(corpus.search('old', 10)).toEqual([]);
    expect(corpus.search('new', 10)).toHaveLength(1);
  });

  it('a write over the quota fails with QUOTA_EXCEEDED and leaves the stored corpus, in memory too', async () => {
    const storage = memoryStorage(20_000);
    const corpus = new Corpus(storage);
    await corpus.open();
    await corpus.add([doc('small.txt', 'Giant pandas eat bamboo.')]);
    const before = corpus.info();
    await expect(corpus.add([doc('small.txt', LONG), doc('big.txt', LONG.repeat(3))])).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringMatching(/unchanged/) });
    // Neither the replacement nor the new document: what is stored, and what a search finds.
    expect(corpus.info()).toEqual(before);
    expect(corpus.search('forests', 10)).toEqual([]);
    expect(corpus.search('eat', 10).map((h) => h.text)).toEqual(['Giant pandas eat bamboo.']);
    expect(storage.record?.docs.map((d) => d.name)).toEqual(['small.txt']);
  });

  it('a storage that cannot be read reports CACHE_UNAVAILABLE', async () => {
    const corpus = new Corpus({ ...memoryStorage(), read: () => Promise.reject(new DOMException('blocked', 'SecurityError')) });
    await expect(corpus.open()).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE' });
  });
});

describe('Corpus input', () => {
  it('a bad document in a batch changes nothing', async () => {
    const corpus = new Corpus(memoryStorage());
    await corpus.open();
    await corpus.add([doc('a.txt', 'pandas')]);
    const before = corpus.info();
    await expect(corpus.add([doc('a.txt', 'new'), { name: 'b.txt', kind: 'txt', text: 42 } as unknown as ReturnType<typeof doc>])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(corpus.info()).toEqual(before);
    expect(corpus.search('pandas', 5)).toHaveLength(1);
  });
});
