// Proves the browser-test stack: Vite harness with COOP/COEP, onnxruntime-web (threads, wasm
// and WebGPU on SwiftShader) in a module worker, models from the local hub server, and a
// request log that sees worker traffic. Scores: FlagEmbedding's, from expected.json.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpRun, SmokeRequest, SmokeResult } from './harness/ort-smoke.protocol';
import { expect, test, XLMR_TINY, XLMR_TINY_DIR } from './support/fixtures';
import { runHarnessPage } from './support/harness';
import { HARNESS_ORIGIN } from './support/origins';

interface Expected { calls: { id: string; per_pair: { pair_index: number; raw_score: number }[] }[] }
const expected = JSON.parse(readFileSync(join(XLMR_TINY_DIR, 'expected.json'), 'utf8')) as Expected;
const rawScores = new Map(expected.calls.find((c) => c.id === 'default')!.per_pair.map((p) => [p.pair_index, p.raw_score]));

/** Largest |logit - FlagEmbedding raw score| of a run over the pairs it scored. */
function maxError(result: SmokeResult, run: EpRun | undefined): number {
  expect(run?.error, `${run?.ep} error`).toBeUndefined();
  expect(run?.logits).toHaveLength(result.pairIndices.length);
  return Math.max(...result.pairIndices.map((pair, i) => Math.abs(run!.logits![i]! - rawScores.get(pair)!)));
}

function smoke(page: Page, hub: string, build: SmokeRequest['build'], ep: string, pairs: number) {
  return runHarnessPage<SmokeResult>(page, 'ort-smoke', { hub, build, ep, pairs: String(pairs) }, 150_000);
}

function timings(result: SmokeResult): string {
  const ms = (value?: number) => (value === undefined ? '-' : `${Math.round(value)} ms`);
  return result.runs.map((r) => `${result.build}/${r.ep}: create ${ms(r.createMs)}, run ${ms(r.firstRunMs)} then ${ms(r.secondRunMs)}`).join('; ');
}

test.describe('onnxruntime-web in a module worker', () => {
  test.describe.configure({ timeout: 180_000 }); // WebGPU on SwiftShader is a CPU emulating a GPU

  test('xlmr-tiny on wasm (threads) and native WebGPU gives FlagEmbedding scores; only local requests', async ({ page, hub, network }, testInfo) => {
    // Pairs 0-3 of call `default`: lengths 12, 68, 18 and 512, right-padded to one batch.
    const result = await smoke(page, hub.url, 'webgpu', 'wasm,webgpu', 4);
    testInfo.annotations.push({ type: 'timings', description: timings(result) });
    console.log(`ort-smoke ${timings(result)}`);

    expect(result.crossOriginIsolated).toBe(true);
    expect(result.numThreads).toBe(result.hardwareConcurrency);
    expect(result.numThreads).toBeGreaterThan(1);
    expect(result.adapter).toMatch(/swiftshader/i);
    const [wasm, webgpu] = result.runs;
    expect(wasm?.ep).toBe('wasm');
    expect(maxError(result, wasm)).toBeLessThan(1e-4);
    expect(webgpu?.ep).toBe('webgpu');
    expect(maxError(result, webgpu)).toBeLessThan(1e-4);

    // Browser side (page + workers): the worker's downloads are seen, nothing goes anywhere but
    // the two local servers, and onnxruntime's .wasm comes from the harness origin, not a CDN.
    const urls = network.requests().map((r) => r.url);
    expect(urls).toContain(`${hub.url}/${XLMR_TINY}/resolve/main/onnx/model.onnx`);
    expect(network.outside(HARNESS_ORIGIN, hub.url)).toEqual([]);
    const wasmFiles = urls.filter((url) => new URL(url).pathname.endsWith('.wasm'));
    expect(wasmFiles.length).toBeGreaterThan(0);
    for (const url of wasmFiles) expect(new URL(url).origin).toBe(HARNESS_ORIGIN);
    // Server side: exactly the two downloads.
    expect(hub.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /${XLMR_TINY}/resolve/main/expected.json`,
      `GET /${XLMR_TINY}/resolve/main/onnx/model.onnx`,
    ]);
  });

  test('KNOWN BUG: the default build\'s JSEP WebGPU EP scores xlmr-tiny wrongly (wasm is right)', async ({ page, hub }, testInfo) => {
    // onnxruntime-web 1.30.0, `import 'onnxruntime-web'`: its WebGPU EP (JSEP) returns wrong
    // logits here (error ~0.4), with or without graph optimisations; single ops agree with
    // wasm. Smallest repro: Gather(A[2500,32], ids) + Gather(B[1,32], Mul(ids, 0)), ids int64.
    // `onnxruntime-web/webgpu` (native EP) is right (test above). When this starts failing,
    // the bug is fixed: make it assert < 1e-4.
    const result = await smoke(page, hub.url, 'jsep', 'wasm,webgpu', 2);
    testInfo.annotations.push({ type: 'timings', description: timings(result) });
    const [wasm, webgpu] = result.runs;
    expect(maxError(result, wasm)).toBeLessThan(1e-4);
    expect(maxError(result, webgpu)).toBeGreaterThan(1e-2);
  });
});

test.describe('onnxruntime-web in a browser without WebGPU', () => {
  test.use({ webgpu: false });

  test('no adapter in page or worker: the webgpu EP fails, wasm still scores', async ({ page, hub }) => {
    const result = await smoke(page, hub.url, 'jsep', 'webgpu,wasm', 2);
    expect(await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return gpu ? (await gpu.requestAdapter()) === null : 'no navigator.gpu';
    })).toBe(true);
    expect(result.adapter).toBeNull();
    const [webgpu, wasm] = result.runs;
    expect(webgpu?.error).toBeTruthy();
    expect(maxError(result, wasm)).toBeLessThan(1e-4);
  });
});
