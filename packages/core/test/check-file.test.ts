import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkModelFile } from '../src/store/check-file.js';

const XLMR = fileURLToPath(new URL('../../testkit/reference/xlmr-tiny/', import.meta.url));
const file = (path: string): Uint8Array => new Uint8Array(readFileSync(XLMR + path));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('checkModelFile: what may be cached', () => {
  it('passes the real files of a model folder', () => {
    for (const path of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
      expect(checkModelFile(path, file(path)), path).toBeUndefined();
    }
  });

  it('refuses an HTML page, a truncated JSON file, JSON that is not an object, and invalid UTF-8', () => {
    expect(checkModelFile('config.json', text('<!doctype html><html>Sign in</html>'))).toMatch(/not JSON.*"<!doctype html>/);
    const tokenizer = file('tokenizer.json');
    expect(checkModelFile('tokenizer.json', tokenizer.subarray(0, tokenizer.length >> 1))).toMatch(/not JSON/);
    expect(checkModelFile('config.json', text('[1, 2]'))).toMatch(/not an object/);
    expect(checkModelFile('config.json', text('null'))).toMatch(/not an object/);
    expect(checkModelFile('config.json', new Uint8Array([0x7b, 0xff, 0x7d]))).toMatch(/not JSON/);
    // A mirror's error answer, sent with 200: JSON, but not the file.
    expect(checkModelFile('config.json', text('{"error":"Entry not found"}'))).toMatch(/without "model_type" or "architectures"/);
    expect(checkModelFile('tokenizer.json', text('{"error":"Entry not found"}'))).toMatch(/without "model"/);
    expect(checkModelFile('tokenizer_config.json', text('{}'))).toBeUndefined();
  });

  it('refuses an ONNX file that starts like text or is too short, and leaves external data alone', () => {
    expect(checkModelFile('onnx/model.onnx', text('<!doctype html><html>Sign in</html>'))).toMatch(/ONNX/);
    expect(checkModelFile('onnx/model.onnx', text('{"error":"Entry not found"}'))).toMatch(/ONNX/);
    expect(checkModelFile('onnx/model.onnx', file('onnx/model.onnx').subarray(0, 8))).toMatch(/ONNX/);
    // ir_version must be a small number, not any varint.
    expect(checkModelFile('onnx/model.onnx', new Uint8Array([0x08, 0xff, 0xff, 0x7f, ...new Uint8Array(20)]))).toMatch(/ONNX/);
    expect(checkModelFile('onnx/model.onnx_data', text('<!doctype html>'))).toBeUndefined();
  });

  it('refuses an ONNX file cut short, even by one byte, though it starts right', () => {
    const graph = file('onnx/model_quantized.onnx');
    for (const length of [graph.length - 1, graph.length >> 1, 64]) {
      expect(checkModelFile('onnx/model_quantized.onnx', graph.subarray(0, length)), String(length)).toMatch(/cut short|no graph/);
    }
  });
});
