import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RerankerError } from '../src/errors.js';
import type { ProgressEvent, RerankerEvent, WarningEvent } from '../src/protocol.js';
import { cachedSource } from '../src/store/cached-source.js';
import type { FetchFn } from '../src/store/fetch-file.js';
import type { ModelStore, StoreGetOptions, StorePutOptions, StoredFileInfo, StoredFileKey } from '../src/store/model-store.js';
import { matchesFilter } from '../src/store/store-keys.js';

/**
 * A test double of the store, in memory: enough to check cachedSource's decisions (hit, miss,
 * degrade, refetch). The real IndexedDB store is tested in a browser (e2e/store.spec.ts).
 */
class MemoryStore implements ModelStore {
  readonly files = new Map<string, { info: StoredFileInfo; bytes: Uint8Array; corrupt?: boolean }>();
  putError: unknown;
  getError: unknown;
  /** When set, every put waits for it: lets a test hold several puts in flight at once. */
  putGate: Promise<void> | undefined;
  puts = 0;

  static id(key: StoredFileKey): string {
    return JSON.stringify([key.host, key.model, key.revision, key.file]);
  }
  async get(key: StoredFileKey, options?: StoreGetOptions): Promise<Uint8Array | undefined> {
    if (this.getError) throw this.getError;
    const entry = this.files.get(MemoryStore.id(key));
    if (entry?.corrupt) {
      this.files.delete(MemoryStore.id(key));
      options?.onCorrupt?.('chunk 0 does not match its sha256');
      return undefined;
    }
    if (entry) options?.onFound?.(entry.info);
    return entry?.bytes.slice();
  }
  async put(key: StoredFileKey, bytes: Uint8Array, sha256: string | undefined, options?: StorePutOptions): Promise<void> {
    this.puts++;
    if (this.putGate) await this.putGate;
    if (this.putError) throw this.putError;
    this.files.set(MemoryStore.id(key), { info: { ...key, size: bytes.length, sha256, storedAt: Date.now(), checked: options?.checked === true }, bytes: bytes.slice() });
  }
  async has(key: StoredFileKey): Promise<boolean> {
    return this.files.has(MemoryStore.id(key));
  }
  async list(filter?: Partial<StoredFileKey>): Promise<StoredFileInfo[]> {
    return [...this.files.values()].map((f) => f.info).filter((info) => matchesFilter(info, filter));
  }
  async delete(filter?: Partial<StoredFileKey>): Promise<number> {
    let n = 0;
    for (const [id, f] of this.files) if (matchesFilter(f.info, filter) && this.files.delete(id)) n++;
    return n;
  }
}

const BASE = 'https://models.example/o/m/resolve/main/';
const KEY = { host: 'https://models.example', model: 'o/m', revision: 'main' };
const FILES: Record<string, Uint8Array> = {
  'config.json': new TextEncoder().encode('{"model_type":"xlm-roberta"}'),
  // The shape cachedSource checks an ONNX file for: ir_version 8, then one graph field
  // (tag 0x3a, length 199 994 as a 3-byte varint) whose content is anything.
  'onnx/model.onnx': Buffer.concat([Buffer.from([0x08, 0x08, 0x3a, 0xba, 0x9a, 0x0c]), randomBytes(199_994)]),
};

/** A fetch over FILES, counting requests; big files stream in 10 pieces with the hub's headers. */
function fakeHub(): { fetch: FetchFn; requests: string[] } {
  const requests: string[] = [];
  const fetch: FetchFn = async (url) => {
    requests.push(url);
    const bytes = FILES[url.slice(BASE.length)];
    if (!bytes) return new Response('not found', { status: 404 });
    const sha = createHash('sha256').update(bytes).digest('hex');
    const step = Math.ceil(bytes.length / 10);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + step));
        offset += step;
      },
    });
    return new Response(stream, { headers: { 'X-Linked-Size': String(bytes.length), 'X-Linked-Etag': `"${sha}"` } });
  };
  return { fetch, requests };
}

