// The browser runtime with its IndexedDB cache and a misbehaving network: offline reloads,
// corrupt chunks, a full quota, 404s and connections dropped mid-file. Every test gets a fresh
// browser context, so a fresh, empty IndexedDB.
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { RerankerInfo } from '../packages/core/src/boundary/worker-api.js';
import type { RerankerEvent } from '../packages/core/src/protocol.js';
import { expect, test, TINY_EXTERNAL, XLMR_TINY } from './support/fixtures.js';
import type { HubServer } from './support/hub-server.js';
import { HARNESS_ORIGIN } from './support/origins.js';
import { openRuntime, value, type Outcome } from './support/runtime-page.js';

const PAIRS: [string, string][] = [['what is panda?', 'hi'], ['what is panda?', 'Pandas are bears.'], ['熊猫是什么？', '大熊猫是中国特有的熊科动物。']];
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

function create(page: Page, hub: HubServer): Promise<Outcome<RerankerInfo>> {
  return page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const);
}
const score = (page: Page): Promise<number[]> => page.evaluate((pairs) => window.rt.score(pairs), PAIRS).then(value);
const warnings = async (page: Page): Promise<string[]> =>
  (await page.evaluate(() => window.rt.events())).filter((e): e is Extract<RerankerEvent, { type: 'warning' }> => e.type === 'warning').map((e) => e.code);

