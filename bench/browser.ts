// The browser side of the benchmark: the harness dev server (Vite, COOP/COEP), Debian Chromium
// through Playwright's library API, and the page e2e/harness/bench.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type LaunchOptions, type Page } from '@playwright/test';
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
  context: BrowserContext;
  page: Page;
  version: string;
  /** Warnings and errors the page logged (deduplicated, in order). */
  messages: string[];
  call<T>(run: (page: Page) => Promise<BenchOutcome<T>>): Promise<T>;
  /** Loads the page afresh (new onnxruntime heaps; storage stays). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** `launch`: the browser's options (default: no GPU; `pnpm bench --device webgpu` passes bench/gpu.ts's). */
export async function openBenchPage(origin: string, log: (line: string) => void, launch: LaunchOptions = chromiumLaunchOptions({ webgpu: false })): Promise<BenchBrowser> {
  // A profile on disk (a temporary folder), as a real browser has: IndexedDB gets a quota sized by
  // the disk. A fresh in-memory context (browser.newPage) holds far less: the 1.04 GiB fp32 file did
  // not fit there beside the q8 one, so its "warm start" downloaded again.
  const profile = mkdtempSync(join(tmpdir(), 'webrerank-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, launch);
  const bb = await openPage(context, origin, log);
  return {
    ...bb,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Another tab of the bench page in the same browser: its own main thread and its own WASM heap.
 * transformers.js runs onnxruntime on the page, so each of its modes gets a tab: a std::bad_alloc
 * of one (all 100 pairs in one call) must not leave the other a full heap.
 */
export function openSiblingPage(bb: BenchBrowser, origin: string, log: (line: string) => void): Promise<BenchBrowser> {
  return openPage(bb.context, origin, log);
}

async function openPage(context: BrowserContext, origin: string, log: (line: string) => void): Promise<BenchBrowser> {
  const page = await context.newPage();
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
    context,
    page,
    version: chromiumVersion(),
    messages,
    async call<T>(run: (page: Page) => Promise<BenchOutcome<T>>): Promise<T> {
      const result = await run(page);
      if (!result.ok) throw new Error(result.error);
      return result.value;
    },
    close: () => page.close(),
  };
}

/**
 * The browser's full version. A persistent context has no Browser object to ask, and the user
 * agent is reduced to the major version (156.0.0.0), so the binary says it.
 */
function chromiumVersion(): string {
  const { executablePath } = chromiumLaunchOptions({ webgpu: false });
  try {
    return /([\d.]+\.\d+)/.exec(execFileSync(executablePath ?? 'chromium', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