function setup(store: ModelStore | undefined) {
  const hub = fakeHub();
  const events: RerankerEvent[] = [];
  const source = cachedSource({ baseUrl: BASE, key: KEY, store, fetch: hub.fetch, onEvent: (e) => events.push(e), progressIntervalMs: 0 });
  const warnings = (): WarningEvent[] => events.filter((e): e is WarningEvent => e.type === 'warning');
  const progress = (): ProgressEvent[] => events.filter((e): e is ProgressEvent => e.type === 'progress');
  return { source, hub, events, warnings, progress };
}

const equal = (a: Uint8Array, b: Uint8Array | undefined): boolean => b !== undefined && Buffer.from(a).equals(Buffer.from(b));

describe('cachedSource', () => {
  it('downloads a miss, stores it with its sha256, and serves the next read from the store', async () => {
    const store = new MemoryStore();
    const first = setup(store);
    expect(first.source.location).toBe(BASE);
    expect(equal(FILES['onnx/model.onnx'] as Uint8Array, await first.source.read('onnx/model.onnx'))).toBe(true);
    expect(first.hub.requests).toEqual([`${BASE}onnx/model.onnx`]);
    const [stored] = await store.list();
    expect(stored?.sha256).toBe(createHash('sha256').update(FILES['onnx/model.onnx'] as Uint8Array).digest('hex'));
    expect(stored).toMatchObject({ ...KEY, file: 'onnx/model.onnx', size: 200_000 });

    const second = setup(store);
    expect(equal(FILES['onnx/model.onnx'] as Uint8Array, await second.source.read('onnx/model.onnx'))).toBe(true);
    expect(second.hub.requests).toEqual([]);
    expect(second.progress()).toEqual([
      { type: 'progress', file: 'onnx/model.onnx', loaded: 200_000, total: 200_000, overallLoaded: 200_000, overallTotal: 200_000, from: 'cache', done: true },
    ]);
    expect(second.warnings()).toEqual([]);
  });

  it('reports network progress per file and over every file read, monotonic, ending done', async () => {
    const { source, progress } = setup(new MemoryStore());
    await source.read('config.json');
    await source.read('onnx/model.onnx');
    const events = progress();
    expect(events.every((e) => e.from === 'network')).toBe(true);
    const model = events.filter((e) => e.file === 'onnx/model.onnx');
    expect(model.length).toBeGreaterThan(5);
    expect(model.map((e) => e.loaded)).toEqual(model.map((e) => e.loaded).sort((a, b) => a - b));
    const configSize = (FILES['config.json'] as Uint8Array).length;
    const last = events.at(-1);
    expect(last).toMatchObject({ file: 'onnx/model.onnx', loaded: 200_000, total: 200_000, done: true });
    expect(last?.overallLoaded).toBe(200_000 + configSize);
    expect(last?.overallTotal).toBe(200_000 + configSize);
    expect(events.filter((e) => e.done).map((e) => e.file)).toEqual(['config.json', 'onnx/model.onnx']);
    // Overall never goes backwards and never passes the overall total.
    const overall = events.map((e) => e.overallLoaded);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(events.every((e) => e.overallTotal === undefined || e.overallLoaded <= e.overallTotal)).toBe(true);
  });

  it('throttles network progress but always sends the last event', async () => {
    const hub = fakeHub();
    const events: RerankerEvent[] = [];
    const source = cachedSource({ baseUrl: BASE, key: KEY, store: undefined, fetch: hub.fetch, onEvent: (e) => events.push(e), progressIntervalMs: 60_000 });
    await source.read('onnx/model.onnx');
    expect(events.map((e) => e.type === 'progress' && [e.loaded, e.done])).toEqual([[20_000, false], [200_000, true]]);
  });

  it('keeps loading without the cache when the quota is exceeded: one warning, no further puts', async () => {
    const store = new MemoryStore();
    store.putError = new RerankerError('QUOTA_EXCEEDED', 'no room');
    const { source, warnings } = setup(store);
    expect(equal(FILES['onnx/model.onnx'] as Uint8Array, await source.read('onnx/model.onnx'))).toBe(true);
    expect(equal(FILES['config.json'] as Uint8Array, await source.read('config.json'))).toBe(true);
    expect(store.puts).toBe(1);
    expect(warnings().map((w) => w.code)).toEqual(['QUOTA_EXCEEDED']);
  });

  it('warns QUOTA_EXCEEDED once per load even when the files of the load fail to store together', async () => {
    const store = new MemoryStore();
    store.putError = new RerankerError('QUOTA_EXCEEDED', 'no room');
    let release = (): void => undefined;
    store.putGate = new Promise((open) => (release = open));
    const { source, warnings } = setup(store);
    // The loaders read the tokenizer and the weights in parallel: both puts are under way before either fails.
    const reads = Promise.all([source.read('config.json'), source.read('onnx/model.onnx')]);
    await expect.poll(() => store.puts).toBe(2);
    release();
    await reads;
    expect(warnings().map((w) => w.code)).toEqual(['QUOTA_EXCEEDED']);
  });

  it('with storeAlongside, returns a download before its cache write ends, and settled() waits for the write', async () => {
    const store = new MemoryStore();
    let release = (): void => undefined;
    store.putGate = new Promise((open) => (release = open));
    const hub = fakeHub();
    const source = cachedSource({ baseUrl: BASE, key: KEY, store, fetch: hub.fetch, storeAlongside: true });
    // The write is held: without storeAlongside this read would wait for it.
    expect(equal(FILES['onnx/model.onnx'] as Uint8Array, await source.read('onnx/model.onnx'))).toBe(true);
    expect(store.puts).toBe(1);
    expect(await store.list()).toEqual([]);
    let settled = false;
    const waiting = source.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await waiting;
    expect((await store.list()).map((f) => f.file)).toEqual(['onnx/model.onnx']);
  });

  it('with storeAlongside, a failed write is a warning and settled() still resolves', async () => {
    const store = new MemoryStore();
    store.putError = new RerankerError('QUOTA_EXCEEDED', 'no room');
    const events: RerankerEvent[] = [];
    const source = cachedSource({ baseUrl: BASE, key: KEY, store, fetch: fakeHub().fetch, storeAlongside: true, onEvent: (e) => events.push(e) });
    expect(equal(FILES['config.json'] as Uint8Array, await source.read('config.json'))).toBe(true);
    await source.settled();
    expect(events.filter((e) => e.type === 'warning').map((e) => e.type === 'warning' && e.code)).toEqual(['QUOTA_EXCEEDED']);
  });

  it('stores nothing that is not the file it claims to be, and drops such a stored file, fetching it again once', async () => {
    const store = new MemoryStore();
    const html = new TextEncoder().encode('<!doctype html><p>Sign in</p>');
    const { source, hub, warnings } = setup(store);
    const good = FILES['config.json'] as Uint8Array;
    FILES['config.json'] = html;
    try {
      const error = await source.read('config.json').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MODEL_FETCH_FAILED', message: expect.stringMatching(/config\.json.*not JSON/) });
      expect(store.puts).toBe(0);
      // As an older version would have kept it: stored complete, digests fine, content wrong.
      await store.put({ ...KEY, file: 'config.json' }, html, undefined);
    } finally {
      FILES['config.json'] = good;
    }
    hub.requests.length = 0;
    expect(equal(good, await source.read('config.json'))).toBe(true);
    expect(hub.requests).toEqual([`${BASE}config.json`]);
    expect(warnings().map((w) => w.code)).toEqual(['CACHE_CORRUPT']);
    expect(equal(good, await store.get({ ...KEY, file: 'config.json' }))).toBe(true);
    // Stored as checked: the next read trusts it without parsing it again.
    expect((await store.list({ ...KEY })).find((f) => f.file === 'config.json')?.checked).toBe(true);
  });

  it('checks a stored file when read back only if it was stored unchecked', async () => {
    const store = new MemoryStore();
    const odd = new TextEncoder().encode('not json, but stored by this version as checked');
    await store.put({ ...KEY, file: 'config.json' }, odd, undefined, { checked: true });
    const { source, hub } = setup(store);
    // Trusted as stored: its chunk digests are the store's guard against damage at rest.
    expect(equal(odd, await source.read('config.json'))).toBe(true);
    expect(hub.requests).toEqual([]);
  });

  it('keeps loading without the cache when IndexedDB is unusable, for reads and writes', async () => {
    const store = new MemoryStore();
    store.getError = new RerankerError('CACHE_UNAVAILABLE', 'SecurityError');
    const { source, warnings, hub } = setup(store);
    await source.read('config.json');
    await source.read('onnx/model.onnx');
    expect(hub.requests).toHaveLength(2);
    expect(store.puts).toBe(0);
    expect(warnings().map((w) => w.code)).toEqual(['CACHE_UNAVAILABLE']);
  });

  it('turns any other store failure into a CACHE_UNAVAILABLE warning, not a failed load', async () => {
    const store = new MemoryStore();
    store.putError = new TypeError('something odd');
    const { source, warnings } = setup(store);
    expect((await source.read('config.json')).length).toBe((FILES['config.json'] as Uint8Array).length);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.code).toBe('CACHE_UNAVAILABLE');
    expect(warnings()[0]?.message).toContain('something odd');
  });

  it('warns CACHE_CORRUPT for a corrupt cached file, downloads it again, and stores the good copy', async () => {
    const store = new MemoryStore();
    await setup(store).source.read('onnx/model.onnx');
    const entry = [...store.files.values()][0];
    if (entry) entry.corrupt = true;
    const { source, warnings, hub } = setup(store);
    expect(equal(FILES['onnx/model.onnx'] as Uint8Array, await source.read('onnx/model.onnx'))).toBe(true);
    expect(warnings().map((w) => w.code)).toEqual(['CACHE_CORRUPT']);
    expect(warnings()[0]?.message).toContain('onnx/model.onnx');
    expect(hub.requests).toHaveLength(1);
    expect(store.puts).toBe(2);
    expect([...store.files.values()][0]?.corrupt).toBeUndefined();
  });

  it('passes download failures through and leaves them out of the totals', async () => {
    const store = new MemoryStore();
    const { source, progress } = setup(store);
    await expect(source.read('tokenizer_config.json')).rejects.toMatchObject({ code: 'MODEL_FILE_NOT_FOUND' });
    await source.read('config.json');
    const size = (FILES['config.json'] as Uint8Array).length;
    expect(progress().at(-1)).toMatchObject({ overallLoaded: size, overallTotal: size });
    expect(store.puts).toBe(1);
  });

  it('stops with ABORTED before touching store or network once the signal fired', async () => {
    const store = new MemoryStore();
    const hub = fakeHub();
    const source = cachedSource({ baseUrl: BASE, key: KEY, store, fetch: hub.fetch, signal: AbortSignal.abort() });
    await expect(source.read('config.json')).rejects.toMatchObject({ code: 'ABORTED' });
    expect(hub.requests).toEqual([]);
  });

  it('adds the missing "/" to baseUrl and never shows credentials in location', () => {
    const source = cachedSource({ baseUrl: 'https://user:secret@models.example/o/m', key: KEY, store: undefined });
    expect(source.location).toBe('https://models.example/o/m/');
  });

  it('survives a throwing listener', async () => {
    const hub = fakeHub();
    const source = cachedSource({ baseUrl: BASE, key: KEY, store: undefined, fetch: hub.fetch, onEvent: () => { throw new Error('listener bug'); } });
    expect((await source.read('config.json')).length).toBeGreaterThan(0);
  });
});
