// The browser runtime's lifecycle: device fallback, a worker killed mid-call, concurrency,
// aborts, dispose, main-thread responsiveness and what goes over the network while scoring.
import type { Page } from '@playwright/test';
import type { Pair } from '../packages/core/src/api.js';
import type { RerankerEvent } from '../packages/core/src/protocol.js';
import { expect, test, TINY, XLMR_TINY } from './support/fixtures.js';
import type { HubServer } from './support/hub-server.js';
import { HARNESS_ORIGIN } from './support/origins.js';
import { openRuntime, value } from './support/runtime-page.js';

// 100 pairs of mixed lengths, the shape of a retriever's top 100.
const PAIRS_100: Pair[] = Array.from({ length: 100 }, (_, i) => [
  `query ${i % 4}: where do giant pandas live`,
  `passage ${i}: ${'The giant panda lives in the mountains of central China and eats bamboo. '.repeat(1 + (i % 9))}`,
]);

async function load(page: Page, hub: HubServer, model = XLMR_TINY): Promise<void> {
  await openRuntime(page);
  value(await page.evaluate(([m, host]) => window.rt.create({ model: m, host, device: 'wasm', dtype: 'fp32' }), [model, hub.url] as const));
}

test.describe('without WebGPU', () => {
  test.use({ webgpu: false });

  test('auto falls back to WASM q8 and says why; an explicit webgpu request fails with WEBGPU_UNAVAILABLE', async ({ page, hub }) => {
    await openRuntime(page);
    const info = value(await page.evaluate(([model, host]) => window.rt.create({ model, host }), [TINY, hub.url] as const));
    expect(info).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(info.rejected).toContainEqual(expect.objectContaining({ device: 'webgpu', reason: expect.stringMatching(/adapter|navigator\.gpu/) }));
    const events = await page.evaluate(() => window.rt.events());
    expect(events).toContainEqual(expect.objectContaining({ type: 'warning', code: 'WEBGPU_UNAVAILABLE' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'device', device: 'wasm', dtype: 'q8' }));

    const explicit = await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'webgpu' }), [TINY, hub.url] as const);
    expect(explicit).toMatchObject({ ok: false, code: 'WEBGPU_UNAVAILABLE' });
  });
});

