// The demo's Search mode (packages/demo/src/search) as deployed (vite build + vite preview):
// documents in through the file picker, split and BM25-indexed in a worker, stored in IndexedDB;
// a query's BM25 top 100 reranked on the page's reranker, streaming. Scores are checked against
// the Node engine on the same model files, and the corpus against a reload with the network cut.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { loadReranker } from '../packages/core/src/node/load-node.js';
import { ensureTinyModel } from '../packages/testkit/src/index.js';
import { cutNetwork } from './support/offline.js';

// Paragraphs that all say "panda" (BM25 finds every passage) in different amounts, so the
// reranker has ~40 passages to order in several batches (streaming shows between them).
const para = (i: number, topic: string): string =>
  `${topic} note ${i}: the giant panda ${i % 3 === 0 ? 'eats bamboo for most of the day, up to 38 kg of it' : 'lives in the mountains of central China'}. ` +
  `Keepers in zoo ${i} weigh each panda weekly and record what it ate, when it slept and how far it walked. `.repeat(1 + (i % 4));
const FILES = [
  { name: 'pandas.txt', mimeType: 'text/plain', text: Array.from({ length: 40 }, (_, i) => para(i, 'Field')).join('\n\n') },
  { name: 'zoo-notes.md', mimeType: 'text/markdown', text: `# Zoo notes\n\n${Array.from({ length: 40 }, (_, i) => para(i + 50, 'Zoo')).join('\n\n')}` },
  {
    name: 'page.html',
    mimeType: 'text/html',
    // The script must never run and its text (scriptonlyword) must never be indexed; nor the style's.
    text: `<!doctype html><html><head><title>Panda page</title><style>.styleonlyword{color:red}</style>
      <script>window.__ranScript = true; document.title = 'scriptonlyword';</script></head>
      <body><img src="/never-fetched.png" onerror="window.__ranHandler = true">
      ${Array.from({ length: 30 }, (_, i) => `<p>${para(i + 100, 'Web')}</p>`).join('\n')}</body></html>`,
  },
];
const QUERY = 'what does the giant panda eat';
const DTYPE = 'fp32';
const TOLERANCE = 1e-4; // the page's WASM fp32 against Node's onnxruntime-web WASM fp32
const CHUNKING = { maxChunksPerDoc: 8, overlapTokens: 16 }; // search-mode.ts's

interface Row { rank: number; bm25Rank: number; score: number; text: string; doc: string }

async function rows(page: Page): Promise<Row[]> {
  return page.getByTestId('search-row').evaluateAll((nodes) =>
    nodes.map((node) => {
      const data = (node as HTMLElement).dataset;
      const doc = node.querySelector('[data-testid="hit-doc"]')?.textContent ?? '';
      return { rank: Number(data.rank), bm25Rank: Number(data.bm25Rank), score: Number(data.score), text: data.text ?? '', doc };
    }),
  );
}

/** Every state Search mode went through, with how many passages were ranked at that moment. */
async function recordStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { state: string; scored: number; partial: string; rows: number }[] = [];
    (window as unknown as { __searchLog: typeof log }).__searchLog = log;
    const snap = (): void => {
      const main = document.querySelector<HTMLElement>('#search-main');
      const list = document.querySelector<HTMLElement>('#search-results');
      if (!main || !list) return;
      log.push({ state: main.dataset.searchState ?? '', scored: Number(list.dataset.scored ?? 0), partial: list.dataset.partial ?? '', rows: list.children.length });
    };
    new MutationObserver(snap).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-search-state', 'data-scored'] });
  });
}

async function searchFor(page: Page, query: string): Promise<void> {
  await page.getByTestId('search-query').fill(query);
  await page.getByTestId('search-go').click();
  await expect(page.getByTestId('search')).toHaveAttribute('data-search-state', 'done', { timeout: 60_000 });
}

async function allRows(page: Page): Promise<Row[]> {
  const more = page.getByTestId('search-show-all');
  if (await more.isVisible()) await more.click();
  return rows(page);
}

