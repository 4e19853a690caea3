// What the browser runtime refuses, and how: sparse arrays, options checked before the empty
// list shortcut, createReranker's own options, instruction formats, a graph of another model
// kind, a broken config.json. Each answer must be the RerankerError code Node gives.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, XLMR_TINY } from './support/fixtures.js';
import { startHubServer } from './support/hub-server.js';
import { openRuntime, value } from './support/runtime-page.js';

const reference = (name: string): string => fileURLToPath(new URL(`../packages/testkit/reference/${name}/`, import.meta.url));

// A folder with one reference model's config.json and tokenizer and another's ONNX graph.
function mixedFolder(configFrom: string, graphFrom: string, config?: (json: Record<string, unknown>) => Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'webrerank-e2e-mixed-'));
  cpSync(reference(configFrom), dir, { recursive: true });
  cpSync(join(reference(graphFrom), 'onnx', 'model.onnx'), join(dir, 'onnx', 'model.onnx'));
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>)));
  return dir;
}

test.describe('input and options the worker runtime refuses', () => {
  test.beforeEach(async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
  });

  test('sparse arrays are INVALID_INPUT (a hole once scored 0; new Array(3) failed inside onnxruntime)', async ({ page }) => {
    // The arrays are made in the page: holes do not survive page.evaluate's serialization.
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(await page.evaluate(() => window.rt.score([, ['q', 'p']] as never))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await page.evaluate(() => window.rt.score(new Array(3) as never))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(await page.evaluate(() => window.rt.rank('q', ['a', , 'b'] as never))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(value(await page.evaluate(() => window.rt.score([['q', 'p']])))).toHaveLength(1);
  });

  test('an empty list is checked like any other: [] with a bad option is INVALID_OPTION, as in Node', async ({ page }) => {
    expect(await page.evaluate(() => window.rt.score([], { batchSize: 0 }))).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    expect(await page.evaluate(() => window.rt.score([], { maxlength: 8 } as never))).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    expect(await page.evaluate(() => window.rt.score([], 5 as never))).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    expect(await page.evaluate(() => window.rt.rank('q', [], { maxLength: 2 }))).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    expect(value(await page.evaluate(() => window.rt.score([], { batchSize: 4 })))).toEqual([]);
  });

  test('an instruction format Python would refuse is INVALID_OPTION (it once appended "undefined")', async ({ page }) => {
    const bad = await page.evaluate(() => window.rt.score([['q', 'p']], { queryInstruction: 'x', queryInstructionFormat: '{}{}{}' }));
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_OPTION', message: expect.stringContaining('queryInstructionFormat') });
  });
});

test.describe('createReranker options', () => {
  for (const [what, options] of [
    ['threads zero', { threads: 0 }],
    ['threads not a number', { threads: '4' }],
    ['an unknown (typo\'d) option', { thread: 4 }],
    ['an unknown device', { device: 'cpu' }],
    ['an unknown dtype', { dtype: 'fp8' }],
    ['an unknown kind', { kind: 'bi-encoder' }],
    ['an unknown cache', { cache: 'localStorage' }],
    ['a revision that climbs', { revision: 'refs/../main' }],
    ['defaults that are not an object', { defaults: 5 }],
    ['a bad score default', { defaults: { batchSize: 0 } }],
  ] as const) {
    test(`INVALID_OPTION: ${what}`, async ({ page, hub }) => {
      await openRuntime(page);
      const outcome = await page.evaluate(([model, host, o]) => window.rt.create({ model, host, ...(o as object) }), [XLMR_TINY, hub.url, options] as const);
      expect(outcome).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    });
  }

  test('threads above the cores are capped with a THREADS_CAPPED warning', async ({ page, hub }) => {
    await openRuntime(page);
    const info = value(await page.evaluate(([model, host]) => window.rt.create({ model, host, device: 'wasm', dtype: 'fp32', threads: 100_000 }), [XLMR_TINY, hub.url] as const));
    expect(info.threads).toBe(Math.min(64, await page.evaluate(() => navigator.hardwareConcurrency)));
    expect(await page.evaluate(() => window.rt.events())).toContainEqual(expect.objectContaining({ type: 'warning', code: 'THREADS_CAPPED' }));
    expect(value(await page.evaluate(() => window.rt.score([['q', 'p']])))).toHaveLength(1);
  });

  test('a revision with slashes (refs/pr/1) loads from /resolve/refs%2Fpr%2F1/', async ({ page, hub }) => {
    await openRuntime(page);
    value(await page.evaluate(([model, host]) => window.rt.create({ model, host, revision: 'refs/pr/1', device: 'wasm', dtype: 'fp32' }), [XLMR_TINY, hub.url] as const));
    expect(hub.requests().map((r) => r.url)).toContain(`${hub.url}/${XLMR_TINY}/resolve/refs%2Fpr%2F1/config.json`);
  });
});

test.describe('models that are not what they say', () => {
  test('a decoder graph in a cross-encoder folder, and an absurd external data count, are MODEL_NOT_SUPPORTED', async ({ page }) => {
    const server = await startHubServer({
      models: {
        'mixed/decoder-in-cross-encoder': mixedFolder('xlmr-tiny', 'gemma-tiny'),
        'mixed/external-1e10': mixedFolder('xlmr-tiny', 'xlmr-tiny', (c) => ({ ...c, 'transformers.js_config': { use_external_data_format: 1e10 } })),
      },
    });
    try {
      await openRuntime(page);
      for (const model of ['mixed/decoder-in-cross-encoder', 'mixed/external-1e10']) {
        const outcome = await page.evaluate(([m, host]) => window.rt.create({ model: m, host, device: 'wasm', dtype: 'fp32', cache: 'none' }), [model, server.url] as const);
        expect(outcome, model).toMatchObject({ ok: false, code: 'MODEL_NOT_SUPPORTED' });
      }
    } finally {
      await server.close();
    }
  });
});
