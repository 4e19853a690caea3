// The hub stand-in the browser tests rely on: headers, 404s, faults and the request log.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_COMMIT, startHubServer, type HubServer } from './hub-server.js';

const XLMR = fileURLToPath(new URL('../../packages/testkit/reference/xlmr-tiny/', import.meta.url));
const ID = 'webrerank-test/xlmr-tiny';
const ONNX = readFileSync(join(XLMR, 'onnx/model.onnx'));
const CONFIG = readFileSync(join(XLMR, 'config.json'));

let hub: HubServer;
let scratch: string;
const file = (path: string, revision = 'main') => `${hub.url}/${ID}/resolve/${revision}/${path}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Raw GET (node:http): counts the body bytes that really arrived before the socket died. */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; received: number; error?: string | undefined }> {
  return new Promise((done, fail) => {
    const request = get(url, (res) => {
      let received = 0;
      const finish = (error?: string) => done({ status: res.statusCode ?? 0, headers: res.headers, received, error });
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.on('end', () => finish());
      res.on('aborted', () => finish('aborted'));
      res.on('error', (error) => finish(error.message));
    });
    request.on('error', fail);
  });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'hub-server-'));
  mkdirSync(join(scratch, 'sub'));
  writeFileSync(join(scratch, 'sub', 'big.bin'), Buffer.alloc(10 * 1024 * 1024 + 1, 7));
  writeFileSync(join(scratch, 'small.txt'), 'hello hub\n');
  hub = await startHubServer({ models: { [ID]: XLMR, 'org/scratch': scratch } });
});
afterAll(async () => {
  await hub.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  hub.clearFaults();
  hub.resetRequests();
});

describe('files', () => {
  it('serves an LFS-like file with the hub headers and sha256 ETags', async () => {
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(file('onnx/model.onnx'), { headers: { Origin: 'http://127.0.0.1:4175' } });
    expect(res.status).toBe(200);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.compare(body, ONNX)).toBe(0);
    expect(Buffer.compare(hub.fileBytes(ID, 'onnx/model.onnx'), ONNX)).toBe(0);
    const h = res.headers;
    expect(h.get('content-length')).toBe(String(ONNX.length));
    expect(h.get('x-linked-etag')).toBe(`"${sha256(ONNX)}"`);
    expect(h.get('etag')).toBe(`"${sha256(ONNX)}"`);
    expect(h.get('x-linked-size')).toBe(String(ONNX.length));
    expect(h.get('x-repo-commit')).toBe(REPO_COMMIT);
    expect(REPO_COMMIT).toMatch(/^[0-9a-f]{40}$/);
    expect(h.get('access-control-allow-origin')).toBe('*');
    for (const name of ['ETag', 'X-Linked-Etag', 'X-Linked-Size', 'X-Repo-Commit', 'Content-Length']) {
      expect(h.get('access-control-expose-headers')).toContain(name);
    }
    expect(h.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('gives small files a git-blob ETag and no X-Linked-*; any revision works', async () => {
    for (const revision of ['main', 'a'.repeat(40), 'refs%2Fpr%2F1']) {
      const res = await fetch(file('config.json', revision));
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(CONFIG)).toBe(true);
      const blob = createHash('sha1').update(`blob ${CONFIG.length}\0`).update(CONFIG).digest('hex');
      expect(res.headers.get('etag')).toBe(`"${blob}"`);
      expect(res.headers.get('x-linked-etag')).toBeNull();
    }
  });

  it('treats anything over 10 MB as LFS; HEAD sends headers only', async () => {
    const res = await fetch(`${hub.url}/org/scratch/resolve/main/sub/big.bin`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(10 * 1024 * 1024 + 1));
    expect(res.headers.get('x-linked-size')).toBe(String(10 * 1024 * 1024 + 1));
    expect(res.headers.get('x-linked-etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers single byte ranges with 206', async () => {
    const res = await fetch(file('onnx/model.onnx'), { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-199/${ONNX.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(ONNX.subarray(100, 200))).toBe(true);
  });

  it('404s unknown files and repos the way the hub does', async () => {
    const missing = await fetch(file('onnx/nope.onnx'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-error-code')).toBe('EntryNotFound');
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect(await missing.text()).toBe('Entry not found');
    const repo = await fetch(`${hub.url}/nobody/nothing/resolve/main/config.json`);
    expect(repo.status).toBe(404);
    expect(repo.headers.get('x-error-code')).toBe('RepositoryNotFound');
    for (const path of ['onnx', '..%2F..%2Freference%2FREADME.md', '']) {
      expect((await fetch(file(path))).status).toBe(404);
    }
  });

  it('answers CORS preflights', async () => {
    const res = await fetch(file('onnx/model.onnx'), {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:4175', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('range');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('faults', () => {
  it('status: the next N matching requests only', async () => {
    hub.setFaults([{ path: 'onnx/model.onnx', kind: 'status', status: 503, times: 2 }]);
    expect((await fetch(file('config.json'))).status).toBe(200); // path does not match
    for (let i = 0; i < 2; i++) {
      const res = await fetch(file('onnx/model.onnx'));
      expect(res.status).toBe(503);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    expect((await fetch(file('onnx/model.onnx'))).status).toBe(200);
  });

  it("'*' matches everything until cleared", async () => {
    hub.setFaults([{ path: '*', kind: 'status', status: 500 }]);
    for (const path of ['config.json', 'onnx/model.onnx', 'onnx/missing']) expect((await fetch(file(path))).status).toBe(500);
    hub.clearFaults();
    expect((await fetch(file('config.json'))).status).toBe(200);
  });

  it('drop: full Content-Length, then exactly afterBytes body bytes, then a dead socket', async () => {
    hub.setFaults([{ path: 'model.onnx', kind: 'drop', afterBytes: 100_000, times: 1 }]);
    const dropped = await rawGet(file('onnx/model.onnx'));
    expect(dropped.status).toBe(200);
    expect(dropped.headers['content-length']).toBe(String(ONNX.length));
    expect(dropped.received).toBe(100_000);
    expect(dropped.error).toBeDefined();
    const whole = await rawGet(file('onnx/model.onnx'));
    expect([whole.received, whole.error]).toEqual([ONNX.length, undefined]);
  });

  it('drop with afterBytes 0, and through fetch: reading the body fails', async () => {
    hub.setFaults([{ path: 'model.onnx', kind: 'drop', afterBytes: 0 }]);
    const headersOnly = await rawGet(file('onnx/model.onnx'));
    expect([headersOnly.status, headersOnly.received]).toEqual([200, 0]);
    // Depending on timing the failure surfaces at fetch() or while reading the body.
    await expect(fetch(file('onnx/model.onnx')).then((res) => res.arrayBuffer())).rejects.toThrow();
  });

  it('refuse: the connection dies before any answer', async () => {
    hub.setFaults([{ path: '*', kind: 'refuse', times: 1 }]);
    await expect(fetch(file('config.json'))).rejects.toThrow(TypeError);
    expect((await fetch(file('config.json'))).status).toBe(200);
  });

  it('slow: throttles the body to bytesPerSecond', async () => {
    hub.setFaults([{ path: 'model.onnx', kind: 'slow', bytesPerSecond: 1_000_000 }]);
    const started = Date.now();
    const body = new Uint8Array(await (await fetch(file('onnx/model.onnx'))).arrayBuffer());
    const seconds = (Date.now() - started) / 1000;
    expect(Buffer.compare(body, ONNX)).toBe(0);
    // A throttle cannot deliver faster than its rate; no upper bound (the machine may be busy).
    expect(seconds).toBeGreaterThan((ONNX.length / 1_000_000) * 0.9);
  });
});

describe('request log', () => {
  it('records every request in order, faulted and refused ones included', async () => {
    hub.setFaults([{ path: 'tokenizer.json', kind: 'refuse', times: 1 }]);
    await fetch(file('config.json'), { headers: { 'X-Test': 'yes' } });
    await fetch(file('tokenizer.json')).catch(() => undefined);
    await fetch(file('onnx/model.onnx'), { method: 'HEAD' });
    await fetch(file('missing.bin'));
    const log = hub.requests();
    expect(log.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /${ID}/resolve/main/config.json`,
      `GET /${ID}/resolve/main/tokenizer.json`,
      `HEAD /${ID}/resolve/main/onnx/model.onnx`,
      `GET /${ID}/resolve/main/missing.bin`,
    ]);
    expect(log[0]?.url).toBe(file('config.json'));
    expect(log[0]?.headers['x-test']).toBe('yes');
    expect(log.every((r, i) => i === 0 || r.at >= (log[i - 1]?.at ?? 0))).toBe(true);
    hub.resetRequests();
    expect(hub.requests()).toEqual([]);
  });
});