async function openSearch(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  // WASM fp32 (the pickers are remembered across reloads): the Node engine computes the same.
  await page.getByTestId('device').selectOption('wasm');
  await page.getByTestId('dtype').selectOption(DTYPE);
  await page.getByTestId('tab-search').click();
  await expect(page).toHaveURL(/#search$/);
  await expect(page.getByTestId('search')).toHaveAttribute('data-search-state', /empty|idle/);
}

test.describe('demo: Search mode', () => {
  test('3 files in, BM25 top 100 reranked while streaming, as the Node engine scores; offline after a reload, with no request', async ({ page, context }) => {
    test.setTimeout(180_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await recordStates(page);
    await openSearch(page);

    await page.getByTestId('search-files').setInputFiles(FILES.map((f) => ({ name: f.name, mimeType: f.mimeType, buffer: Buffer.from(f.text) })));
    await expect(page.getByTestId('search-doc')).toHaveCount(3);
    await expect(page.getByTestId('search-docs-status')).toContainText('Added 3 documents');
    const storedBytes = Number(await page.getByTestId('search-storage').getAttribute('data-bytes'));
    expect(storedBytes).toBeGreaterThan(FILES.reduce((n, f) => n + f.text.length / 2, 0));
    // The HTML file was read as text in an inert document: no script or handler ran.
    const ran = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { script: w.__ranScript ?? null, handler: w.__ranHandler ?? null, title: document.title };
    });
    expect(ran).toEqual({ script: null, handler: null, title: 'webrerank' });

    await searchFor(page, QUERY);
    const online = await allRows(page);
    const passages = Number(await page.getByTestId('search-results').getAttribute('data-scored'));
    expect(passages).toBeGreaterThan(40);
    expect(online).toHaveLength(passages);
    // Reranked: best first by rerank score; each row keeps its own BM25 place, all of them once.
    for (let i = 1; i < online.length; i++) expect(online[i - 1]!.score).toBeGreaterThanOrEqual(online[i]!.score);
    expect(online.map((r) => r.rank)).toEqual(online.map((_, i) => i + 1));
    expect(online.map((r) => r.bm25Rank).sort((a, b) => a - b)).toEqual(online.map((_, i) => i + 1));
    expect(new Set(online.map((r) => r.doc))).toEqual(new Set(FILES.map((f) => f.name)));
    expect(online.map((r) => r.text).join(' ')).not.toMatch(/scriptonlyword|styleonlyword/);
    await expect(page.getByTestId('search-timings')).toContainText(/BM25: \d+ passages of \d+ in .* · rerank: \d+ passages in /);
    // The winning chunk, with the query's words marked.
    await expect(page.getByTestId('hit-chunk').first().locator('mark').first()).toHaveText(/^(giant|panda|eat|does|the|what)/i);

    // Streaming: between "ranking" and "done" the page showed partial rankings of fewer passages.
    const log = await page.evaluate(() => (window as unknown as { __searchLog: { state: string; scored: number; partial: string; rows: number }[] }).__searchLog);
    const partials = log.filter((s) => s.state === 'ranking' && s.partial === 'true' && s.scored > 0 && s.scored < passages);
    expect(partials.length, JSON.stringify(log)).toBeGreaterThan(0);
    expect(log.map((s) => s.state)).toEqual(expect.arrayContaining(['searching', 'loading', 'ranking', 'done']));

    // The Node engine, the same model files and dtype, the same passages and chunking.
    const reranker = await loadReranker(await ensureTinyModel(), { dtype: DTYPE });
    try {
      const expected = await reranker.rank(QUERY, online.map((r) => r.text), { chunking: CHUNKING });
      const byText = new Map(expected.map((r) => [online[r.index]!.text, r.score]));
      online.forEach((row, i) => expect(Math.abs(row.score - byText.get(row.text)!), `row ${i}`).toBeLessThanOrEqual(TOLERANCE));
    } finally {
      await reranker.dispose();
    }

    // Offline: the service worker controls the page, the corpus is in IndexedDB, the model too.
    await expect(page.getByTestId('offline')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const attempts = await cutNetwork(context);
    await page.reload();
    await expect(page.getByTestId('search')).toHaveAttribute('data-search-state', 'idle');
    await expect(page.getByTestId('search-doc')).toHaveCount(3);
    await searchFor(page, QUERY);
    const offline = await allRows(page);
    expect(offline.map((r) => r.text)).toEqual(online.map((r) => r.text));
    offline.forEach((r, i) => expect(Math.abs(r.score - online[i]!.score)).toBeLessThanOrEqual(1e-6));
    // A word only the HTML's script held: BM25 finds nothing, nothing is reranked.
    await searchFor(page, 'scriptonlyword');
    await expect(page.getByTestId('search-row')).toHaveCount(0);
    expect(attempts, 'requests that reached the (cut) network').toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('delete a document, clear the corpus: the index, the store and a reload agree', async ({ page }) => {
    await openSearch(page);
    const docs = page.getByTestId('search-doc');
    const bytes = async (): Promise<number> => Number(await page.getByTestId('search-storage').getAttribute('data-bytes'));
    await page.getByTestId('search-files').setInputFiles([
      { name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from(FILES[0]!.text.slice(0, 2000)) },
      { name: 'zoo-notes.md', mimeType: 'text/markdown', buffer: Buffer.from(FILES[1]!.text) },
    ]);
    await expect(docs).toHaveCount(2);
    await expect(page.getByTestId('search-storage')).toContainText(/2 documents, \d+ passages: .* stored · this site uses .* of /);

    // A file dropped on the drop zone (a script-made DataTransfer, as a drag from the desktop gives).
    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Dropped notes: red pandas sleep in trees.'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await page.getByTestId('search-drop').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(docs).toHaveCount(3);
    await expect(docs.filter({ hasText: 'dropped.txt' })).toHaveCount(1);

    // Delete one document: its passages leave the index and the store.
    const before = await bytes();
    await docs.filter({ hasText: 'zoo-notes.md' }).getByTestId('search-doc-delete').click();
    await expect(docs).toHaveCount(2);
    await expect(page.getByTestId('search-docs-status')).toHaveText('Deleted zoo-notes.md.');
    expect(await bytes()).toBeLessThan(before);
    await searchFor(page, 'zoo keepers pandas');
    const left = await rows(page);
    expect(left.length).toBeGreaterThan(0);
    expect(new Set(left.map((r) => r.doc))).toEqual(new Set(['small.txt', 'dropped.txt']));
    await page.reload();
    await expect(page.getByTestId('search')).toHaveAttribute('data-search-state', 'idle');
    await expect(docs).toHaveCount(2);

    // Clear: nothing left, after a reload too.
    await page.getByTestId('search-clear').click();
    await expect(docs).toHaveCount(0);
    await expect(page.getByTestId('search')).toHaveAttribute('data-search-state', 'empty');
    expect(await bytes()).toBe(0);
    await page.reload();
    await expect(page.getByTestId('search')).toHaveAttribute('data-search-state', 'empty');
    await expect(docs).toHaveCount(0);
  });

  test('screenshots: the sample corpus searched, at 1280x800 and 390x844', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSearch(page);
    await page.getByTestId('search-sample').click();
    await expect(page.getByTestId('search-doc')).toHaveCount(5);
    await searchFor(page, 'how is the model cached for offline use?');
    await expect(page.getByTestId('search-row')).toHaveCount(10);
    // Wide: documents on the left, the search and its hits on the right, both starting in view
    // (not the search below the Rerank mode's hidden column).
    const main = await page.locator('#search-main').boundingBox();
    const docs = await page.locator('#search-docs').boundingBox();
    expect(main && docs && main.y < 400 && docs.y < 400 && docs.x + docs.width <= main.x).toBe(true);
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/search-1280x800.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'docs/screenshots/search-390x844.png' });
  });
});
