import { describe, expect, it } from 'vitest';
import { resolveOnnxFiles } from '../src/model/dtype.js';
import { readPairTemplate } from '../src/tokenizer/pair-template.js';

describe('resolveOnnxFiles (transformers.js file names)', () => {
  it('maps each dtype to its file', () => {
    expect(resolveOnnxFiles('fp32', undefined, 'fp32').graph).toBe('onnx/model.onnx');
    expect(resolveOnnxFiles('fp16', undefined, 'fp32').graph).toBe('onnx/model_fp16.onnx');
    expect(resolveOnnxFiles('q8', undefined, 'fp32').graph).toBe('onnx/model_quantized.onnx');
    expect(resolveOnnxFiles('int8', undefined, 'fp32').graph).toBe('onnx/model_int8.onnx');
    expect(resolveOnnxFiles('uint8', undefined, 'fp32').graph).toBe('onnx/model_uint8.onnx');
    expect(resolveOnnxFiles('q4', undefined, 'fp32').graph).toBe('onnx/model_q4.onnx');
    expect(resolveOnnxFiles('q4f16', undefined, 'fp32').graph).toBe('onnx/model_q4f16.onnx');
    expect(resolveOnnxFiles('bnb4', undefined, 'fp32').graph).toBe('onnx/model_bnb4.onnx');
  });

  it('auto takes transformers.js_config.dtype, as a string or per file, else the fallback', () => {
    expect(resolveOnnxFiles('auto', { dtype: 'q8' }, 'fp32').dtype).toBe('q8');
    expect(resolveOnnxFiles(undefined, { dtype: { model: 'fp16' } }, 'fp32').dtype).toBe('fp16');
    expect(resolveOnnxFiles('auto', undefined, 'q8').dtype).toBe('q8');
    expect(resolveOnnxFiles('fp32', { dtype: 'q8' }, 'q8').dtype).toBe('fp32');
  });

  it('lists external data chunks from use_external_data_format', () => {
    expect(resolveOnnxFiles('fp32', { use_external_data_format: true }, 'fp32').externalData).toEqual(['onnx/model.onnx_data']);
    expect(resolveOnnxFiles('fp16', { use_external_data_format: 3 }, 'fp32').externalData).toEqual([
      'onnx/model_fp16.onnx_data', 'onnx/model_fp16.onnx_data_1', 'onnx/model_fp16.onnx_data_2',
    ]);
    expect(resolveOnnxFiles('q8', { use_external_data_format: { 'model_fp16.onnx': true } }, 'fp32').externalData).toEqual([]);
    expect(resolveOnnxFiles('fp32', { use_external_data_format: { model: 1 } }, 'fp32').externalData).toEqual(['onnx/model.onnx_data']);
    expect(resolveOnnxFiles('fp32', { use_external_data_format: false }, 'fp32').externalData).toEqual([]);
  });

  it('refuses a chunk count that is no count with MODEL_NOT_SUPPORTED (1e10 was an untyped RangeError)', () => {
    for (const setting of [1e10, -1, 2.5, Number.NaN, '3', { model: 1e10 }, { 'model.onnx': 101 }]) {
      expect(() => resolveOnnxFiles('fp32', { use_external_data_format: setting as number }, 'fp32'), JSON.stringify(setting))
        .toThrow(expect.objectContaining({ name: 'RerankerError', code: 'MODEL_NOT_SUPPORTED' }));
    }
    expect(resolveOnnxFiles('fp32', { use_external_data_format: 100 }, 'fp32').externalData).toHaveLength(100);
  });
});

describe('readPairTemplate', () => {
  it('reads RobertaProcessing as <s> A </s></s> B </s>', () => {
    expect(readPairTemplate({ type: 'RobertaProcessing', cls: ['<s>', 0], sep: ['</s>', 2] })).toEqual({ prefix: [0], middle: [2, 2], suffix: [2] });
  });
  it('reads BertProcessing and TemplateProcessing', () => {
    expect(readPairTemplate({ type: 'BertProcessing', cls: ['[CLS]', 101], sep: ['[SEP]', 102] })).toEqual({ prefix: [101], middle: [102], suffix: [102] });
    const template = {
      type: 'TemplateProcessing',
      pair: [{ SpecialToken: { id: '[CLS]' } }, { Sequence: { id: 'A' } }, { SpecialToken: { id: '[SEP]' } }, { Sequence: { id: 'B' } }, { SpecialToken: { id: '[SEP]' } }],
      special_tokens: { '[CLS]': { ids: [101] }, '[SEP]': { ids: [102] } },
    };
    expect(readPairTemplate(template)).toEqual({ prefix: [101], middle: [102], suffix: [102] });
    expect(readPairTemplate({ type: 'Sequence', processors: [{ type: 'ByteLevel' }, template] })).toEqual({ prefix: [101], middle: [102], suffix: [102] });
  });
});