test.describe('lifecycle', () => {
  test('a worker killed mid-call rejects its pending calls with WORKER_CRASHED; the next call starts a new one', async ({ page, hub }) => {
    await load(page, hub);
    const expected = value(await page.evaluate(() => window.rt.score([['what is panda?', 'hi']])));
    // The first run of the first call waits at the harness worker's gate: the worker dies with
    // one call inside onnxruntime and one queued behind it, whatever the machine's speed.
    await page.evaluate(() => window.rt.holdRuns());
    const ids = await page.evaluate((pairs) => [window.rt.start(pairs, { batchSize: 1 }), window.rt.start(pairs, { batchSize: 1 })], PAIRS_100);
    await page.waitForFunction(() => window.rt.runs().held === 1);
    await page.evaluate(() => window.rt.killWorker());
    for (const id of ids) expect(await page.evaluate((i) => window.rt.settle(i), id)).toMatchObject({ ok: false, code: 'WORKER_CRASHED' });
    expect(value(await page.evaluate(() => window.rt.score([['what is panda?', 'hi']])))).toEqual(expected);
    expect(await page.evaluate(() => window.rt.workerCount())).toBe(2);
    // The new worker read the model from the cache, not the network.
    const progress = (await page.evaluate(() => window.rt.events())).filter((e): e is Extract<RerankerEvent, { type: 'progress' }> => e.type === 'progress' && e.done);
    expect(progress.filter((e) => e.file === 'onnx/model.onnx').map((e) => e.from)).toEqual(['network', 'cache']);
  });

  test('50 concurrent computeScore calls all resolve with the right scores', async ({ page, hub }) => {
    await load(page, hub);
    const pairs = PAIRS_100.slice(0, 50);
    const together = value(await page.evaluate((ps) => window.rt.score(ps), pairs));
    const outcomes = await page.evaluate((ps) => Promise.all(ps.map((p) => window.rt.score([p]))), pairs);
    outcomes.forEach((o, i) => expect(Math.abs(value(o)[0]! - together[i]!)).toBeLessThanOrEqual(1e-5));
  });

  test('abort mid-run rejects with ABORTED and stops the worker at the next batch; the next call works', async ({ page, hub }) => {
    await load(page, hub);
    // Abort while the call's first batch is inside onnxruntime (held at the harness worker's gate).
    await page.evaluate(() => window.rt.holdRuns());
    const id = await page.evaluate((pairs) => window.rt.start(pairs, { batchSize: 1 }), PAIRS_100);
    await page.waitForFunction(() => window.rt.runs().held === 1);
    const before = await page.evaluate(() => window.rt.runs().started);
    await page.evaluate((i) => window.rt.abort(i), id);
    expect(await page.evaluate((i) => window.rt.settle(i), id)).toMatchObject({ ok: false, code: 'ABORTED' });
    await page.evaluate(() => window.rt.releaseRuns());
    // The cancel reached the worker before the release: the held batch finishes, no other starts.
    // The next call (one pair, one run) proves the queue moved on.
    expect(value(await page.evaluate(() => window.rt.score([['q', 'p']])))).toHaveLength(1);
    expect(await page.evaluate(() => window.rt.runs().started)).toBe(before + 1);
  });

  test('a load aborted with its signal rejects with ABORTED (its worker is stopped); a new load works', async ({ page, hub }) => {
    await openRuntime(page);
    hub.setFaults([{ path: 'onnx/model.onnx', kind: 'slow', bytesPerSecond: 50_000, times: 1 }]);
    // Aborted on the weights' first progress event: the (throttled) download is under way.
    const aborted = await page.evaluate(([model, host]) => window.rt.createAbortedDuring({ model, host, device: 'wasm', dtype: 'fp32' }, 'onnx/model.onnx'), [XLMR_TINY, hub.url] as const);
    expect(aborted).toMatchObject({ ok: false, code: 'ABORTED' });
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
    expect(value(await page.evaluate(() => window.rt.score([['q', 'p']])))).toHaveLength(1);
  });

  test('dispose() rejects queued calls with DISPOSED, and later calls too', async ({ page, hub }) => {
    await load(page, hub);
    const id = await page.evaluate((pairs) => window.rt.start(pairs, { batchSize: 1 }), PAIRS_100);
    value(await page.evaluate(() => window.rt.dispose()));
    expect(await page.evaluate((i) => window.rt.settle(i), id)).toMatchObject({ ok: false, code: 'DISPOSED' });
    expect(await page.evaluate(() => window.rt.score([['q', 'p']]))).toMatchObject({ ok: false, code: 'DISPOSED' });
  });

  test('the main thread stays free and nothing leaves the page while 100 pairs are scored', async ({ page, hub, network }) => {
    await load(page, hub);
    const before = network.requests().length;
    // While a run is inside onnxruntime (held at the gate), the page still runs its own tasks:
    // the model runs in the worker, not on the main thread. (Deterministic, where a bound on
    // long tasks was a wall-time assertion.)
    await page.evaluate(() => window.rt.holdRuns());
    const id = await page.evaluate((pairs) => window.rt.start(pairs), PAIRS_100);
    await page.waitForFunction(() => window.rt.runs().held === 1);
    expect(await page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve('timer ran'), 0)))).toBe('timer ran');
    // onnxruntime's .wasm binary was never fetched by the page itself (only by its worker; the page may see
    // onnxruntime-web's module, named ort.wasm.bundle…mjs, in Vite dev's module graph).
    expect(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => new URL(n).pathname.endsWith('.wasm')))).toEqual([]);
    await page.evaluate(() => window.rt.releaseRuns());
    const scores = value(await page.evaluate((i) => window.rt.settle(i), id));
    expect(scores).toHaveLength(100);
    // Scoring sends nothing anywhere; loading talked only to the page's origin and the model host.
    expect(network.requests().slice(before)).toEqual([]);
    expect(network.outside(HARNESS_ORIGIN, hub.url)).toEqual([]);
    expect(hub.requests().every((r) => r.path.startsWith(`/${XLMR_TINY}/resolve/main/`))).toBe(true);
  });
});
