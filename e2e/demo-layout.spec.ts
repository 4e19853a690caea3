// The Rerank mode as people used it at 1280x800 and 390x844: the action and its outcome stay in
// view, long passages are clamped, the input survives a reload, one number per row when
// normalize is off, and the Download panel tells the truth after a failed load.
import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
}

/**
 * The element's box is inside the viewport and nothing covers it where it matters: the topmost
 * element at its centre (and, for a tall box, at a point near its top) is the element or inside it.
 */
async function expectInView(page: Page, target: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const box = await target.boundingBox();
  expect(box, `${what} is rendered`).not.toBeNull();
  const { x, y, width, height } = box!;
  expect(y, `${what}: top within the viewport`).toBeGreaterThanOrEqual(0);
  expect(x).toBeGreaterThanOrEqual(0);
  expect(x + width).toBeLessThanOrEqual(viewport.width + 0.5);
  // Small boxes entirely; a tall one (a ranking) at least its first 60 px.
  const shown = Math.min(height, 60);
  expect(y + shown, `${what}: at least ${Math.round(shown)} px of it above the bottom`).toBeLessThanOrEqual(viewport.height);
  const probe = { x: x + Math.min(width / 2, 40), y: y + shown / 2 };
  const onTop = await target.evaluate((node, p) => {
    const hit = document.elementFromPoint(p.x, p.y);
    return hit !== null && (node === hit || node.contains(hit));
  }, probe);
  expect(onTop, `${what}: not covered by anything (e.g. the sticky bar)`).toBe(true);
}

function numbersIn(text: string): string[] {
  return text.match(/[−-]?\d+\.\d{4}/g) ?? [];
}

