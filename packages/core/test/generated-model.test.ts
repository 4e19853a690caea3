import { env, AutoModelForSequenceClassification, Tensor } from '@huggingface/transformers';
import { basename, dirname } from 'node:path';
import { ensureTinyModel } from '@webrerank/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedReranker } from '../src/model/load-model.js';
import { loadReranker } from '../src/node/load-node.js';
import { BATTERY_50 } from './helpers/battery.js';

// fp32 against an independent runtime (onnxruntime-node under transformers.js) on the same ids:
// only float summation order differs.
const FP32_TOLERANCE = 1e-5;

let modelDir: string;
let fp32: LoadedReranker;
let reference: number[];

beforeAll(async () => {
  modelDir = await ensureTinyModel();
  fp32 = await loadReranker(modelDir, { dtype: 'fp32' });
  reference = await fp32.computeScore(BATTERY_50);
});
afterAll(() => fp32.dispose());

describe('engine on the generated tiny model (fp32)', () => {
  it('equals transformers.js AutoModelForSequenceClassification fed the same input_ids', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${dirname(modelDir)}/`;
    const model = await AutoModelForSequenceClassification.from_pretrained(basename(modelDir), { dtype: 'fp32', local_files_only: true });
    try {
      const ids = fp32.encodePairs(BATTERY_50);
      const width = Math.max(...ids.map((s) => s.length));
      // Right padding with <pad> = 1, as FlagReranker pads XLM-R.
      const flatIds = ids.flatMap((s) => [...s, ...Array(width - s.length).fill(1)].map(BigInt));
      const flatMask = ids.flatMap((s) => [...s.map(() => 1n), ...Array(width - s.length).fill(0n)]);
      const { logits } = (await model({
        input_ids: new Tensor('int64', BigInt64Array.from(flatIds), [ids.length, width]),
        attention_mask: new Tensor('int64', BigInt64Array.from(flatMask), [ids.length, width]),
      })) as { logits: Tensor };
      const theirs = Array.from(logits.data as Float32Array);
      theirs.forEach((score, i) => expect(Math.abs(score - reference[i]!)).toBeLessThanOrEqual(FP32_TOLERANCE));
    } finally {
      await model.dispose();
    }
  });

  it('does not depend on batch size, token budget or input order', async () => {
    for (const options of [{ batchSize: 1 }, { batchSize: 7 }, { maxBatchTokens: 64 }, { batchSize: 50 }]) {
      const scores = await fp32.computeScore(BATTERY_50, options);
      scores.forEach((score, i) => expect(Math.abs(score - reference[i]!)).toBeLessThanOrEqual(FP32_TOLERANCE));
    }
    const order = BATTERY_50.map((_, i) => (i * 17) % BATTERY_50.length);
    const shuffled = await fp32.computeScore(order.map((i) => BATTERY_50[i]!));
    shuffled.forEach((score, j) => expect(Math.abs(score - reference[order[j]!]!)).toBeLessThanOrEqual(FP32_TOLERANCE));
  });

  it('rejects external data on onnxruntime-web in Node with a clear code (its Node build cannot mount it)', async () => {
    const error = await loadReranker(await ensureTinyModel({ externalData: true }), { dtype: 'fp32' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_NOT_SUPPORTED', message: expect.stringMatching(/backend "node"/) });
  });

  it('loads weights from external data (model.onnx_data) on onnxruntime-node with the same scores', async () => {
    const external = await loadReranker(await ensureTinyModel({ externalData: true }), { dtype: 'fp32', backend: 'node' });
    try {
      const scores = await external.computeScore(BATTERY_50.slice(0, 10));
      scores.forEach((score, i) => expect(Math.abs(score - reference[i]!)).toBeLessThanOrEqual(FP32_TOLERANCE));
    } finally {
      await external.dispose();
    }
  });

  it('runs on onnxruntime-node with the same scores', async () => {
    const native = await loadReranker(modelDir, { dtype: 'fp32', backend: 'node' });
    try {
      const scores = await native.computeScore(BATTERY_50);
      scores.forEach((score, i) => expect(Math.abs(score - reference[i]!)).toBeLessThanOrEqual(FP32_TOLERANCE));
    } finally {
      await native.dispose();
    }
  });
});
