// The words the demo shows for the library's real error messages.
import { describe, expect, it } from 'vitest';
import { RerankerError } from '../../core/src/errors.js';
import { errorCode, explain } from '../src/errors.js';

const local = { model: 'webrerank-test/missing', host: 'local' as const, device: 'auto', dtype: 'auto' };
const base = 'http://127.0.0.1:4173/hub/webrerank-test/missing/resolve/main/';

describe('explain', () => {
  it('a model the host does not have: every device option failed on config.json', () => {
    const message = `no usable model file: webgpu/fp32: ${base}config.json does not exist (HTTP 404); wasm/q8: ${base}config.json does not exist (HTTP 404)`;
    const explained = explain(new RerankerError('MODEL_FILE_NOT_FOUND', message), local);
    expect(explained.title).toBe('No model “webrerank-test/missing” on this app (/hub)');
    expect(explained.file).toBe('config.json');
    expect(explained.hints[0]).toBe('config.json was not found there (HTTP 404).');
  });

  it('weights of a dtype the model does not publish', () => {
    const tiny = 'http://127.0.0.1:4173/hub/webrerank-test/tiny/resolve/main/';
    const message = `no usable model file: webgpu/q4: ${tiny} has no onnx/model_q4.onnx for dtype q4; wasm/q4: ${tiny} has no onnx/model_q4.onnx for dtype q4`;
    const explained = explain(new RerankerError('MODEL_FILE_NOT_FOUND', message), { ...local, model: 'webrerank-test/tiny', dtype: 'q4' });
    expect(explained.title).toBe('webrerank-test/tiny has no q4 weights on this app (/hub)');
    expect(explained.file).toBe('onnx/model_q4.onnx');
    expect(explained.hints[0]).toBe('The file onnx/model_q4.onnx does not exist there (HTTP 404).');
  });

  it('an unreachable hub: the file, and a test model to try', () => {
    const message = 'could not fetch https://huggingface.co/Xenova/bge-reranker-base/resolve/main/config.json';
    const explained = explain(new RerankerError('MODEL_FETCH_FAILED', message), { ...local, model: 'BAAI/bge-reranker-base', host: 'hub' });
    expect(explained.title).toBe('Could not download config.json from huggingface.co');
    expect(explained.hints.join(' ')).toContain('Pick a test model');
  });

  it('an HTTP error and a broken-off download say so', () => {
    const url = 'https://huggingface.co/o/m/resolve/main/onnx/model.onnx';
    expect(explain(new RerankerError('MODEL_FETCH_FAILED', `could not fetch ${url}: HTTP 503`), local).hints[0]).toBe('The server answered HTTP 503.');
    expect(explain(new RerankerError('MODEL_FETCH_FAILED', `download of ${url} broke off after 10 bytes`), local).hints[0]).toContain('broke off');
  });

  it('codes survive as plain objects (errors that crossed a worker), anything else is "something went wrong"', () => {
    expect(errorCode({ code: 'WORKER_CRASHED', message: 'gone' })).toBe('WORKER_CRASHED');
    expect(explain({ code: 'WORKER_CRASHED', message: 'gone' }, local).title).toBe('The model’s worker stopped');
    const unknown = explain(new TypeError('boom'), local);
    expect(unknown).toMatchObject({ code: 'UNEXPECTED', title: 'Something went wrong', detail: 'boom' });
  });
});
