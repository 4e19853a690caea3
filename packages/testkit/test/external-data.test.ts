// The external-data variant: weights in onnx/<file>.onnx_data, referenced by location/offset/length.
import { AutoModelForSequenceClassification, env, Tensor } from '@huggingface/transformers';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel, inspectOnnx, PRESETS } from '../src/index.js';
import { nodeSession, padBatch, randomSequences, runNode } from './helpers.js';

const FILES = ['model', 'model_quantized', 'model_fp16'];
let single = '';
let external = '';

beforeAll(async () => {
  single = await ensureTinyModel();
  external = await ensureTinyModel({ externalData: true });
});

describe('external data variant', () => {
  it.each(FILES)('%s.onnx references its tensors in %s.onnx_data', (file) => {
    const m = inspectOnnx(readFileSync(`${external}/onnx/${file}.onnx`));
    const refs = m.initializers.filter((t) => t.external !== undefined);
    expect(refs.length).toBeGreaterThan(0);
    const dataSize = statSync(`${external}/onnx/${file}.onnx_data`).size;
    for (const t of refs) {
      expect(t.external?.location).toBe(`${file}.onnx_data`);
      expect(Number(t.external?.offset) + Number(t.external?.length)).toBeLessThanOrEqual(dataSize);
      expect(t.rawBytes).toBe(0);
    }
    const words = refs.find((t) => t.name.startsWith('roberta.embeddings.word_embeddings.weight'));
    expect(words).toBeDefined();
  });

  it.each(FILES)('%s.onnx loads from its folder in onnxruntime-node and equals the single file', async (file) => {
    const batch = padBatch(randomSequences(7, 5, PRESETS.tiny.vocabSize));
    const a = await nodeSession(`${single}/onnx/${file}.onnx`);
    const b = await nodeSession(`${external}/onnx/${file}.onnx`);
    expect(await runNode(b, batch)).toEqual(await runNode(a, batch));
    await Promise.all([a.release(), b.release()]);
  });

  it('loads in transformers.js with use_external_data_format', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${dirname(external)}/`;
    const model = await AutoModelForSequenceClassification.from_pretrained(basename(external), {
      local_files_only: true,
      dtype: 'fp32',
      use_external_data_format: true,
    });
    const batch = padBatch(randomSequences(8, 3, PRESETS.tiny.vocabSize));
    const tensor = (rows: number[][]) =>
      new Tensor('int64', BigInt64Array.from(rows.flat(), (v) => BigInt(v)), [rows.length, rows[0]?.length ?? 0]);
    const out = (await model({ input_ids: tensor(batch.inputIds), attention_mask: tensor(batch.attentionMask) })) as {
      logits: Tensor;
    };
    const session = await nodeSession(`${single}/onnx/model.onnx`);
    const expected = await runNode(session, batch);
    const got = Array.from(out.logits.data as Float32Array);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    await Promise.all([model.dispose(), session.release()]);
  });
});
