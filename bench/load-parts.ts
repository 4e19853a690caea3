// `pnpm tsx bench/load-parts.ts [fileMiB] [hashMiB] [reps]`: the parts of the loading path alone,
// old and new ways alternating, in Chromium (e2e/harness/lib/load-parts.ts): streaming sha256 in
// JS and hash-wasm (and WebCrypto on the whole buffer), and the store's get of a file stored as
// byte chunks and as Blob chunks. Prints medians and writes bench/results/<stamp>-load-parts.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import type { PartsResult } from '../e2e/harness/lib/load-parts.js';
import type {} from '../e2e/harness/store.js'; // window.storeHarness
import { startHarness } from './browser.js';
import { median } from './report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const [fileMiB = 266, hashMiB = 128, reps = 5] = process.argv.slice(2).map(Number);

const harness = await startHarness();
const profile = mkdtempSync(join(tmpdir(), 'webrerank-load-parts-'));
const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions({ webgpu: false }));
try {
  const page = await context.newPage();
  await page.goto(`${harness.origin}/store.html`);
  await page.waitForFunction(() => document.body.dataset.state !== undefined);
  const loadBefore = loadavg();
  const result: PartsResult = await page.evaluate(([f, h, r]) => window.storeHarness.measureLoadParts(f, h, r), [fileMiB, hashMiB, reps] as const);
  for (const [name, ms] of Object.entries(result)) {
    const mbps = name.startsWith('sha256') ? `, ${((hashMiB * 2 ** 20) / 1e6 / (median(ms) / 1000)).toFixed(0)} MB/s` : '';
    process.stdout.write(`${name}: median ${median(ms)} ms (${ms.join(', ')})${mbps}\n`);
  }
  const out = join(ROOT, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}-load-parts.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), fileMiB, hashMiB, reps, loadAverage: { before: loadBefore, after: loadavg() }, result }, null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await context.close();
  await harness.server.close();
  rmSync(profile, { recursive: true, force: true });
}
