import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateModel } from '../src/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function generateHashes(externalData: boolean): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'testkit-det-'));
  dirs.push(dir);
  const { files } = generateModel({ preset: 'tiny', outDir: dir, externalData });
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe('generateModel determinism', () => {
  it.each([false, true])('writes identical bytes on every run (externalData %s)', (externalData) => {
    const first = generateHashes(externalData);
    expect(generateHashes(externalData)).toEqual(first);
    expect(Object.keys(first).sort()).toEqual([
      'config.json',
      'onnx/model.onnx',
      ...(externalData ? ['onnx/model.onnx_data'] : []),
      'onnx/model_fp16.onnx',
      ...(externalData ? ['onnx/model_fp16.onnx_data'] : []),
      'onnx/model_quantized.onnx',
      ...(externalData ? ['onnx/model_quantized.onnx_data'] : []),
      'special_tokens_map.json',
      'testkit.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it('keeps every tiny file well under 1 MB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'testkit-size-'));
    dirs.push(dir);
    const { files } = generateModel({ preset: 'tiny', outDir: dir });
    for (const f of files) expect(statSync(join(dir, f)).size, f).toBeLessThan(600_000);
  });
});
