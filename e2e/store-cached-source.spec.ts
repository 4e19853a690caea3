// cachedSource (the library's download-then-cache path) in a real browser against the local hub
// server: IndexedDB, fetch and storage quota are Chromium's own (the store harness page, each
// test in a fresh browser context).
import type { RerankerEvent } from '../packages/core/src/protocol';
import type { StoreHarness } from './harness/store';
import { expect, test, XLMR_TINY } from './support/fixtures';
import { HARNESS_ORIGIN } from './support/origins';
import { limitQuota, openHarness, sha256, XLMR_FILES } from './support/store-page';

test.describe('cachedSource against the hub server', () => {
  test.beforeEach(async ({ page }) => openHarness(page));

  const baseUrl = (hubUrl: string): string => `${hubUrl}/${XLMR_TINY}/resolve/main/`;

  test('downloads xlmr-tiny once, then serves every file from the cache with no request', async ({ page, hub, network }) => {
    const load = () =>
      page.evaluate(
        async ({ base, host, model, files }) => {
          const h: StoreHarness = window.storeHarness;
          const events: RerankerEvent[] = [];
          const store = h.createIdbModelStore('webrerank', { chunkSize: 64 * 1024 });
          const source = h.cachedSource({ baseUrl: base, key: { host, model, revision: 'main' }, store, onEvent: (e) => events.push(e) });
          const digests: Record<string, string> = {};
          for (const file of files) digests[file] = await h.sha256Hex((await source.read(file)) as Uint8Array<ArrayBuffer>);
          const stored = (await store.list({ host, model, revision: 'main' })).map((f) => f.file);
          const cached = files.every((file) => stored.includes(file));
          const manifest = (await store.list({ host, model })).find((f) => f.file === 'onnx/model.onnx');
          return { digests, events, cached, modelSha: manifest?.sha256 };
        },
        { base: baseUrl(hub.url), host: hub.url, model: XLMR_TINY, files: XLMR_FILES },
      );

    const first = await load();
    const expected = Object.fromEntries(XLMR_FILES.map((file) => [file, sha256(hub.fileBytes(XLMR_TINY, file))]));
    expect(first.digests).toEqual(expected);
    expect(first.cached).toBe(true);
    expect(first.modelSha).toBe(expected['onnx/model.onnx']); // X-Linked-Etag, verified and kept
    expect(hub.requests().map((r) => r.path)).toEqual(XLMR_FILES.map((file) => `/${XLMR_TINY}/resolve/main/${file}`));
    const firstProgress = first.events.filter((e) => e.type === 'progress');
    expect(firstProgress.every((e) => e.from === 'network')).toBe(true);
    const total = XLMR_FILES.reduce((sum, file) => sum + hub.fileBytes(XLMR_TINY, file).length, 0);
    expect(firstProgress.at(-1)).toMatchObject({ file: 'onnx/model.onnx', done: true, overallLoaded: total, overallTotal: total });
    expect(first.events.filter((e) => e.type === 'warning')).toEqual([]);

    hub.resetRequests();
    const requestsBefore = network.requests().length;
    const second = await load();
    expect(second.digests).toEqual(expected);
    expect(hub.requests()).toEqual([]);
    expect(network.requests().slice(requestsBefore)).toEqual([]);
    expect(second.events.every((e) => e.type === 'progress' && e.from === 'cache' && e.done)).toBe(true);
    expect(second.events).toHaveLength(XLMR_FILES.length);
    expect(network.outside(HARNESS_ORIGIN, hub.url)).toEqual([]);
  });

  test('under a tiny quota, still returns every file, with one QUOTA_EXCEEDED warning', async ({ page, hub }) => {
    await limitQuota(page, 200 * 1024); // the 870 KiB model does not fit
    const result = await page.evaluate(
      async ({ base, host, model, files }) => {
        const h: StoreHarness = window.storeHarness;
        const events: RerankerEvent[] = [];
        const store = h.createIdbModelStore();
        const source = h.cachedSource({ baseUrl: base, key: { host, model, revision: 'main' }, store, onEvent: (e) => events.push(e) });
        const digests: Record<string, string> = {};
        for (const file of ['onnx/model.onnx', ...files]) digests[file] = await h.sha256Hex((await source.read(file)) as Uint8Array<ArrayBuffer>);
        const stored = (await store.list()).map((f) => f.file);
        const chunkKeysOfModel = (await h.rawDb().keys()).filter((k) => k.startsWith('chunk|') && k.includes('model.onnx'));
        return { digests, warnings: events.filter((e) => e.type === 'warning'), stored, chunkKeysOfModel };
      },
      { base: baseUrl(hub.url), host: hub.url, model: XLMR_TINY, files: XLMR_FILES.slice(0, 4) },
    );
    for (const file of XLMR_FILES) expect(result.digests[file], file).toBe(sha256(hub.fileBytes(XLMR_TINY, file)));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ type: 'warning', code: 'QUOTA_EXCEEDED' });
    expect(result.chunkKeysOfModel).toEqual([]);
    // After the first failure the source stops storing: the small files that came next were not tried.
    expect(result.stored).toEqual([]);
  });

  test('a connection dropped mid-file is MODEL_FETCH_FAILED and stores nothing; the next read succeeds', async ({ page, hub }) => {
    hub.setFaults([{ path: 'onnx/model.onnx', kind: 'drop', afterBytes: 300_000, times: 1 }]);
    const result = await page.evaluate(
      async ({ base, host, model }) => {
        const h: StoreHarness = window.storeHarness;
        const store = h.createIdbModelStore('webrerank', { chunkSize: 64 * 1024 });
        const source = h.cachedSource({ baseUrl: base, key: { host, model, revision: 'main' }, store });
        let error: { code?: string | undefined; message?: string } | undefined;
        try {
          await source.read('onnx/model.onnx');
        } catch (e) {
          error = { code: (e as { code?: string }).code, message: (e as Error).message };
        }
        const keysAfterDrop = await h.rawDb().keys();
        const bytes = await source.read('onnx/model.onnx');
        const stored = (await store.list()).map((f) => ({ file: f.file, size: f.size }));
        return { error, keysAfterDrop, digest: await h.sha256Hex(bytes as Uint8Array<ArrayBuffer>), stored };
      },
      { base: baseUrl(hub.url), host: hub.url, model: XLMR_TINY },
    );
    const model = hub.fileBytes(XLMR_TINY, 'onnx/model.onnx');
    expect(result.error?.code).toBe('MODEL_FETCH_FAILED');
    expect(result.error?.message).toContain(`${baseUrl(hub.url)}onnx/model.onnx`);
    expect(result.keysAfterDrop).toEqual([]);
    expect(result.digest).toBe(sha256(model));
    expect(result.stored).toEqual([{ file: 'onnx/model.onnx', size: model.length }]);
    expect(hub.requests().filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  test('with IndexedDB blocked (SecurityError), loads from the network with a CACHE_UNAVAILABLE warning', async ({ page, hub }) => {
    const result = await page.evaluate(
      async ({ base, host, model }) => {
        const h: StoreHarness = window.storeHarness;
        // What a sandboxed or storage-blocked page sees.
        indexedDB.open = () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        };
        const events: RerankerEvent[] = [];
        const source = h.cachedSource({
          baseUrl: base, key: { host, model, revision: 'main' }, store: h.createIdbModelStore(), onEvent: (e) => events.push(e),
        });
        const sizes = [(await source.read('config.json')).length, (await source.read('onnx/model.onnx')).length];
        return { sizes, warnings: events.filter((e) => e.type === 'warning') };
      },
      { base: baseUrl(hub.url), host: hub.url, model: XLMR_TINY },
    );
    expect(result.sizes).toEqual([hub.fileBytes(XLMR_TINY, 'config.json').length, hub.fileBytes(XLMR_TINY, 'onnx/model.onnx').length]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'CACHE_UNAVAILABLE' });
    expect(result.warnings[0]?.message).toContain('SecurityError');
  });
});
