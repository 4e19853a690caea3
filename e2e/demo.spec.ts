// The demo app (packages/demo) as deployed: `vite build` + `vite preview` with COOP/COEP and the
// strict CSP, the tiny test model served by the app itself under /hub. Scores shown in the page
// are checked against the Node engine on the same model files and dtype.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadReranker } from '../packages/core/src/node/load-node.js';
import type { Pair } from '../packages/core/src/api.js';
import { ensureTinyModel } from '../packages/testkit/src/index.js';

const QUERY = 'What do giant pandas eat?';
const PASSAGES = [
  'Giant pandas eat almost nothing but bamboo, up to 38 kg a day.',
  'The pandas library for Python offers DataFrame objects.',
  'Red pandas live in the eastern Himalayas.',
  'Koalas feed on eucalyptus leaves.',
  'Bamboo is a fast-growing grass.',
  'In zoos, giant pandas also get apples and carrots.',
  'Photosynthesis releases oxygen.',
  'A newborn giant panda weighs about 100 grams.',
  'Le panda géant se nourrit de bambou.',
  'Wolong Nature Reserve protects panda habitat.',
];

// fp32: WebGPU (SwiftShader) or WASM against Node's onnxruntime-web WASM, summing in another
// order. q8: both run the same quantized file on onnxruntime-web WASM.
const TOLERANCE: Record<string, number> = { fp32: 1e-4, fp16: 1e-2, q8: 1e-3 };

interface Row { index: number; rank: number; score: number; logit: number }

async function rows(page: Page): Promise<Row[]> {
  return page.getByTestId('result-row').evaluateAll((nodes) =>
    nodes.map((node) => {
      const data = (node as HTMLElement).dataset;
      return { index: Number(data.index), rank: Number(data.rank), score: Number(data.score), logit: Number(data.logit) };
    }),
  );
}

async function nodeScores(dtype: string, pairs: Pair[], normalize: boolean): Promise<number[]> {
  const reranker = await loadReranker(await ensureTinyModel(), { dtype: dtype as 'fp32' });
  try {
    return await reranker.computeScore(pairs, { normalize });
  } finally {
    await reranker.dispose();
  }
}

