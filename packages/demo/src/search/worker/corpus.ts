// The corpus the indexing worker holds: documents, their passages and the BM25 index, kept in
// IndexedDB as one record so a reload (also offline) finds it again. One record, written in one
// transaction: a write the browser refuses (quota) leaves the previous corpus whole, and the
// worker goes back to it.
import { createBm25Index, restoreBm25Index, type Bm25Index, type Bm25Snapshot } from '@webrerank/core/search';
import { createStore, del, get, set } from 'idb-keyval';
import type { CorpusInfo, DocInfo, Hit, NewDoc } from '../protocol.js';
import { splitPassages } from '../split.js';

interface StoredPassage {
  id: string;
  docId: string;
  text: string;
}

/** What IndexedDB holds under KEY. `version` changes when this shape does. */
export interface StoredCorpus {
  version: 1;
  docs: DocInfo[];
  passages: StoredPassage[];
  index: Bm25Snapshot;
}

const KEY = 'corpus';
const VERSION = 1;

/** Where the corpus record lives: IndexedDB in the app (idbStorage), anything alike in tests. */
export interface CorpusStorage {
  read(): Promise<StoredCorpus | undefined>;
  /** One atomic write: when it fails, the previous record is still there. */
  write(record: StoredCorpus): Promise<void>;
  erase(): Promise<void>;
}

/** The corpus record in its own IndexedDB database (never idb-keyval's shared default store). */
export function idbStorage(): CorpusStorage {
  const store = createStore('webrerank-search', 'corpus');
  return {
    read: () => get<StoredCorpus>(KEY, store),
    write: (record) => set(KEY, record, store),
    erase: () => del(KEY, store),
  };
}

/** An error with a RerankerErrorCode, sent to the page as data. */
export class CorpusError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

function storageError(error: unknown, doing: string): CorpusError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new CorpusError('QUOTA_EXCEEDED', `The browser refused to store more (storage quota) while ${doing}; the corpus stored before is unchanged. Delete documents or free space, then try again.`, { cause: error });
  }
  return new CorpusError('CACHE_UNAVAILABLE', `IndexedDB failed while ${doing} (${error instanceof Error ? error.message : String(error)}); the corpus stored before is unchanged.`, { cause: error });
}

export class Corpus {
  private docs = new Map<string, DocInfo>();
  private passages = new Map<string, StoredPassage>();
  private index: Bm25Index = createBm25Index();
  private storedBytes = 0;
  private readonly storage: CorpusStorage;

  constructor(storage: CorpusStorage = idbStorage()) {
    this.storage = storage;
  }

  /** Reads the stored corpus (none: an empty one). */
  async open(): Promise<void> {
    let stored: StoredCorpus | undefined;
    try {
      stored = await this.storage.read();
    } catch (error) {
      throw storageError(error, 'reading the stored corpus');
    }
    let index: Bm25Index | undefined;
    try {
      // A record of another shape (an older build's) or a snapshot the index no longer reads is
      // no corpus: the documents can be added again, and the next write replaces it.
      if (stored?.version === VERSION) index = restoreBm25Index(stored.index);
    } catch {
      index = undefined;
    }
    if (stored === undefined || index === undefined) {
      this.reset();
      return;
    }
    this.docs = new Map(stored.docs.map((d) => [d.id, d]));
    this.passages = new Map(stored.passages.map((p) => [p.id, p]));
    this.index = index;
    this.storedBytes = sizeOf(stored);
  }

  /** Splits and indexes `docs`; a document named like one already there replaces it. */
  async add(docs: readonly NewDoc[]): Promise<{ added: number; replaced: number }> {
    // Checked before anything changes: a bad document leaves the corpus as it was.
    for (const doc of docs) {
      if (typeof doc?.name !== 'string' || typeof doc.text !== 'string') throw new CorpusError('INVALID_INPUT', 'a document needs a name and a text');
    }
    let replaced = 0;
    for (const doc of docs) {
      const same = [...this.docs.values()].find((d) => d.name === doc.name);
      if (same) {
        this.drop(same.id);
        replaced++;
      }
      const id = crypto.randomUUID();
      const pieces = splitPassages(doc.text);
      const passages = pieces.map((piece, n): StoredPassage => ({ id: `${id}#${n}`, docId: id, text: piece.text }));
      for (const p of passages) this.passages.set(p.id, p);
      this.index.add(passages.map((p) => ({ id: p.id, text: p.text })));
      this.docs.set(id, { id, name: doc.name, kind: doc.kind, chars: doc.text.length, passages: passages.length, addedAt: Date.now() });
    }
    await this.persist(`adding ${docs.length === 1 ? (docs[0] as NewDoc).name : `${docs.length} documents`}`);
    return { added: docs.length, replaced };
  }

  async remove(id: string): Promise<boolean> {
    if (!this.docs.has(id)) return false;
    const name = (this.docs.get(id) as DocInfo).name;
    this.drop(id);
    await this.persist(`removing ${name}`);
    return true;
  }

  async clear(): Promise<void> {
    try {
      await this.storage.erase();
    } catch (error) {
      throw storageError(error, 'clearing the corpus');
    }
    this.reset();
  }

  /** BM25's best `topK` passages for `query`, with their documents. */
  search(query: string, topK: number): Hit[] {
    return this.index.search(query, topK).map((hit) => {
      const passage = this.passages.get(hit.id) as StoredPassage;
      const doc = this.docs.get(passage.docId) as DocInfo;
      return { passageId: hit.id, docId: doc.id, docName: doc.name, text: passage.text, bm25Rank: hit.rank, bm25Score: hit.score };
    });
  }

  info(): CorpusInfo {
    return { docs: [...this.docs.values()], passages: this.passages.size, storedBytes: this.storedBytes };
  }

  private drop(id: string): void {
    for (const p of [...this.passages.values()]) {
      if (p.docId !== id) continue;
      this.index.remove(p.id);
      this.passages.delete(p.id);
    }
    this.docs.delete(id);
  }

  private reset(): void {
    this.docs.clear();
    this.passages.clear();
    this.index = createBm25Index();
    this.storedBytes = 0;
  }

  // Writes the whole corpus as one record. On failure the in-memory corpus goes back to what is
  // stored, so the page never shows documents a reload would not find.
  private async persist(doing: string): Promise<void> {
    const record: StoredCorpus = { version: VERSION, docs: [...this.docs.values()], passages: [...this.passages.values()], index: this.index.toJSON() };
    try {
      await this.storage.write(record);
    } catch (error) {
      const failure = storageError(error, doing);
      await this.open().catch(() => this.reset());
      throw failure;
    }
    this.storedBytes = sizeOf(record);
  }
}

// The record's size as UTF-8 JSON: what the corpus costs, near enough to what IndexedDB keeps.
function sizeOf(record: StoredCorpus): number {
  return new TextEncoder().encode(JSON.stringify(record)).length;
}
