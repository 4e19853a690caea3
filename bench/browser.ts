// The browser side of the benchmark: the harness dev server (Vite, COOP/COEP), Debian Chromium
// through Playwright's library API, and the page e2e/harness/bench.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import type { BenchOutcome } from '../e2e/harness/bench.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Starts the harness dev server on a free port (its own dep cache: the e2e server may be running). */
export async function startHarness(): Promise<{ server: ViteDevServer; origin: string }> {
  const server = await createServer({
    configFile: join(ROOT, 'e2e/harness/vite.config.ts'),
    cacheDir: join(ROOT, 'node_modules/.vite-bench'),
    logLevel: 'warn',
    server: { port: 0, strictPort: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the harness dev server reported no URL');
  return { server, origin: url.replace(/\/$/, '') };
}

/**
 * Where the page imports transformers.js from: its self-contained browser build (onnxruntime-web
 * inside), served by the dev server from the workspace (packages/testkit depends on it), and the
 * folder of the matching onnxruntime-web's .wasm files.
 */
export function transformersFiles(): { moduleUrl: string; wasmBase: string; version: string; ortVersion: string } {
  const fromTestkit = createRequire(join(ROOT, 'packages/testkit/package.json'));
  const dist = dirname(fromTestkit.resolve('@huggingface/transformers'));
  const fromTransformers = createRequire(join(dist, 'transformers.js'));
  const ortDist = dirname(fromTransformers.resolve('onnxruntime-web'));
  const versionOf = (dir: string): string => (JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const version = versionOf(dist);
  const ortVersion = versionOf(ortDist);
  return { moduleUrl: `/@fs${join(dist, 'transformers.js')}`, wasmBase: `/@fs${ortDist}/`, version, ortVersion };
}

export interface BenchBrowser {
  browser: Browser;
  page: Page;
  version: string;
  /** Warnings and errors the page logged (deduplicated, in order). */
  messages: string[];
  call<T>(run: (page: Page) => Promise<BenchOutcome<T>>): Promise<T>;
  /** Loads the page afresh (new onnxruntime heaps; storage stays). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function openBenchPage(origin: string, log: (line: string) => void): Promise<BenchBrowser> {
  const { executablePath, args = [] } = chromiumLaunchOptions({ webgpu: false });
  const browser = await chromium.launch({ executablePath, args });
  const bb = await openPage(browser, origin, log);
  return { ...bb, close: () => browser.close() };
}

/**
 * Another tab of the bench page in the same browser: its own main thread and its own WASM heap.
 * transformers.js runs onnxruntime on the page, so each of its modes gets a tab: a std::bad_alloc
 * of one (all 100 pairs in one call) must not leave the other a full heap.
 */
export function openSiblingPage(bb: BenchBrowser, origin: string, log: (line: string) => void): Promise<BenchBrowser> {
  return openPage(bb.browser, origin, log);
}

async function openPage(browser: Browser, origin: string, log: (line: string) => void): Promise<BenchBrowser> {
  const page = await browser.newPage();
  const messages: string[] = [];
  const note = (line: string): void => {
    log(line);
    if (!messages.includes(line) && messages.length < 100) messages.push(line);
  };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') note(`[page ${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => note(`[page error] ${error.message}`));
  const open = async (): Promise<void> => {
    await page.goto(`${origin}/bench.html`);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 120_000 });
  };
  await open();
  return {
    reload: open,
    browser,
    page,
    version: browser.version(),
    messages,
    async call<T>(run: (page: Page) => Promise<BenchOutcome<T>>): Promise<T> {
      const result = await run(page);
      if (!result.ok) throw new Error(result.error);
      return result.value;
    },
    close: () => page.close(),
  };
}
