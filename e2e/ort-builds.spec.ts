// Which onnxruntime-web build a first visit of the built demo downloads: the worker imports the
// `wasm` build (ort-wasm-simd-threaded.wasm) for device 'wasm' and the `webgpu` build
// (ort-wasm-simd-threaded.asyncify.wasm) only when WebGPU runs; the demo's service worker
// precaches the wasm build and caches the webgpu build only once it is used. Every request that
// reaches the server is recorded by a proxy in front of `vite preview` (a fresh origin per test,
// so a first visit), with its bytes; the bytes per kind are printed, and the README's "What a
// first visit downloads" table comes from them.
import { expect, test, type Page } from '@playwright/test';
import type { Pair } from '../packages/core/src/api.js';
import { loadReranker } from '../packages/core/src/node/load-node.js';
import { ensureTinyModel } from '../packages/testkit/src/index.js';
import { DEMO_ORIGIN } from './support/origins.js';
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy } from './support/recording-proxy.js';

// The webgpu build's files, and those of the builds never used (JSEP, JSPI, all).
const WEBGPU_BUILD = /ort\.webgpu\.bundle|ort-wasm-simd-threaded\.(asyncify|jsep|jspi)|ort\.bundle\.min|ort\.all\./;
const WASM_BUILD = /\/assets\/(ort\.wasm\.bundle\.min-[\w-]+\.js|ort-wasm-simd-threaded-[\w-]+\.wasm)$/;

function kindOf(path: string): string {
  if (path.startsWith('/hub/')) return 'model';
  if (/\/assets\/ort[\w.-]+\.(js|wasm)$/.test(path)) return 'onnxruntime';
  if (/\/assets\/(default-entry|rolldown-runtime)-[\w-]+\.js$/.test(path)) return 'library worker';
  return 'demo page';
}

function report(label: string, requests: ProxiedRequest[]): void {
  const byKind = new Map<string, number>();
  for (const r of requests) byKind.set(kindOf(r.path), (byKind.get(kindOf(r.path)) ?? 0) + r.bytes);
  const total = requests.reduce((sum, r) => sum + r.bytes, 0);
  const lines = [...byKind].map(([kind, bytes]) => `  ${kind}: ${bytes} B`);
  const files = requests.filter((r) => r.path.includes('/assets/ort')).map((r) => `  ${r.path} ${r.bytes} B`);
  console.log(`first visit, ${label}: ${total} B in ${requests.length} requests\n${lines.join('\n')}\n${files.join('\n')}`);
}

/** The demo through a fresh recording proxy: a new origin, so nothing is cached yet. */
async function firstVisit(page: Page): Promise<RecordingProxy> {
  const proxy = await startRecordingProxy(DEMO_ORIGIN);
  await page.goto(`${proxy.origin}/`);
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  return proxy;
}

/** Every request sent so far has been answered in full. */
async function settled(proxy: RecordingProxy): Promise<ProxiedRequest[]> {
  await expect.poll(() => proxy.inFlight()).toBe(0);
  return [...proxy.requests];
}

async function rerankOn(page: Page, device: 'wasm' | 'webgpu'): Promise<void> {
  await page.getByTestId('device').selectOption(device);
  await page.getByTestId('dtype').selectOption('fp32');
  await page.getByTestId('sample').click();
  await page.getByTestId('rerank').click();
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('runtime-summary')).toHaveAttribute('data-device', device);
}

/** The page's scores against the Node engine on the same model files (fp32). */
async function expectNodeScores(page: Page): Promise<void> {
  const query = await page.getByTestId('query').inputValue();
  const passages = (await page.getByTestId('passages').inputValue()).split('\n');
  const shown = await page.getByTestId('result-row').evaluateAll((nodes) =>
    nodes.map((node) => ({ index: Number((node as HTMLElement).dataset.index), score: Number((node as HTMLElement).dataset.score) })),
  );
  expect(shown).toHaveLength(passages.length);
  const reranker = await loadReranker(await ensureTinyModel(), { dtype: 'fp32' });
  try {
    const expected = await reranker.computeScore(passages.map((p): Pair => [query, p]));
    for (const row of shown) expect(Math.abs(row.score - expected[row.index]!)).toBeLessThanOrEqual(1e-4);
  } finally {
    await reranker.dispose();
  }
}

function shellCache(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith('webrerank-shell-'));
    return (await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))).flat();
  });
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // onnxruntime's own log: on WebGPU it warns (through console.error) that shape ops stay on
    // the CPU, as designed.
    if (message.type() === 'error' && !message.text().includes('[W:onnxruntime:')) errors.push(message.text());
  });
  return errors;
}

test.describe('onnxruntime-web: one build per device, first visit', () => {
  test('device "wasm" never downloads the webgpu build (page, workers and service worker)', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    const proxy = await firstVisit(page);
    try {
      await rerankOn(page, 'wasm');
      await expectNodeScores(page);
      // The service worker has installed: its precache downloads are part of the visit.
      await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
      const requests = await settled(proxy);
      report('device wasm, with the demo service worker', requests);

      expect(requests.filter((r) => WEBGPU_BUILD.test(r.path)).map((r) => r.path)).toEqual([]);
      expect(requests.filter((r) => WASM_BUILD.test(r.path) && r.path.endsWith('.wasm') && r.status === 200)).toHaveLength(1);
      const cached = await shellCache(page);
      expect(cached.some((url) => /ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(url))).toBe(true);
      expect(cached.filter((url) => WEBGPU_BUILD.test(url))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  test.describe('without the service worker', () => {
    // What the library itself downloads, with no precache beside it.
    test.use({ serviceWorkers: 'block' });

    for (const device of ['wasm', 'webgpu'] as const) {
      test(`device "${device}" downloads the ${device} build only`, async ({ page }) => {
        test.setTimeout(120_000);
        const errors = watchErrors(page);
        const proxy = await firstVisit(page);
        try {
          await rerankOn(page, device);
          await expectNodeScores(page);
          const requests = await settled(proxy);
          report(`device ${device}, no service worker`, requests);
          const ort = requests.filter((r) => r.path.includes('/assets/ort'));
          expect(ort.filter((r) => r.path.endsWith('.wasm')).map((r) => r.status)).toEqual([200]);
          if (device === 'wasm') {
            expect(ort.filter((r) => WEBGPU_BUILD.test(r.path))).toEqual([]);
          } else {
            expect(ort.filter((r) => WASM_BUILD.test(r.path))).toEqual([]);
            expect(ort.some((r) => /ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/.test(r.path))).toBe(true);
          }
          expect(errors).toEqual([]);
        } finally {
          await proxy.close();
        }
      });
    }
  });

  test('device "webgpu": the service worker caches the webgpu build once it is used', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    const proxy = await firstVisit(page);
    try {
      await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
      expect((await shellCache(page)).filter((url) => WEBGPU_BUILD.test(url))).toEqual([]);
      // The page is controlled now: the worker's requests pass through the service worker.
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await rerankOn(page, 'webgpu');
      await expect.poll(async () => (await shellCache(page)).filter((url) => WEBGPU_BUILD.test(url)).length).toBe(2);
      report('device webgpu, with the demo service worker', await settled(proxy));
      expect(errors).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