test.describe('model cache and network faults', () => {
  test('after one load, a reload with the model host unreachable scores from IndexedDB, bytes equal to the served files', async ({ page, hub }) => {
    await openRuntime(page);
    const first = value(await create(page, hub));
    expect(first.files.map((f) => f.from)).not.toContain('cache');
    const online = await score(page);

    hub.setFaults([{ path: '*', kind: 'refuse' }]);
    hub.resetRequests();
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    const second = value(await create(page, hub));
    expect(second.files.every((f) => f.from === 'cache')).toBe(true);
    expect(second.files.map((f) => f.path)).toEqual(expect.arrayContaining(FILES));
    expect(await score(page)).toEqual(online);
    expect(hub.requests()).toEqual([]); // not even tried: everything was in the cache

    for (const file of FILES) {
      const stored = await page.evaluate(([host, model, f]) => window.rt.storedDigest(host, model, f), [hub.url, XLMR_TINY, file] as const);
      const served = hub.fileBytes(XLMR_TINY, file);
      expect(stored, file).toEqual({ size: served.byteLength, sha256: createHash('sha256').update(served).digest('hex') });
    }
    expect(value(await page.evaluate(([m, h]) => window.rt.isCached(m, h), [XLMR_TINY, hub.url] as const))).toBe(true);
    expect(value(await page.evaluate(([m, h]) => window.rt.evict(m, h), [XLMR_TINY, hub.url] as const))).toBeGreaterThanOrEqual(FILES.length);
    expect(value(await page.evaluate(([m, h]) => window.rt.isCached(m, h), [XLMR_TINY, hub.url] as const))).toBe(false);
  });

  test('a cached chunk corrupted on disk is detected, reported and fetched again', async ({ page, hub }) => {
    await openRuntime(page);
    value(await create(page, hub));
    const expected = await score(page);
    await page.evaluate(([h, m]) => window.rt.corruptChunk(h, m, 'onnx/model.onnx'), [hub.url, XLMR_TINY] as const);

    hub.resetRequests();
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    const info = value(await create(page, hub));
    expect(info.files.find((f) => f.path === 'onnx/model.onnx')?.from).toBe('network');
    expect(hub.requests().map((r) => r.path)).toEqual([`/${XLMR_TINY}/resolve/main/onnx/model.onnx`]);
    expect(await warnings(page)).toContain('CACHE_CORRUPT');
    expect(await score(page)).toEqual(expected);
  });

  test('a storage quota too small for the model still scores, with a QUOTA_EXCEEDED warning', async ({ page, hub }) => {
    await openRuntime(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: HARNESS_ORIGIN, quotaSize: 64 * 1024 });
    value(await create(page, hub));
    expect(await score(page)).toHaveLength(PAIRS.length);
    // One warning for the load, as documented, though every file failed to store.
    expect((await warnings(page)).filter((code) => code === 'QUOTA_EXCEEDED')).toHaveLength(1);
    expect(value(await page.evaluate(([m, h]) => window.rt.isCached(m, h), [XLMR_TINY, hub.url] as const))).toBe(false);
  });

  test('a 404 is MODEL_FILE_NOT_FOUND naming the file; the next load works', async ({ page, hub }) => {
    await openRuntime(page);
    hub.setFaults([{ path: 'onnx/model.onnx', kind: 'status', status: 404, times: 1 }]);
    const failed = await create(page, hub);
    expect(failed).toMatchObject({ ok: false, code: 'MODEL_FILE_NOT_FOUND', message: expect.stringContaining('onnx/model.onnx') });
    value(await create(page, hub));
    expect(await score(page)).toHaveLength(PAIRS.length);
  });

  test('a connection dropped mid-file is MODEL_FETCH_FAILED, nothing partial is kept, the next load works', async ({ page, hub }) => {
    await openRuntime(page);
    hub.setFaults([{ path: 'onnx/model.onnx', kind: 'drop', afterBytes: 100_000, times: 1 }]);
    const failed = await create(page, hub);
    expect(failed).toMatchObject({ ok: false, code: 'MODEL_FETCH_FAILED' });
    expect(value(await page.evaluate(([m, h]) => window.rt.isCached(m, h), [XLMR_TINY, hub.url] as const))).toBe(false);
    const info = value(await create(page, hub));
    expect(info.files.find((f) => f.path === 'onnx/model.onnx')).toMatchObject({ from: 'network', bytes: hub.fileBytes(XLMR_TINY, 'onnx/model.onnx').byteLength });
    expect(await score(page)).toHaveLength(PAIRS.length);
  });

  // A wrong 200 (HTML for a JSON file, a file cut short but announced short) must not be cached:
  // the load that got it fails, and the next one asks the server again.
  for (const [what, fault, file] of [
    ['an HTML page served for config.json', { path: 'config.json', kind: 'html', times: 1 }, 'config.json'],
    ['a truncated tokenizer.json with a matching Content-Length', { path: 'tokenizer.json', kind: 'truncate', times: 1 }, 'tokenizer.json'],
  ] as const) {
    test(`${what} fails the load with MODEL_FETCH_FAILED; once the server is healthy the next load works without evict()`, async ({ page, hub }) => {
      await openRuntime(page);
      hub.setFaults([{ ...fault }]);
      const failed = await create(page, hub);
      expect(failed).toMatchObject({ ok: false, code: 'MODEL_FETCH_FAILED', message: expect.stringContaining(file) });
      expect(failed.ok === false && failed.message).toMatch(/not JSON/);
      expect(await page.evaluate(([h, m, f]) => window.rt.storedDigest(h, m, f), [hub.url, XLMR_TINY, file] as const)).toBeUndefined();

      hub.resetRequests();
      const info = value(await create(page, hub));
      expect(info.files.find((f) => f.path === file)).toMatchObject({ from: 'network', bytes: hub.fileBytes(XLMR_TINY, file).byteLength });
      expect(hub.requests().some((r) => r.path.endsWith(`/${file}`))).toBe(true);
      expect(await score(page)).toHaveLength(PAIRS.length);
    });
  }

  test('a stored file that is not what it claims (cached unchecked by an older version) is dropped, reported and fetched again once', async ({ page, hub }) => {
    await openRuntime(page);
    value(await create(page, hub));
    const expected = await score(page);
    // Complete, with matching chunk digests: only a look at the content shows it is wrong.
    await page.evaluate(([h, m]) => window.rt.plantStored(h, m, 'config.json', '<!doctype html><p>Sign in to the Wi-Fi</p>'), [hub.url, XLMR_TINY] as const);

    hub.resetRequests();
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    const info = value(await create(page, hub));
    expect(info.files.find((f) => f.path === 'config.json')?.from).toBe('network');
    expect(hub.requests().map((r) => r.path)).toEqual([`/${XLMR_TINY}/resolve/main/config.json`]);
    expect(await warnings(page)).toContain('CACHE_CORRUPT');
    expect(await score(page)).toEqual(expected);
    // The good copy replaced the bad one.
    const stored = await page.evaluate(([h, m]) => window.rt.storedDigest(h, m, 'config.json'), [hub.url, XLMR_TINY] as const);
    expect(stored?.size).toBe(hub.fileBytes(XLMR_TINY, 'config.json').byteLength);
  });

  test('a download that stalls fails with MODEL_FETCH_FAILED after stallTimeoutMs instead of hanging', async ({ page, hub }) => {
    await openRuntime(page);
    hub.setFaults([{ path: 'onnx/model.onnx', kind: 'stall', afterBytes: 10_000 }]);
    const failed = await page.evaluate(
      ([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32', stallTimeoutMs: 500 }),
      [XLMR_TINY, hub.url] as const,
    );
    expect(failed).toMatchObject({ ok: false, code: 'MODEL_FETCH_FAILED', message: expect.stringMatching(/onnx\/model\.onnx.*stalled/) });
  });

  test('isCached counts a graph only with its external data, and takes a dtype', async ({ page, hub }) => {
    await openRuntime(page);
    const cached = (dtype?: 'fp32' | 'q8') =>
      page.evaluate(([m, h, d]) => window.rt.isCached(m, h, d), [TINY_EXTERNAL, hub.url, dtype] as const).then(value);
    const info = value(await page.evaluate(
      ([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }),
      [TINY_EXTERNAL, hub.url] as const,
    ));
    expect(info.files.map((f) => f.path)).toContain('onnx/model.onnx_data');
    expect(await cached()).toBe(true);
    expect(await cached('fp32')).toBe(true);
    expect(await cached('q8')).toBe(false); // never loaded

    // The graph is still stored, its weights are not: it cannot load offline.
    await page.evaluate(([h, m]) => window.rt.forgetStored(h, m, 'onnx/model.onnx_data'), [hub.url, TINY_EXTERNAL] as const);
    expect(await cached()).toBe(false);
    expect(await cached('fp32')).toBe(false);
  });
});