function expectClose(actual: number[], expected: number[], tolerance: number, what: string): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(Math.abs(x - (expected[i] as number)), `${what} ${i}: ${x} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
}

/** Page errors and CSP violations (page and workers) collected for the whole test. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) problems.push(message.text());
  });
  page.on('worker', (worker) => worker.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`worker: ${message.text()}`);
  }));
  return problems;
}

async function openDemo(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
}

test.describe('demo: reranking', () => {
  test('ranks 10 passages by the scores computeScore gives, shows progress, runtime and timings', async ({ page, context }, testInfo) => {
    const problems = watchProblems(page);
    const workerScripts: string[] = [];
    context.on('request', (request) => {
      if (/\/assets\/default-entry-[\w-]+\.js$/.test(request.url())) workerScripts.push(request.url());
    });
    await openDemo(page);
    await expect(page.getByTestId('model')).toHaveValue('webrerank-test/tiny');
    await expect(page.getByTestId('model').locator('option:checked')).toContainText('random weights');

    await page.getByTestId('query').fill(QUERY);
    await page.getByTestId('passages').fill(PASSAGES.join('\n'));
    await expect(page.locator('#passage-count')).toHaveText('10 passages');
    // Enter in the query field submits.
    await page.getByTestId('query').press('Enter');
    await expect(page.locator('#app')).toHaveAttribute('data-state', /loading|scoring|ready/);
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });

    const shown = await rows(page);
    expect(shown).toHaveLength(10);
    expect(shown.map((r) => r.index).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    for (let i = 1; i < shown.length; i++) expect(shown[i - 1]!.score).toBeGreaterThanOrEqual(shown[i]!.score);

    // The dtype the page actually used, and the same computation in Node on the same files.
    const summary = page.getByTestId('runtime-summary');
    const dtype = (await summary.getAttribute('data-dtype')) ?? '';
    const device = (await summary.getAttribute('data-device')) ?? '';
    expect(['fp32', 'fp16', 'q8']).toContain(dtype);
    const pairs = PASSAGES.map((p): Pair => [QUERY, p]);
    const expectedLogits = await nodeScores(dtype, pairs, false);
    const byIndex = (values: number[]): number[] => shown.map((r) => values[r.index] as number);
    expectClose(shown.map((r) => r.score), byIndex(expectedLogits), TOLERANCE[dtype]!, 'raw score');
    expectClose(shown.map((r) => r.logit), byIndex(expectedLogits), TOLERANCE[dtype]!, 'logit');

    // Normalize: the same rows now show sigmoid(logit), equal to computeScore(normalize: true).
    await page.getByTestId('normalize').check();
    const normalized = await rows(page);
    const expectedNormalized = await nodeScores(dtype, pairs, true);
    expectClose(normalized.map((r) => r.score), normalized.map((r) => expectedNormalized[r.index] as number), TOLERANCE[dtype]!, 'normalized score');
    normalized.forEach((r) => expect(r.score).toBeGreaterThan(0));

    // Moves against input order, e.g. "▲3", agree with the positions.
    for (const row of await page.getByTestId('result-row').all()) {
      const index = Number(await row.getAttribute('data-index'));
      const rank = Number(await row.getAttribute('data-rank'));
      const move = index - rank;
      await expect(row.locator('.move')).toHaveText(move > 0 ? `▲${move}` : move < 0 ? `▼${-move}` : '=');
    }

    // The download: every file complete, and the overall bar reached 100% from the events.
    const progress = page.getByTestId('progress');
    await expect(progress).toHaveAttribute('data-peak', '100.0');
    expect(await progress.evaluate((p) => (p as HTMLProgressElement).value)).toBe(100);
    await expect(progress).toHaveAttribute('data-from', 'network');
    const files = page.getByTestId('files').locator('li');
    expect(await files.count()).toBeGreaterThanOrEqual(4);
    for (const file of await files.all()) await expect(file).toHaveAttribute('data-done', 'true');

    // Runtime facts and why the other options were not used.
    await expect(page.getByTestId('runtime')).toContainText(device === 'webgpu' ? 'WebGPU' : 'WASM');
    await expect(page.getByTestId('rejected')).not.toBeEmpty();
    const threads = Number(await summary.getAttribute('data-threads'));
    expect(threads).toBe(await page.evaluate(() => navigator.hardwareConcurrency));
    await expect(page.getByTestId('timings')).toContainText(/scored in .* pairs\/s/);

    // The cache panel knows the model is stored now.
    await expect(page.getByTestId('cache')).toHaveAttribute('data-cached', 'true');
    await expect(page.getByTestId('cache')).toContainText('stored');

    await page.getByTestId('normalize').uncheck();
    await page.screenshot({ path: join(testInfo.project.outputDir, 'demo-results.png'), fullPage: true });
    expect(workerScripts.length).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  test('WASM with threads under the CSP: q8 scores equal computeScore, onnxruntime\'s pthread workers start', async ({ page, context }) => {
    const problems = watchProblems(page);
    const ortScripts: string[] = [];
    context.on('request', (request) => {
      if (/\/assets\/ort\.wasm\.bundle\.min-[\w-]+\.js$/.test(request.url())) ortScripts.push(request.url());
    });
    await openDemo(page);
    await page.getByTestId('device').selectOption('wasm');
    await page.getByTestId('normalize').check();
    await page.getByTestId('sample').click();
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });

    const summary = page.getByTestId('runtime-summary');
    await expect(summary).toHaveAttribute('data-device', 'wasm');
    await expect(summary).toHaveAttribute('data-dtype', 'q8');
    const threads = Number(await summary.getAttribute('data-threads'));
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(threads).toBe(cores);
    await expect(page.getByTestId('rejected')).toContainText('"wasm" was requested');

    const query = await page.getByTestId('query').inputValue();
    const passages = (await page.getByTestId('passages').inputValue()).split('\n');
    expect(passages.length).toBeGreaterThanOrEqual(10);
    const shown = await rows(page);
    const expected = await nodeScores('q8', passages.map((p): Pair => [query, p]), true);
    expectClose(shown.map((r) => r.score), shown.map((r) => expected[r.index] as number), TOLERANCE.q8!, 'q8 normalized');

    // onnxruntime's pthreads are module workers loading the same same-origin chunk the library's
    // worker imported, onnxruntime's wasm build (no blob: URL, which worker-src 'self' would
    // refuse): the import, then one per extra thread.
    if (cores > 1) expect(ortScripts.length).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
  });

  test('keyboard only: Tab reaches every control with a visible focus ring; Space on Rerank ranks', async ({ page }) => {
    await openDemo(page);
    const focused = (): Promise<{ id: string; outline: string }> =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        const style = active ? getComputedStyle(active) : undefined;
        return { id: active?.id ?? '', outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '' };
      });
    const order: string[] = [];
    for (let i = 0; i < 14 && !order.includes('rerank'); i++) {
      await page.keyboard.press('Tab');
      const { id, outline } = await focused();
      order.push(id);
      expect(outline, `focus ring on #${id}`).toMatch(/^solid [3-9]/);
    }
    for (const id of ['query', 'passages', 'sample', 'model', 'device', 'dtype', 'normalize', 'rerank']) expect(order).toContain(id);
    expect(order.indexOf('query')).toBeLessThan(order.indexOf('passages'));
    expect(order.indexOf('passages')).toBeLessThan(order.indexOf('rerank'));

    // Back to the query with Shift+Tab, type, then into the passages and type them.
    while ((await focused()).id !== 'query') await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(QUERY);
    await page.keyboard.press('Tab');
    expect((await focused()).id).toBe('passages');
    for (const [i, passage] of PASSAGES.slice(0, 5).entries()) {
      await page.keyboard.type(passage);
      if (i < 4) await page.keyboard.press('Enter');
    }
    await expect(page.locator('#passage-count')).toHaveText('5 passages');
    // The device picker by arrow keys (WASM: the quickest here), the normalize checkbox by
    // Space, then on to Rerank and press Space.
    while ((await focused()).id !== 'device') await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('device')).toHaveValue('wasm');
    while ((await focused()).id !== 'normalize') await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('normalize')).toBeChecked();
    await page.keyboard.press('Tab');
    expect((await focused()).id).toBe('rerank');
    await page.keyboard.press('Space');
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(page.getByTestId('result-row')).toHaveCount(5);
    // Focus stays on the button (aria-disabled while busy, never disabled): Enter reranks again.
    expect((await focused()).id).toBe('rerank');
    await page.keyboard.press('Enter');
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(page.locator('#status')).toHaveText('Ranked 5 passages.');
  });

  test('Cancel stops a load in flight; the next Rerank loads afresh', async ({ page, context }) => {
    await openDemo(page);
    // Hold the weights back (the worker's requests are the context's) until the load is cancelled.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/hub/**/onnx/**', async (route) => {
      await held;
      await route.continue().catch(() => undefined); // the request may be gone by then
    });
    await page.getByTestId('sample').click();
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'loading');
    await expect(page.getByTestId('cancel')).toBeVisible();
    await page.getByTestId('cancel').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    await expect(page.locator('#status')).toHaveText('Cancelled.');
    await expect(page.getByTestId('error')).toBeHidden();
    release();
    await context.unroute('**/hub/**/onnx/**');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(page.getByTestId('result-row')).toHaveCount(12);
  });

  test('empty input is explained next to the field, with no model load', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('rerank').click();
    await expect(page.getByTestId('query')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#status')).toHaveText('Type a query first.');
    await page.getByTestId('query').fill(QUERY);
    await page.getByTestId('query').press('Enter');
    await expect(page.getByTestId('passages')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('passages')).toBeFocused();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  });
});

