// The demo app with the reference LLM test models (served by the app under /hub, fp32 only):
// the layerwise model ranks by its last layer and shows every layer's score, the gemma-style one
// ranks by its one score. Every number shown is checked against the Node engine on the same files.
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { loadReranker } from '../packages/core/src/node/load-node.js';
import type { Pair } from '../packages/core/src/api.js';

const QUERY = 'What do giant pandas eat?';
const PASSAGES = [
  'Giant pandas eat almost nothing but bamboo, up to 38 kg a day.',
  'The pandas library for Python offers DataFrame objects.',
  'Red pandas live in the eastern Himalayas.',
  'Koalas feed on eucalyptus leaves.',
  'Bamboo is a fast-growing grass.',
];
const PAIRS = PASSAGES.map((p): Pair => [QUERY, p]);
const TOLERANCE = 1e-4; // fp32: the page's WebGPU/WASM against Node's onnxruntime, summing in another order

const referenceDir = (name: string): string => fileURLToPath(new URL(`../packages/testkit/reference/${name}`, import.meta.url));

interface Row { index: number; rank: number; score: number; layers?: number[]; layerScores?: number[] }

async function rows(page: Page): Promise<Row[]> {
  return page.getByTestId('result-row').evaluateAll((nodes) =>
    nodes.map((node) => {
      const data = (node as HTMLElement).dataset;
      return {
        index: Number(data.index),
        rank: Number(data.rank),
        score: Number(data.score),
        ...(data.layers !== undefined ? { layers: JSON.parse(data.layers) as number[] } : {}),
        ...(data.layerScores !== undefined ? { layerScores: JSON.parse(data.layerScores) as number[] } : {}),
      };
    }),
  );
}

function expectClose(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

/** Picks `model`, reranks the five passages, and returns the rows once the page is ready. */
async function rerankWith(page: Page, model: string): Promise<Row[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto('/');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('model').selectOption(model);
  await expect(page.getByTestId('model').locator('option:checked')).toContainText('random weights');
  await page.getByTestId('query').fill(QUERY);
  await page.getByTestId('passages').fill(PASSAGES.join('\n'));
  await page.getByTestId('query').press('Enter');
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(page.getByTestId('runtime-summary')).toHaveAttribute('data-dtype', 'fp32');
  const shown = await rows(page);
  expect(shown).toHaveLength(PASSAGES.length);
  expect(shown.map((r) => r.index).sort((a, b) => a - b)).toEqual([...PASSAGES.keys()]);
  for (let i = 1; i < shown.length; i++) expect(shown[i - 1]!.score).toBeGreaterThanOrEqual(shown[i]!.score);
  expect(problems).toEqual([]);
  return shown;
}

test.describe('demo: LLM rerankers (reference test models)', () => {
  test('layerwise: ranked by the last layer, every layer [start_layer, num_hidden_layers] shown per row', async ({ page }) => {
    const shown = await rerankWith(page, 'webrerank-test/minicpm-layerwise-tiny');
    const layers = [2, 3, 4, 5, 6]; // the model's config.json: start_layer 2, num_hidden_layers 6
    const reranker = await loadReranker(referenceDir('minicpm-layerwise-tiny'), { dtype: 'fp32' });
    let last: number[];
    let perLayer: number[][];
    try {
      last = await reranker.computeScore(PAIRS); // default: the last layer
      perLayer = (await reranker.computeScore(PAIRS, { cutoffLayers: layers })) as number[][];
    } finally {
      await reranker.dispose();
    }
    expect(perLayer).toHaveLength(layers.length);
    for (const row of shown) {
      expectClose(row.score, last[row.index]!, `last-layer score of passage ${row.index}`);
      expect(row.layers).toEqual(layers);
      expect(row.layerScores).toHaveLength(layers.length);
      row.layerScores!.forEach((score, i) => expectClose(score, perLayer[i]![row.index]!, `layer ${layers[i]} score of passage ${row.index}`));
    }
    // Visible too: one "layer k: …" per layer on every row.
    const first = page.getByTestId('result-row').first().getByTestId('layer-scores');
    for (const layer of layers) await expect(first).toContainText(`layer ${layer}:`);
  });

  test('gemma-style: ranked by its one score, equal to computeScore; no per-layer scores', async ({ page }) => {
    const shown = await rerankWith(page, 'webrerank-test/gemma-tiny');
    const reranker = await loadReranker(referenceDir('gemma-tiny'), { dtype: 'fp32' });
    let expected: number[];
    try {
      expected = await reranker.computeScore(PAIRS);
    } finally {
      await reranker.dispose();
    }
    for (const row of shown) {
      expectClose(row.score, expected[row.index]!, `score of passage ${row.index}`);
      expect(row.layerScores).toBeUndefined();
    }
    await expect(page.getByTestId('layer-scores')).toHaveCount(0);
  });
});
