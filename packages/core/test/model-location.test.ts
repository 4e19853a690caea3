import { describe, expect, it } from 'vitest';
import { exportOf, resolveModelLocation } from '../src/shared/model-location.js';

describe('resolveModelLocation', () => {
  it('maps the seed BAAI ids to their public ONNX exports on the hub', () => {
    expect(exportOf('BAAI/bge-reranker-base')).toBe('Xenova/bge-reranker-base');
    expect(exportOf('BAAI/bge-reranker-large')).toBe('Xenova/bge-reranker-large');
    expect(resolveModelLocation('BAAI/bge-reranker-v2-m3')).toEqual({
      baseUrl: 'https://huggingface.co/onnx-community/bge-reranker-v2-m3-ONNX/resolve/main/',
      host: 'https://huggingface.co', model: 'onnx-community/bge-reranker-v2-m3-ONNX', revision: 'main',
    });
  });

  it('maps only its own ids: names every object has are used as given', () => {
    for (const name of ['toString', 'constructor', '__proto__', '$comment']) expect(exportOf(name)).toBe(name);
  });

  it('uses any other id as given, on any mirror with the hub layout and any revision', () => {
    expect(resolveModelLocation('me/my-reranker', 'http://127.0.0.1:8080/', 'v1.0').baseUrl).toBe('http://127.0.0.1:8080/me/my-reranker/resolve/v1.0/');
  });

  it('takes a folder URL as it is', () => {
    expect(resolveModelLocation('https://cdn.example.com/models/tiny')).toMatchObject({ baseUrl: 'https://cdn.example.com/models/tiny/', host: 'https://cdn.example.com' });
  });

  it('rejects what is neither an id nor a URL', () => {
    for (const bad of ['', 'a b', '../etc/passwd', 'ftp://x/y', 'https://x/y?token=1']) {
      expect(() => resolveModelLocation(bad)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    }
    expect(() => resolveModelLocation('a/b', undefined, '../x')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
