// Reloads of the installed demo (the service worker controls the page) right after reranks and
// after dtype switches in the same tab must paint about as soon as the same reloads with service
// workers blocked. Reported: such reloads sometimes waited 7-57 s for the CSS and JS while the
// page itself was answered at once. Measured here before the fix (first paint, ms, 8 reloads):
// SW 126 98 109 143 126 5843 17744 16698 vs blocked at most 239; the CSS/JS fetch events
// reached the worker 4-12 s after the page asked for them, and the worker then answered in
// 1-6 ms. Cause: Chromium writing the compiled wasm code into the Cache Storage entry the .wasm
// came from (see detached() in packages/demo/src/sw/sw.ts).
// Robust on a loaded machine: first paint is the page's own first-contentful-paint entry, both
// contexts run in this one test, interleaved, so the machine's load hits both; and one stall of
// either side is forgiven (the second-slowest reloads are compared):
//   2nd slowest(SW) <= 3 x 2nd slowest(blocked) + 1000 ms.
import { expect, test, type Browser, type Page } from '@playwright/test';

const ROUNDS = 4; // x2 reloads (after a rerank, after a dtype switch) per context

interface TraceEntry { path: string; at: number; ms: number; source: string }

/** first-contentful-paint of the current document, ms from the navigation's start. */
function firstPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const paint = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
          if (paint) resolve(paint.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

/** The service worker's record of its last answers (packages/demo/src/sw/sw.ts). */
function swTrace(page: Page): Promise<TraceEntry[]> {
  return page.evaluate(
    () =>
      new Promise<TraceEntry[]>((resolve, reject) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return reject(new Error('no service worker controls the page'));
        navigator.serviceWorker.addEventListener('message', (event) => resolve((event.data as { trace: TraceEntry[] }).trace), { once: true });
        controller.postMessage('trace');
      }),
  );
}

async function rerank(page: Page): Promise<void> {
  await page.getByTestId('rerank').click();
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
}

/** Reloads and returns the new document's time to first paint. */
async function timedReload(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  const paint = await firstPaint(page);
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  return paint;
}

async function openTab(browser: Browser, baseURL: string, serviceWorkers: 'allow' | 'block'): Promise<Page> {
  const context = await browser.newContext({ baseURL, serviceWorkers });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('sample').click();
  // WebGPU: its onnxruntime build is the service worker's lazy file (stored on first use).
  await page.getByTestId('device').selectOption('webgpu');
  if (serviceWorkers === 'allow') {
    await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
  }
  return page;
}

/** The second-largest value: the slowest reload once one stall of the machine is set aside. */
const secondSlowest = (values: number[]): number => [...values].sort((a, b) => b - a)[1]!;

test('reloads after reranks and a dtype switch paint as soon with the service worker as without', async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const withSw = await openTab(browser, baseURL!, 'allow');
  const blocked = await openTab(browser, baseURL!, 'block');
  const times: Record<'sw' | 'blocked', number[]> = { sw: [], blocked: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const dtype = round % 2 ? 'q8' : 'fp32';
      for (const [name, page] of [['sw', withSw], ['blocked', blocked]] as const) {
        // Right after a rerank...
        await rerank(page);
        times[name].push(await timedReload(page));
        // ...and right after switching the weights in the same tab (a new reranker worker).
        await page.getByTestId('dtype').selectOption(dtype);
        await rerank(page);
        times[name].push(await timedReload(page));
      }
    }
    const summary = `first paint, ms: SW ${times.sw.map(Math.round).join(' ')} | blocked ${times.blocked.map(Math.round).join(' ')}`;
    testInfo.annotations.push({ type: 'timings', description: summary });
    console.log(summary);
    expect(secondSlowest(times.sw), summary).toBeLessThanOrEqual(3 * secondSlowest(times.blocked) + 1000);
    // The service worker really answered those reloads: page, CSS and JS from its cache.
    expect(await withSw.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await blocked.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    const answers = await swTrace(withSw);
    const shell = answers.filter((entry) => entry.path === '/index.html' || /^\/assets\/index-[\w-]+\.(js|css)$/.test(entry.path));
    expect(shell.length).toBeGreaterThanOrEqual(3 * 2 * ROUNDS);
    expect(shell.filter((entry) => entry.source !== 'cache')).toEqual([]);
    // The webgpu build (a lazy file) was downloaded once, then served from the cache.
    const lazy = answers.filter((entry) => entry.path.includes('asyncify'));
    expect(lazy.length).toBeGreaterThan(0);
    expect(lazy.filter((entry) => entry.source === 'network').length).toBeLessThanOrEqual(1);

    testInfo.annotations.push({ type: 'sw answers', description: `slowest SW answer of a shell file: ${Math.max(...shell.map((e) => e.ms))} ms` });
  } finally {
    await withSw.context().close();
    await blocked.context().close();
  }
});
