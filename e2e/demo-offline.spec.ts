// The demo as an installable, offline app: the service worker (packages/demo/src/sw/sw.ts) keeps
// the app shell and onnxruntime's .wasm, IndexedDB keeps the model; model requests are never
// cached nor answered by the service worker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium.js';
import { DEMO_ORIGIN } from './support/origins.js';
import { cutNetwork } from './support/offline.js';

interface Row { index: number; score: number }

async function rows(page: Page): Promise<Row[]> {
  return page.getByTestId('result-row').evaluateAll((nodes) =>
    nodes.map((node) => ({ index: Number((node as HTMLElement).dataset.index), score: Number((node as HTMLElement).dataset.score) })),
  );
}

async function rerankSample(page: Page): Promise<void> {
  await page.getByTestId('sample').click();
  await page.getByTestId('rerank').click();
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
}

/** Every URL in the origin's Cache Storage, by cache name. */
function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    return out;
  });
}

test.describe('demo: offline and installable', () => {
  test('after one visit, a reload with the network cut reranks again (service worker + IndexedDB)', async ({ page, context }) => {
    test.setTimeout(120_000); // three model loads
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/');
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    // WASM: the quickest to start here (the pickers are remembered across the reload).
    await page.getByTestId('device').selectOption('wasm');
    await rerankSample(page);
    const online = await rows(page);
    await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('cache')).toHaveAttribute('data-cached', 'true');

    // One cache, this build's shell: the page, its chunks, the .wasm, icons. No model file.
    const cached = await cacheContents(page);
    const names = Object.keys(cached);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^webrerank-shell-[0-9a-f]{16}$/);
    const urls = cached[names[0]!]!;
    expect(urls).toContain(`${DEMO_ORIGIN}/index.html`);
    expect(urls.some((url) => /\/assets\/ort-wasm-[\w.-]+\.wasm$/.test(url))).toBe(true);
    expect(urls.some((url) => /\/assets\/default-entry-[\w-]+\.js$/.test(url))).toBe(true);
    expect(urls.filter((url) => !url.startsWith(`${DEMO_ORIGIN}/`) || url.includes('/hub/'))).toEqual([]);

    // Model files pass the (now controlling) service worker by: clear the stored model and load
    // it again, online; every /hub/ answer comes from the network, none from the worker.
    const hubResponses: { url: string; status: number; fromServiceWorker: boolean }[] = [];
    context.on('response', (response) => {
      if (response.url().includes('/hub/')) hubResponses.push({ url: response.url(), status: response.status(), fromServiceWorker: response.fromServiceWorker() });
    });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.getByTestId('evict').click();
    await expect(page.getByTestId('cache')).toHaveAttribute('data-cached', 'false');
    await expect(page.locator('#status')).toContainText(/Removed \d+ stored files of webrerank-test\/tiny/);
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(page.getByTestId('progress')).toHaveAttribute('data-from', 'network');
    expect(hubResponses.length).toBeGreaterThanOrEqual(4);
    expect(hubResponses.filter((r) => r.fromServiceWorker || r.status !== 200)).toEqual([]);
    expect(Object.values(await cacheContents(page)).flat().filter((url) => url.includes('/hub/'))).toEqual([]);

    // Offline: the reload is answered by the service worker, the model by IndexedDB.
    const attempts = await cutNetwork(context);
    await page.reload();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    // The cached page kept its COOP/COEP headers: still isolated, so WASM threads still work.
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('cache')).toHaveAttribute('data-cached', 'true');
    await expect(page.getByTestId('device')).toHaveValue('wasm');
    await rerankSample(page);
    await expect(page.getByTestId('progress')).toHaveAttribute('data-from', 'cache');
    await expect(page.getByTestId('runtime')).toContainText('all from this device');
    const offline = await rows(page);
    expect(offline.map((r) => r.index)).toEqual(online.map((r) => r.index));
    offline.forEach((r, i) => expect(Math.abs(r.score - online[i]!.score)).toBeLessThanOrEqual(1e-6));
    expect(attempts, 'requests that reached the (cut) network').toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('installable: manifest with 192/512 PNG icons, a service worker, no installability errors', async ({ playwright, request }) => {
    // A persistent profile: Chromium never offers to install from an incognito-like context.
    const profile = mkdtempSync(join(tmpdir(), 'webrerank-install-'));
    const context = await playwright.chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), headless: true, baseURL: DEMO_ORIGIN });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/');
      await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });

      const manifestResponse = await request.get('/manifest.webmanifest');
      expect(manifestResponse.ok()).toBe(true);
      const manifest = (await manifestResponse.json()) as { start_url: string; display: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
      expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
      for (const size of [192, 512]) {
        const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png' && i.purpose !== 'maskable');
        expect(icon, `${size}px PNG icon`).toBeDefined();
        const png = await (await request.get(icon!.src)).body();
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      }
      expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
      expect(manifest.icons.some((i) => i.type === 'image/svg+xml')).toBe(true);

      // Chromium's own verdict (DevTools protocol), as its install prompt sees it.
      const cdp = await context.newCDPSession(page);
      const parsed = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
      expect(parsed.errors).toEqual([]);
      expect(parsed.url).toBe(`${DEMO_ORIGIN}/manifest.webmanifest`);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
