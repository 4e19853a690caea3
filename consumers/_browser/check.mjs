// The Chromium check of the browser fixtures (consumers/vite-app, consumers/webpack-app,
// consumers/adapters-browser), run by
// their run.sh from the repository (Playwright from the repository's node_modules, Debian's
// Chromium, no browser download):
//   node consumers/_browser/check.mjs --url <app origin> --model <model folder> --label <name>
//     [--expect-error <text>]
// It opens the built app (served with COOP/COEP by its run.sh), waits for #result, and fails
// unless: the page ranked every passage, with scores within 1e-4 of the Node engine on the same
// model files (the repository's `pnpm webrerank score`, fp32); every request went to the app's
// own origin; no page error and no console error (page or worker); the worker, onnxruntime's
// chunk and its .wasm were requested; the page was cross-origin isolated and used every core.
// With --expect-error, the app must instead fail (not hang) with a message containing <text>.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const { values } = parseArgs({ options: { url: { type: 'string' }, model: { type: 'string' }, label: { type: 'string', default: 'app' }, 'expect-error': { type: 'string' } } });
if (!values.url || !values.model) throw new Error('usage: check.mjs --url <origin> --model <folder> [--label name]');
const origin = new URL(values.url).origin;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const problems = [];
// The two onnxruntime .wasm files by size (bundlers may rename them to a bare hash): the same
// onnxruntime-web version as the tarball's dependency, from the repository.
const ortDist = createRequire(`${repo}packages/core/package.json`).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm').replace(/[^/]+$/, '');
const WASM_BUILD_BYTES = statSync(`${ortDist}ort-wasm-simd-threaded.wasm`).size;
const WEBGPU_BUILD_BYTES = statSync(`${ortDist}ort-wasm-simd-threaded.asyncify.wasm`).size;
const fail = (message) => problems.push(message);

// Same flags as the repository's e2e (e2e/support/chromium.ts): closed network, no WebGPU flag,
// so `device: 'auto'` runs on WASM as on most machines without a GPU.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
});
let result;
const requests = [];
const wasmBytes = [];
try {
  const context = await browser.newContext();
  context.on('request', (request) => requests.push(request.url()));
  context.on('response', (response) => {
    // Decoded body bytes (the server may compress, or send no Content-Length).
    if (new URL(response.url()).pathname.endsWith('.wasm')) wasmBytes.push(response.body().then((body) => body.byteLength, () => -1));
  });
  const page = await context.newPage();
  const onConsole = (where) => (message) => {
    // The browser's own /favicon.ico request (an app without an icon) is not the app's error.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) fail(`console error (${where}): ${message.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
  page.on('pageerror', (error) => fail(`page error: ${error.message}`));
  await page.goto(values.url);
  const output = page.locator('#result');
  await output.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor({ timeout: 60_000 });
  const state = await output.getAttribute('data-state');
  const text = (await output.textContent()) ?? '';
  const expectedError = values['expect-error'];
  if (expectedError !== undefined) {
    if (state !== 'error' || !text.includes(expectedError)) throw new Error(`expected the app to fail with "${expectedError}", it ended "${state}": ${text}`);
    console.log(`${values.label}: failed as expected: ${text}`);
    process.exit(0);
  }
  if (state !== 'done') throw new Error(`the app failed: ${text}`);
  result = JSON.parse(text);
  const [isolated, cores] = await page.evaluate(() => [globalThis.crossOriginIsolated, navigator.hardwareConcurrency]);
  if (!isolated) fail('the page is not cross-origin isolated (COOP/COEP headers missing)');
  else if (result.threads !== cores) fail(`WASM ran on ${result.threads} threads, the machine has ${cores} cores`);
  wasmBytes.splice(0, wasmBytes.length, ...(await Promise.all(wasmBytes)));
  await context.close();
} finally {
  await browser.close();
}

const foreign = requests.filter((url) => !url.startsWith(`${origin}/`));
if (foreign.length > 0) fail(`requests outside ${origin}: ${foreign.join(', ')}`);
if (!requests.some((url) => /\/hub\/webrerank-test\/tiny\/resolve\/main\/onnx\/model\.onnx$/.test(url))) fail('the model was never requested');
// On WASM, the page loads onnxruntime's wasm build and never its webgpu build.
if (!wasmBytes.includes(WASM_BUILD_BYTES)) fail(`onnxruntime's wasm build (${WASM_BUILD_BYTES} B) was not loaded; .wasm responses: ${wasmBytes.join(', ') || 'none'}`);
if (wasmBytes.includes(WEBGPU_BUILD_BYTES) || requests.some((url) => /asyncify|jsep|jspi/.test(url))) fail('a WASM-only page downloaded the webgpu build');

// The same pairs scored in Node by the repository's engine.
const input = result.passages.map((passage) => JSON.stringify({ query: result.query, passage })).join('\n');
const node = spawnSync('pnpm', ['--silent', '--dir', repo, 'webrerank', 'score', '--model', values.model, '--input', '-', '--dtype', 'fp32'], { input, encoding: 'utf8' });
if (node.status !== 0) throw new Error(`webrerank score failed: ${node.stderr}`);
const expected = JSON.parse(node.stdout);
if (result.device !== 'wasm' || result.dtype !== 'fp32') fail(`ran on ${result.device}/${result.dtype}, expected wasm/fp32`);
if (result.ranked.length !== result.passages.length) fail(`ranked ${result.ranked.length} of ${result.passages.length} passages`);
for (const [i, { index, score }] of result.ranked.entries()) {
  if (!Number.isFinite(score)) fail(`passage ${index}: score ${score} is not finite`);
  else if (Math.abs(score - expected[index]) > 1e-4) fail(`passage ${index}: browser ${score}, Node ${expected[index]}`);
  if (i > 0 && result.ranked[i - 1].score < score) fail('rank() is not in descending score order');
}

// consumers/adapters-browser: what each adapter returned equals the page's own rank(), best
// `top` of it, same scores; bad input gave RerankerError INVALID_INPUT through each.
if (result.adapters) {
  const { top, errors, ...adapters } = result.adapters;
  const want = JSON.stringify(result.ranked.slice(0, top).map(({ index, score }) => ({ index, score })));
  for (const [name, got] of Object.entries(adapters)) {
    if (JSON.stringify(got) !== want) fail(`${name} adapter returned ${JSON.stringify(got)}, rank() ${want}`);
    else console.log(`${values.label}: the ${name} adapter returned rank()'s best ${top}, same scores`);
  }
  if (JSON.stringify(errors) !== JSON.stringify(['INVALID_INPUT', 'INVALID_INPUT'])) fail(`bad input through the adapters gave ${JSON.stringify(errors)}, not INVALID_INPUT twice`);
}

console.log(`${values.label}: ${result.ranked.length} passages ranked on ${result.device}/${result.dtype}, ${result.threads} threads; ${requests.length} requests, all to ${origin}`);
console.log(result.ranked.map(({ index, score }) => `  #${index} ${score.toFixed(6)} (Node ${expected[index].toFixed(6)})`).join('\n'));
if (problems.length > 0) {
  console.error(`${values.label}: FAILED\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${values.label}: OK`);