for (const viewport of VIEWPORTS) {
  test.describe(`demo at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('Rerank and its ranking are in view after a click, and so are Rerank and the error', async ({ page }, testInfo) => {
      await openDemo(page);
      await page.getByTestId('sample').click();
      // Nothing scrolled by hand: the user types at the top and presses Rerank where it is.
      await expect(page.evaluate(() => scrollY)).resolves.toBe(0);
      await expectInView(page, page.getByTestId('rerank'), 'Rerank before the click');
      await page.getByTestId('rerank').click();
      await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
      await expectInView(page, page.getByTestId('rerank'), 'Rerank after ranking');
      await expectInView(page, page.getByTestId('result-row').first(), 'the best passage');
      if (process.env.WEBRERANK_SCREENSHOTS) {
        mkdirSync('docs/screenshots', { recursive: true });
        await page.screenshot({ path: `docs/screenshots/rerank-${viewport.width}x${viewport.height}.png` });
      }
      await page.screenshot({ path: testInfo.outputPath('ranked.png') });

      // The error case: weights the model does not publish (404), from the top of the page again.
      await page.evaluate(() => scrollTo(0, 0));
      await page.getByTestId('dtype').selectOption('q4');
      await page.getByTestId('rerank').click();
      await expect(page.locator('#app')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
      await expectInView(page, page.getByTestId('rerank'), 'Rerank after the error');
      await expectInView(page, page.getByTestId('error').locator('h2'), 'the error title');
      await expectInView(page, page.getByTestId('error').locator('.hints'), 'what to try');
      await page.screenshot({ path: testInfo.outputPath('error.png') });
    });
  });
}

test.describe('demo: long passages', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('a 100,000-character passage is clamped; Show all opens it (keyboard), the page stays short', async ({ page }) => {
    await openDemo(page);
    const long = `${'Bamboo grows fast and pandas eat it all day long. '.repeat(2_000).slice(0, 99_999)}.`;
    expect(long.length).toBe(100_000);
    await page.getByTestId('query').fill('what do giant pandas eat?');
    await page.getByTestId('passages').fill(['Giant pandas eat bamboo.', long, 'Koalas eat eucalyptus.'].join('\n'));
    await page.getByTestId('device').selectOption('wasm');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    const pageHeight = (): Promise<number> => page.evaluate(() => document.documentElement.scrollHeight);
    // Measured before the clamp: 47,000 px at this width. Now a few screens at most.
    expect(await pageHeight()).toBeLessThan(3 * 800);

    const longRow = page.locator('[data-testid="result-row"][data-index="1"]');
    const toggle = longRow.getByTestId('expand');
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle).toHaveText('Show all (100,000 characters)');
    // Short passages fit in their lines: no toggle.
    await expect(page.locator('[data-testid="result-row"][data-index="0"]').getByTestId('expand')).toBeHidden();
    const text = longRow.getByTestId('passage-text');
    const clampedHeight = (await text.boundingBox())!.height;
    expect(clampedHeight).toBeLessThan(200);

    // By keyboard: Tab from Rerank reaches the toggle; Enter opens it.
    await page.getByTestId('rerank').focus();
    for (let i = 0; i < 12 && !(await toggle.evaluate((node) => node === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle).toHaveText('Show less');
    const openBox = (await text.boundingBox())!;
    expect(openBox.height).toBeGreaterThan(clampedHeight * 2);
    // Open, the passage scrolls in its own box (focusable, so the keyboard can scroll it).
    expect(await text.evaluate((node) => node.scrollHeight > node.clientHeight + 1000)).toBe(true);
    await expect(text).toHaveAttribute('tabindex', '0');
    expect(await pageHeight()).toBeLessThan(4 * 800);
    // The whole text is there, not a cut copy.
    expect(await text.evaluate((node) => node.textContent?.length)).toBe(100_000);
    // Switching normalize re-renders the rows: the passage stays open.
    await page.getByTestId('normalize').check();
    await expect(longRow.getByTestId('expand')).toHaveAttribute('aria-expanded', 'true');
    await longRow.getByTestId('expand').press('Space');
    await expect(longRow.getByTestId('expand')).toHaveAttribute('aria-expanded', 'false');
    expect((await longRow.getByTestId('passage-text').boundingBox())!.height).toBeLessThan(200);
  });
});

test.describe('demo: input kept across reloads', () => {
  test('the query and the passages come back after a reload; Clear forgets them', async ({ page }) => {
    await openDemo(page);
    const passages = ['First passage, typed by hand.', 'Zweite Passage — mit Umlauten.', 'third'].join('\n');
    await page.getByTestId('query').fill('my own query');
    await page.getByTestId('passages').fill(passages);
    await page.reload();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('query')).toHaveValue('my own query');
    await expect(page.getByTestId('passages')).toHaveValue(passages);
    await expect(page.locator('#passage-count')).toHaveText('3 passages');

    // The sample button sets the fields without an input event: kept too.
    await page.getByTestId('sample').click();
    const sample = await page.getByTestId('passages').inputValue();
    await page.reload();
    await expect(page.getByTestId('passages')).toHaveValue(sample);

    await page.locator('#clear-input').click();
    await page.reload();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('query')).toHaveValue('');
    await expect(page.getByTestId('passages')).toHaveValue('');
  });
});

test.describe('demo: numbers and progress tell the truth', () => {
  test('normalize off: one number per row (the logit); on: the score and its logit', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('device').selectOption('wasm');
    await page.getByTestId('sample').click();
    await page.getByTestId('normalize').uncheck();
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    for (const row of await page.getByTestId('result-row').all()) {
      const shown = numbersIn(await row.locator('.numbers').innerText());
      expect(shown, 'numbers in a row with normalize off').toHaveLength(1);
      const logit = Number(await row.getAttribute('data-logit'));
      expect(shown[0]).toBe(logit.toFixed(4).replace('-', '−'));
    }
    await page.getByTestId('normalize').check();
    for (const row of await page.getByTestId('result-row').all()) {
      expect(numbersIn(await row.locator('.numbers').innerText()), 'numbers with normalize on').toHaveLength(2);
    }
  });

  test('a weights download that breaks off: the bars show how far it got, not full bars beside "Stopped"', async ({ page, context }) => {
    await openDemo(page);
    // The weights arrive half, then the connection drops (a body shorter than its Content-Length).
    await context.route('**/hub/webrerank-test/tiny/resolve/main/onnx/**', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ response, body: body.subarray(0, body.length >> 1), headers: { ...response.headers(), 'content-length': String(body.length) } });
    });
    await page.getByTestId('device').selectOption('wasm');
    await page.getByTestId('sample').click();
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'error', { timeout: 45_000 });
    const overall = page.getByTestId('progress');
    await expect(page.locator('#progress-text')).toHaveText('Stopped: loading failed.');
    expect(await overall.evaluate((p) => (p as HTMLProgressElement).value)).toBeLessThan(100);
    // The weights broke off before their first progress event: their row comes from the error.
    const weights = page.getByTestId('files').locator('li[data-file^="onnx/"]');
    await expect(weights).toHaveCount(1);
    await expect(weights).toHaveAttribute('data-done', 'false');
    await expect(weights).toHaveAttribute('data-state', 'failed');
    expect(await weights.locator('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBeLessThan(100);
    await expect(weights).toContainText('failed');
    // A file that did arrive whole keeps its full bar.
    const config = page.getByTestId('files').locator('li[data-file="config.json"]');
    await expect(config).toHaveAttribute('data-done', 'true');
    expect(await config.locator('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(100);
  });

  test('weights that 404: the overall bar is not left at 100% beside "Stopped"', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('sample').click();
    await page.getByTestId('dtype').selectOption('q4');
    await page.getByTestId('rerank').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    await expect(page.locator('#progress-text')).toHaveText('Stopped: loading failed.');
    expect(await page.getByTestId('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBeLessThan(100);
  });
});
