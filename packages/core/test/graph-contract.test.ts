import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RerankerError, type RerankerErrorCode } from '../src/errors.js';
import { loadReranker, type NodeBackend } from '../src/node/load-node.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// A model folder whose config.json and tokenizer come from one reference model and whose ONNX
// graph comes from another, as a mislabelled upload or a wrong copy would make it.
function mixedFolder(configFrom: string, graphFrom: string): string {
  const dir = mkdtempSync(join(tmpdir(), `webrerank-mixed-${configFrom}-`));
  cpSync(join(REFERENCE_DIR, configFrom), dir, { recursive: true });
  cpSync(join(REFERENCE_DIR, graphFrom, 'onnx', 'model.onnx'), join(dir, 'onnx', 'model.onnx'));
  return dir;
}

async function loadCode(folder: string, backend: NodeBackend): Promise<RerankerErrorCode | number> {
  try {
    const reranker = await loadReranker(folder, { dtype: 'fp32', backend });
    try {
      // What the old engine did: score (a decoder graph in a cross-encoder folder gave 5.255).
      return await reranker.computeScore(['what is panda?', 'hi']);
    } finally {
      await reranker.dispose();
    }
  } catch (error) {
    expect(error).toBeInstanceOf(RerankerError);
    return (error as RerankerError).code;
  }
}

describe('a graph that is not the kind config.json says is refused at load', () => {
  for (const backend of ['wasm', 'node'] as const) {
    it(`${backend}: a decoder (gemma) graph in a cross-encoder folder is MODEL_NOT_SUPPORTED, not a score`, async () => {
      expect(await loadCode(mixedFolder('xlmr-tiny', 'gemma-tiny'), backend)).toBe('MODEL_NOT_SUPPORTED');
    });

    it(`${backend}: a cross-encoder graph in a decoder (gemma) folder is MODEL_NOT_SUPPORTED`, async () => {
      expect(await loadCode(mixedFolder('gemma-tiny', 'xlmr-tiny'), backend)).toBe('MODEL_NOT_SUPPORTED');
    });

    it(`${backend}: a decoder graph in a layerwise folder is MODEL_NOT_SUPPORTED`, async () => {
      expect(await loadCode(mixedFolder('minicpm-layerwise-tiny', 'gemma-tiny'), backend)).toBe('MODEL_NOT_SUPPORTED');
    });
  }

  it('the matching graphs still load and score', async () => {
    for (const model of ['xlmr-tiny', 'gemma-tiny']) {
      expect(typeof (await loadCode(join(REFERENCE_DIR, model), 'wasm'))).toBe('number');
    }
  });

  it('a config.json with an absurd external data chunk count is MODEL_NOT_SUPPORTED, not a RangeError', async () => {
    const dir = mixedFolder('xlmr-tiny', 'xlmr-tiny');
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, 'transformers.js_config': { use_external_data_format: 1e10 } }));
    expect(await loadCode(dir, 'node')).toBe('MODEL_NOT_SUPPORTED');
    expect(await loadCode(dir, 'wasm')).toBe('MODEL_NOT_SUPPORTED');
  });
});
