// The demo's Evaluate page (packages/demo/evaluate.html) as deployed (vite build + preview, CSP,
// service worker): a generated BEIR folder (testkit's generateBeirFolder) picked through the
// webkitdirectory input, reranked by the tiny test model served under /hub, in the library's
// worker. The metrics it shows and the run file it downloads are checked against the same
// evaluation done in Node by `webrerank eval` on the same folder, model files and dtype.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { ensureTinyModel, generateBeirFiles, generateBeirFolder } from '../packages/testkit/src/index.js';
import { cutNetwork } from './support/offline.js';

// fp32 on WASM in both: the same onnxruntime-web build, summing in another order at most.
const DTYPE = 'fp32';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/core/src/node/cli.ts');
const SCORE_TOLERANCE = 1e-4;

interface MetricRow { measure: string; before: number; after: number }
interface RunLine { qid: string; docno: string; rank: number; score: number; tag: string }

let workDir = '';
test.beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'webrerank-evaluate-'));
});
test.afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function parseRunText(text: string): RunLine[] {
  return text.trim().split('\n').map((line) => {
    const [qid, , docno, rank, score, tag] = line.split(' ') as [string, string, string, string, string, string];
    return { qid, docno, rank: Number(rank), score: Number(score), tag };
  });
}

/**
 * `webrerank eval` (what `pnpm webrerank eval` runs) on the same folder, model folder and dtype:
 * the side-by-side values it prints and the run file it writes.
 */
