// The tiny fp32 model: same logits in every runtime, equal to the independent TypeScript
// forward pass, and independent of padding.
import { AutoModelForSequenceClassification, env, Tensor } from '@huggingface/transformers';
import { basename, dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel, forwardLogits, generateWeights, PRESETS } from '../src/index.js';
import {
  maxAbsDiff, nodeSession, padBatch, randomSequences, runNode, runWeb, webSession, type Batch,
} from './helpers.js';

const VOCAB = PRESETS.tiny.vocabSize;
const batches: Batch[] = [
  padBatch(randomSequences(1, 4, VOCAB)),
  padBatch(randomSequences(2, 7, VOCAB, 64)),
  padBatch([[0, 5, 6, 7, 2, 2, 8, 9, 2]]),
];

let dir = '';
beforeAll(async () => {
  dir = await ensureTinyModel();
});

async function transformersLogits(batch: Batch): Promise<number[]> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  const model = await AutoModelForSequenceClassification.from_pretrained(basename(dir), {
    local_files_only: true,
    dtype: 'fp32',
  });
  const tensor = (rows: number[][]) =>
    new Tensor('int64', BigInt64Array.from(rows.flat(), (v) => BigInt(v)), [rows.length, rows[0]?.length ?? 0]);
  const out = await model({ input_ids: tensor(batch.inputIds), attention_mask: tensor(batch.attentionMask) });
  await model.dispose();
  return Array.from((out as { logits: Tensor }).logits.data as Float32Array);
}

describe('tiny fp32 model', () => {
  it('gives the same logits in onnxruntime-node, onnxruntime-web and transformers.js', async () => {
    const node = await nodeSession(`${dir}/onnx/model.onnx`);
    const web = await webSession(`${dir}/onnx/model.onnx`);
    for (const batch of batches) {
      const expected = await runNode(node, batch);
      expect(expected).toHaveLength(batch.inputIds.length);
      expect(maxAbsDiff(await runWeb(web, batch), expected)).toBeLessThan(1e-5);
      expect(maxAbsDiff(await transformersLogits(batch), expected)).toBeLessThan(1e-5);
    }
    await Promise.all([node.release(), web.release()]);
  });

  it('matches the independent TypeScript forward pass (max |diff| < 1e-5, measured ~1e-6)', async () => {
    const weights = generateWeights(PRESETS.tiny);
    const node = await nodeSession(`${dir}/onnx/model.onnx`);
    // Includes a 512-token sequence: positions up to 513, the last row of the 514-row table.
    const long = [0, ...Array.from({ length: 510 }, (_, i) => 4 + ((i * 37) % (VOCAB - 5))), 2];
    for (const batch of [...batches, padBatch([long])]) {
      const diff = maxAbsDiff(await runNode(node, batch), forwardLogits(weights, batch));
      expect(diff).toBeLessThan(1e-5);
    }
    await node.release();
  });

  it('is padding-invariant: a padded sequence scores as it does alone', async () => {
    const sequences = randomSequences(4, 6, VOCAB, 48);
    const node = await nodeSession(`${dir}/onnx/model.onnx`);
    const web = await webSession(`${dir}/onnx/model.onnx`);
    const padded = padBatch(sequences);
    const together = await runNode(node, padded);
    const togetherWeb = await runWeb(web, padded);
    for (const [i, seq] of sequences.entries()) {
      const alone = await runNode(node, padBatch([seq]));
      expect(Math.abs(alone[0]! - together[i]!)).toBeLessThan(1e-5);
      expect(Math.abs(alone[0]! - togetherWeb[i]!)).toBeLessThan(1e-5);
    }
    await Promise.all([node.release(), web.release()]);
  });
});
