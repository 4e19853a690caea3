import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RerankerError } from '../src/errors.js';
import { chunkCount, chunkLength, parseManifest, type Manifest } from '../src/store/manifest.js';
import type { StoredFileKey } from '../src/store/model-store.js';
import { Sha256 } from '../src/store/sha256.js';
import { isDamagedValue, storeError } from '../src/store/store-errors.js';
import {
  chunkKey,
  chunkPrefix,
  manifestKey,
  matchesFilter,
  parseStoreKey,
  prefixEnd,
} from '../src/store/store-keys.js';

const key: StoredFileKey = { host: 'https://huggingface.co', model: 'BAAI/bge-reranker-base', revision: 'main', file: 'onnx/model.onnx' };

describe('store keys', () => {
  it('are readable and tagged', () => {
    expect(manifestKey(key)).toBe('file|https://huggingface.co|BAAI/bge-reranker-base|main|onnx/model.onnx');
    expect(chunkKey(key, 3)).toBe('chunk|https://huggingface.co|BAAI/bge-reranker-base|main|onnx/model.onnx|3');
  });

  it('keep a "|" inside a part from shifting the boundaries', () => {
    const a = { ...key, model: 'a|b', revision: 'c' };
    const b = { ...key, model: 'a', revision: 'b|c' };
    expect(manifestKey(a)).not.toBe(manifestKey(b));
    expect(chunkKey(a, 0)).not.toBe(chunkKey(b, 0));
  });

  it('keep escapes apart from the characters they stand for', () => {
    const literal = { ...key, file: 'x%7Cy' };
    const pipe = { ...key, file: 'x|y' };
    expect(manifestKey(literal)).not.toBe(manifestKey(pipe));
  });

  it('parse back to the same parts, for any part', () => {
    const odd = { host: 'h|%|%7C', model: '%257C', revision: '||', file: 'dir/ä 😀|%25' };
    expect(parseStoreKey(manifestKey(odd))).toEqual({ kind: 'file', key: odd });
    expect(parseStoreKey(chunkKey(odd, 12))).toEqual({ kind: 'chunk', key: odd, index: 12 });
  });

  it('reject keys this layout did not write', () => {
    for (const raw of ['file|a|b|c', 'chunk|a|b|c|d|x', 'chunk|a|b|c|d', 'other|a|b|c|d', 42, ['file']]) {
      expect(parseStoreKey(raw)).toBeUndefined();
    }
  });

  it('give each file a chunk prefix no other file shares', () => {
    const longer = { ...key, file: 'onnx/model.onnx_data' };
    expect(chunkKey(longer, 0).startsWith(chunkPrefix(key))).toBe(false);
    const prefix = chunkPrefix(key);
    const end = prefixEnd(prefix);
    // The half-open range [prefix, end) holds this file's chunks and nothing else.
    const inRange = (k: string): boolean => k >= prefix && k < end;
    expect(inRange(chunkKey(key, 0))).toBe(true);
    expect(inRange(chunkKey(key, 999))).toBe(true);
    expect(inRange(chunkKey(longer, 0))).toBe(false);
    expect(inRange(manifestKey(key))).toBe(false);
    expect(() => prefixEnd('file')).toThrow();
  });

  it('match filters whose missing fields match anything', () => {
    expect(matchesFilter(key, undefined)).toBe(true);
    expect(matchesFilter(key, {})).toBe(true);
    expect(matchesFilter(key, { host: key.host, model: key.model })).toBe(true);
    expect(matchesFilter(key, { host: key.host, revision: undefined })).toBe(true);
    expect(matchesFilter(key, { model: key.model, revision: 'v2' })).toBe(false);
    expect(matchesFilter(key, { file: 'config.json' })).toBe(false);
  });
});

describe('manifest', () => {
  const digest = 'a'.repeat(64);
  const good: Manifest = {
    v: 1, ...key, size: 20, sha256: undefined, chunkSize: 8, chunkDigests: [digest, digest, digest], storedAt: 1,
  };

  it('splits a file into ceil(size / chunkSize) chunks, the last one short', () => {
    expect(chunkCount(20, 8)).toBe(3);
    expect(chunkCount(16, 8)).toBe(2);
    expect(chunkCount(0, 8)).toBe(0);
    expect([0, 1, 2].map((i) => chunkLength(good, i))).toEqual([8, 8, 4]);
  });

  it('accepts what the store writes and rejects anything else', () => {
    expect(parseManifest(good)).toBe(good);
    expect(parseManifest({ ...good, sha256: 'b'.repeat(64) })).toBeDefined();
    for (const bad of [
      undefined, null, 'file', { ...good, v: 2 }, { ...good, size: -1 }, { ...good, chunkSize: 0 },
      { ...good, chunkDigests: [digest, digest] }, { ...good, chunkDigests: [digest, digest, 'xyz'] },
      { ...good, sha256: 'W/"abc"' }, { ...good, file: 3 },
    ]) {
      expect(parseManifest(bad)).toBeUndefined();
    }
  });
});

describe('store errors', () => {
  it('map QuotaExceededError to QUOTA_EXCEEDED and everything else to CACHE_UNAVAILABLE', () => {
    const quota = storeError(new DOMException('full', 'QuotaExceededError'), 'storing x');
    expect(quota).toBeInstanceOf(RerankerError);
    expect(quota.code).toBe('QUOTA_EXCEEDED');
    for (const name of ['SecurityError', 'InvalidStateError', 'UnknownError', 'AbortError']) {
      expect(storeError(new DOMException('no', name), 'storing x').code).toBe('CACHE_UNAVAILABLE');
    }
    // A transaction aborted without an error rejects with null.
    expect(storeError(null, 'storing x').code).toBe('CACHE_UNAVAILABLE');
    const own = new RerankerError('CACHE_UNAVAILABLE', 'kept');
    expect(storeError(own, 'x')).toBe(own);
  });

  it('tell a damaged value from a broken database', () => {
    expect(isDamagedValue(new DOMException('gone', 'NotReadableError'))).toBe(true);
    expect(isDamagedValue(new DOMException('no', 'SecurityError'))).toBe(false);
  });
});

describe('Sha256', () => {
  it('matches node:crypto for lengths around the block and padding boundaries, fed in odd pieces', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65_537]) {
      const bytes = randomBytes(length);
      const hash = new Sha256();
      for (let offset = 0, step = 1; offset < length; offset += step, step = (step * 7) % 97 + 1) {
        hash.update(bytes.subarray(offset, offset + step));
      }
      expect(hash.hex(), `length ${length}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('gives the FIPS 180-2 test vector', () => {
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
