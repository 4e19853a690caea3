// The browser runtime with its IndexedDB cache and a misbehaving network: offline reloads,
// corrupt chunks, a full quota, 404s and connections dropped mid-file. Every test gets a fresh
// browser context, so a fresh, empty IndexedDB.
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { RerankerInfo } from '../packages/core/src/boundary/worker-api.js';
import type { RerankerEvent } from '../packages/core/src/protocol.js';
import { expect, test, XLMR_TINY } from './support/fixtures.js';
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
    expect(await warnings(page)).toContain('QUOTA_EXCEEDED');
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
});