function nodeEval(dir: string, run: string | undefined, topK: number, model: string): { metrics: MetricRow[]; run: RunLine[] } {
  const out = join(workDir, `node-${topK}-${run === undefined ? 'bm25' : 'run'}.run`);
  const firstStage = run === undefined ? [] : ['--run', run]; // none: BM25 over the corpus
  const stdout = execFileSync(
    process.execPath,
    ['--import', 'tsx', CLI, 'eval', '--beir', dir, ...firstStage, '--model', model, '--dtype', DTYPE, '--top-k', String(topK), '--out', out, '--no-cache'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const metrics = stdout
    .trim()
    .split('\n')
    .slice(1) // the header line
    .map((line) => {
      const [measure, before, after] = line.split('\t').map((field) => field.trim()) as [string, string, string];
      return { measure, before: Number(before), after: Number(after) };
    });
  return { metrics, run: parseRunText(readFileSync(out, 'utf8')) };
}

async function shownMetrics(page: Page): Promise<MetricRow[]> {
  return page.locator('#metrics tr[data-measure]').evaluateAll((rows) =>
    rows.map((row) => {
      const data = (row as HTMLElement).dataset;
      return { measure: data.measure ?? '', before: Number(data.before), after: Number(data.after) };
    }),
  );
}

/** The page's values as `webrerank eval` prints them: trec_eval's 4 decimals, counts whole. */
function printed(rows: MetricRow[]): MetricRow[] {
  const four = (value: number): number => Number(value.toFixed(4));
  return rows.map(({ measure, before, after }) => ({ measure, before: four(before), after: four(after) }));
}

function expectSameRun(browser: RunLine[], node: RunLine[]): void {
  expect(browser.map(({ qid, docno, rank, tag }) => `${qid} ${docno} ${rank} ${tag}`)).toEqual(node.map(({ qid, docno, rank, tag }) => `${qid} ${docno} ${rank} ${tag}`));
  browser.forEach((line, i) => expect(Math.abs(line.score - node[i]!.score), `${line.qid} ${line.docno}`).toBeLessThanOrEqual(SCORE_TOLERANCE));
}

async function openEvaluate(page: Page): Promise<void> {
  await page.goto('/evaluate.html');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('device').selectOption('wasm');
  await page.getByTestId('dtype').selectOption(DTYPE);
}

async function pickFolder(page: Page, dir: string, topK: number): Promise<void> {
  await page.getByTestId('folder-input').setInputFiles(dir);
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('run-file').selectOption('first-stage.run');
  await page.getByTestId('top-k').fill(String(topK));
}

async function evaluate(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
}

test.describe('demo: Evaluate page', () => {
  test('reranks a BEIR folder: the metrics and the downloaded run are those of `webrerank eval`', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const folder = generateBeirFolder(join(workDir, 'small'), { seed: 5, queries: 8, docs: 40, runDepth: 20 });
    const topK = 15;
    const node = nodeEval(folder.dir, folder.run, topK, await ensureTinyModel());

    // From the Rerank page, by its link.
    await page.goto('/');
    await page.getByTestId('nav-evaluate').click();
    await expect(page).toHaveURL(/\/evaluate\.html$/);
    await openEvaluate(page);
    await pickFolder(page, folder.dir, topK);
    await expect(page.getByTestId('folder')).toContainText('corpus.jsonl');
    await expect(page.getByTestId('qrels-file')).toHaveValue('test');
    await evaluate(page);

    await expect(page.getByTestId('pairs-progress')).toHaveAttribute('data-done', String(8 * topK));
    await expect(page.getByTestId('pairs-progress')).toHaveAttribute('data-total', String(8 * topK));
    const shown = await shownMetrics(page);
    expect(shown.map((r) => r.measure)).toEqual(node.metrics.map((r) => r.measure));
    expect(printed(shown)).toEqual(node.metrics);
    // The headline measures, as cards above the table, with the values the CLI prints.
    const ndcg10 = node.metrics.find((r) => r.measure === 'ndcg_cut_10')!;
    await expect(page.locator('[data-card="ndcg_cut_10"]')).toContainText(`${ndcg10.before.toFixed(4)} → ${ndcg10.after.toFixed(4)}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe('small.first-stage.reranked.run');
    const downloaded = parseRunText(readFileSync(await download.path(), 'utf8'));
    expectSameRun(downloaded, node.run);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(testInfo.project.outputDir, 'evaluate-1280x800.png') });

    // BM25 over the corpus as the first stage, built in the page: as `webrerank eval` without --run.
    const bm25 = nodeEval(folder.dir, undefined, topK, await ensureTinyModel());
    await page.getByTestId('run-file').selectOption('bm25:');
    await evaluate(page);
    expect(printed(await shownMetrics(page))).toEqual(bm25.metrics);
    const [bm25Download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(bm25Download.suggestedFilename()).toBe('small.bm25.reranked.run');
    expectSameRun(parseRunText(readFileSync(await bm25Download.path(), 'utf8')), bm25.run);
    expect(pageErrors).toEqual([]);
  });

  test('a folder that lacks a file, or whose run names an unknown query, is refused before any model download', async ({ page, context }) => {
    const hubRequests: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/hub/')) hubRequests.push(request.url());
    });
    const folder = generateBeirFolder(join(workDir, 'bad'), { seed: 3, queries: 4, docs: 20, runDepth: 5 });
    appendFileSync(folder.run, 'q99 Q0 d1 1 5.0 first-stage\n');
    const noCorpus = generateBeirFolder(join(workDir, 'no-corpus'), { seed: 3, queries: 4, docs: 20, runDepth: 5 });
    rmSync(join(noCorpus.dir, 'corpus.jsonl'));
    await openEvaluate(page);

    await page.getByTestId('folder-input').setInputFiles(noCorpus.dir);
    await expect(page.getByTestId('folder-missing')).toHaveText('This folder lacks corpus.jsonl.');
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('status')).toHaveText('This folder lacks corpus.jsonl.');

    await pickFolder(page, folder.dir, 5);
    await expect(page.getByTestId('folder-missing')).toHaveCount(0);
    await page.getByTestId('run').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'error');
    const error = page.getByTestId('error');
    await expect(error).toHaveAttribute('data-code', 'INVALID_INPUT');
    await expect(error.locator('h2')).toHaveText('The dataset could not be read');
    await expect(error).toContainText('query q99 is not in the queries file');
    expect(hubRequests).toEqual([]);
  });

  test('the directory picker: Cancel stops a run mid-way, the page stays responsive, and the next run completes', async ({ page }) => {
    test.setTimeout(180_000);
    // The folder is in the origin's private file system (OPFS): real FileSystemDirectoryHandles,
    // which showDirectoryPicker returns without the dialog a test cannot click.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'showDirectoryPicker', {
        value: async () => (await navigator.storage.getDirectory()).getDirectoryHandle('large'),
      });
    });
    await openEvaluate(page);
    const files = generateBeirFiles({ seed: 9, queries: 300, docs: 400, runDepth: 100 });
    await page.evaluate(async (texts) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('large', { create: true });
      for (const [path, text] of Object.entries(texts)) {
        const [first, second] = path.split('/') as [string, string | undefined];
        const parent = second === undefined ? dir : await dir.getDirectoryHandle(first, { create: true });
        const writable = await (await parent.getFileHandle(second ?? first, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
    }, files as unknown as Record<string, string>);
    await expect(page.getByTestId('pick-folder')).toBeVisible();
    await page.getByTestId('pick-folder').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('folder')).toContainText('large');
    await expect(page.getByTestId('run-file')).toHaveValue('first-stage.run');
    await page.getByTestId('top-k').fill('100');
    await page.getByTestId('run').click();
    const bar = page.getByTestId('pairs-progress');
    await expect(bar).toHaveAttribute('data-total', String(300 * 100), { timeout: 60_000 });
    await expect.poll(async () => Number(await bar.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThan(0);
    // The page answers while the worker scores: a frame is drawn, the button reacts.
    expect(await page.evaluate(() => new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(true))))).toBe(true);
    await page.getByTestId('cancel').click();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('status')).toContainText('Cancelled');
    const stoppedAt = Number(await bar.getAttribute('data-done'));
    expect(stoppedAt).toBeLessThan(300 * 100);
    await expect(page.getByTestId('download')).toBeHidden();

    // Again, with a smaller top-k: the model stays loaded, the run completes, and the queries
    // scored before Cancel are not scored again (their top 3 are among their top 100).
    await page.getByTestId('top-k').fill('3');
    await evaluate(page);
    await expect(bar).toHaveAttribute('data-done', String(300 * 3));
    const scored = Number(await bar.getAttribute('data-scored'));
    expect(scored).toBeLessThan(300 * 3);
    expect(scored).toBeGreaterThan(0);
    expect((await shownMetrics(page)).find((r) => r.measure === 'num_ret')?.after).toBe(
      (await shownMetrics(page)).find((r) => r.measure === 'num_q')!.after * 3,
    );
  });

  test('works offline: after one visit, the page reloads from the service worker and evaluates with the network cut', async ({ page, context }) => {
    test.setTimeout(180_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const dir = join(workDir, 'offline');
    mkdirSync(dir, { recursive: true });
    const folder = generateBeirFolder(join(dir, 'scifake'), { seed: 2, queries: 5, docs: 30, runDepth: 10 });
    // A second run file in the folder: the page offers both, the test picks the first-stage one.
    copyFileSync(folder.run, join(folder.dir, 'another.run'));
    await openEvaluate(page);
    await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
    await pickFolder(page, folder.dir, 10);
    await evaluate(page);
    const online = await shownMetrics(page);

    const attempts = await cutNetwork(context);
    await page.reload();
    await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('device')).toHaveValue('wasm'); // remembered
    await pickFolder(page, folder.dir, 10);
    // Both run files of the folder, then BM25 over its corpus.
    expect(await page.getByTestId('run-file').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'another.run',
      'first-stage.run',
      'bm25:',
    ]);
    await evaluate(page);
    await expect(page.getByTestId('progress')).toHaveAttribute('data-from', 'cache');
    expect(await shownMetrics(page)).toEqual(online);
    expect(attempts, 'requests that reached the (cut) network').toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