test.describe('demo: errors in words', () => {
  test('a model the host does not have (404): readable message; another model recovers', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('sample').click();
    await page.getByTestId('model').selectOption('custom');
    await page.getByTestId('custom-model').fill('webrerank-test/missing');
    await page.getByTestId('custom-host').selectOption('local');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    const error = page.getByTestId('error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('data-code', 'MODEL_FILE_NOT_FOUND');
    await expect(error.locator('h2')).toHaveText('No model “webrerank-test/missing” on this app (/hub)');
    await expect(error).toContainText('config.json was not found there (HTTP 404)');
    await expect(error).toContainText('Check the model id');
    await expect(page.getByTestId('result-row')).toHaveCount(0);

    await page.getByTestId('model').selectOption('webrerank-test/tiny');
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    await expect(error).toBeHidden();
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(page.getByTestId('result-row')).toHaveCount(12);
  });

  test('weights the model does not publish (404 on onnx/model_q4.onnx): names the file; auto recovers', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('sample').click();
    await page.getByTestId('dtype').selectOption('q4');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    const error = page.getByTestId('error');
    await expect(error.locator('h2')).toHaveText('webrerank-test/tiny has no q4 weights on this app (/hub)');
    await expect(error).toContainText('The file onnx/model_q4.onnx does not exist there (HTTP 404).');
    await expect(error).toContainText('Pick another weights type');
    await page.getByTestId('dtype').selectOption('auto');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  });

  test('a hub model with huggingface.co out of reach: which file, and what to try', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('sample').click();
    await page.getByTestId('model').selectOption('BAAI/bge-reranker-base');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    const error = page.getByTestId('error');
    await expect(error).toHaveAttribute('data-code', 'MODEL_FETCH_FAILED');
    await expect(error.locator('h2')).toHaveText('Could not download config.json from huggingface.co');
    await expect(error).toContainText('Pick a test model');
    await expect(error).toContainText('https://huggingface.co/Xenova/bge-reranker-base/resolve/main/config.json');
    await page.getByTestId('model').selectOption('webrerank-test/xlmr-tiny');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  });
});
