import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_ORIGIN as ORIGIN } from './support/origins.js';

// Smoke test of the built demo as `vite preview` serves it, with the production headers.
// connect-src: the app's own origin (its local test models under /hub) and the Hugging Face hub
// with the CDN hosts its downloads redirect to. Nothing else may be fetched.
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "connect-src 'self' https://huggingface.co https://cdn-lfs.hf.co https://cdn-lfs-us-1.hf.co https://cas-bridge.xethub.hf.co";

test('the built demo shell loads, is cross-origin isolated and talks only to its own origin', async ({
  page,
}, testInfo) => {
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const missingIsolation: string[] = [];

  // Context-wide: the service worker's precache requests count too.
  page.context().on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.context().on('response', (response) => {
    // Workers and .wasm fetched later need the same headers; check every response now.
    if (response.headers()['cross-origin-embedder-policy'] !== 'require-corp') {
      missingIsolation.push(response.url());
    }
  });
  // CSP violations are console errors too; this makes them explicit in the failure message.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });

  const response = await page.goto('/');
  expect(response, 'navigation response').not.toBeNull();
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(headers['content-security-policy']).toBe(CSP);

  await expect(page).toHaveTitle('webrerank');
  const app = page.locator('#app');
  // index.html ships no data-state; main.ts sets "idle", so this proves the bundle ran under
  // the CSP. Nothing loads a model until Rerank is pressed.
  await expect(app).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('rerank')).toBeVisible();
  await expect(page.getByTestId('model')).toHaveValue('webrerank-test/tiny');
  await expect(page.getByTestId('env')).toHaveAttribute('data-isolated', 'true');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');

  // The service worker has stored the app shell (its requests are checked like the page's).
  await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  // test-results/demo-shell.png (Playwright empties test-results/ at the start of each run).
  await page.screenshot({ path: join(testInfo.project.outputDir, 'demo-shell.png'), fullPage: true });

  expect(consoleErrors, 'console errors').toEqual([]);
  expect(missingIsolation, 'responses without COEP').toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  const foreign = requests.filter((url) => new URL(url).origin !== ORIGIN);
  expect(foreign, 'requests to other hosts').toEqual([]);
});
