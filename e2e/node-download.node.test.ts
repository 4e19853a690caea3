// Node downloads from a real local hub (e2e/support/hub-server.ts): verified like the browser's
// (size and sha256 the host announces, JSON and ONNX that look like themselves), stoppable with a
// signal, given up when they stall, and never quoting URL credentials. Real server, Node's
// fetch, the real loadReranker and onnxruntime-web.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RerankerError } from '../packages/core/src/errors.js';
import { loadReranker } from '../packages/core/src/node/load-node.js';
import { startHubServer, type HubServer } from './support/hub-server.js';

const XLMR = fileURLToPath(new URL('../packages/testkit/reference/xlmr-tiny/', import.meta.url));
const ID = 'webrerank-test/xlmr-tiny';
const GRAPH = 'onnx/model.onnx';
const PAIRS: [string, string][] = Array.from({ length: 12 }, (_, i) => ['what is panda?', `passage number ${i} about bears`]);

let hub: HubServer;
let url: string;
beforeAll(async () => {
  hub = await startHubServer({ models: { [ID]: XLMR } });
  url = `${hub.url}/${ID}/resolve/main/`;
});
afterAll(() => hub.close());
beforeEach(() => {
  hub.clearFaults();
  hub.resetRequests();
});

async function failure(run: Promise<unknown>): Promise<RerankerError> {
  const error = await run.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RerankerError);
  return error as RerankerError;
}

/** Every message in an error's cause chain, to look for leaked secrets. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(' <- ');
}

describe('Node downloads are verified like the browser', () => {
  it('wrong bytes with the real size and sha256 headers: INTEGRITY_MISMATCH, not a model that scores', async () => {
    hub.setFaults([{ path: GRAPH, kind: 'corrupt' }]);
    const error = await failure(loadReranker(url, { dtype: 'fp32' }));
    expect(error.code).toBe('INTEGRITY_MISMATCH');
    expect(error.message).toContain(GRAPH);
  });

  it('an HTML page served for config.json is MODEL_FETCH_FAILED naming the file, as in the browser', async () => {
    hub.setFaults([{ path: 'config.json', kind: 'html', times: 1 }]);
    const error = await failure(loadReranker(url, { dtype: 'fp32' }));
    expect(error.code).toBe('MODEL_FETCH_FAILED');
    expect(error.message).toMatch(/config\.json.*not JSON/);
    // A healthy server again: the same call loads.
    const reranker = await loadReranker(url, { dtype: 'fp32' });
    expect(await reranker.computeScore(PAIRS[0]!)).toEqual(expect.any(Number));
    await reranker.dispose();
  });
});

describe('URL credentials never reach a message', () => {
  it('a model URL with user:password@ fails without quoting the password, in the message or its causes', async () => {
    const secret = url.replace('http://', 'http://reader:s3cret-token@');
    const error = await failure(loadReranker(secret, { dtype: 'fp32' }));
    expect(error.code).toBe('MODEL_FETCH_FAILED');
    expect(error.message).toContain(`${hub.url}/${ID}/resolve/main/config.json`);
    expect(messages(error)).not.toMatch(/s3cret|reader/);
  });
});

describe('stopping a Node load or call', () => {
  it('a download that stalls fails with MODEL_FETCH_FAILED after stallTimeoutMs, and its connection is closed', async () => {
    hub.setFaults([{ path: GRAPH, kind: 'stall', afterBytes: 10_000 }]);
    const error = await failure(loadReranker(url, { dtype: 'fp32', stallTimeoutMs: 300 }));
    expect(error.code).toBe('MODEL_FETCH_FAILED');
    expect(error.message).toMatch(/stalled/);
    expect(error.message).toContain(GRAPH);
    await expect.poll(() => hub.requests().find((r) => r.path.endsWith(GRAPH))?.finished, { timeout: 10_000 }).toBe(false);
  }, 20_000);

  it('loadReranker takes a signal: aborted mid-download it rejects with ABORTED and stops reading', async () => {
    hub.setFaults([{ path: GRAPH, kind: 'stall', afterBytes: 10_000 }]);
    const controller = new AbortController();
    const loading = loadReranker(url, { dtype: 'fp32', signal: controller.signal });
    // The graph's headers and first bytes are out: the download is in flight.
    await expect.poll(() => hub.requests().some((r) => r.path.endsWith(GRAPH)), { timeout: 10_000 }).toBe(true);
    controller.abort();
    expect((await failure(loading)).code).toBe('ABORTED');
    await expect.poll(() => hub.requests().find((r) => r.path.endsWith(GRAPH))?.finished, { timeout: 10_000 }).toBe(false);
  }, 20_000);

  it('an already aborted signal asks the server for nothing', async () => {
    const error = await failure(loadReranker(url, { dtype: 'fp32', signal: AbortSignal.abort() }));
    expect(error.code).toBe('ABORTED');
    expect(hub.requests()).toEqual([]);
  });

  it('refuses a stallTimeoutMs that is not a positive number, and a signal that is not an AbortSignal', async () => {
    for (const stallTimeoutMs of [0, -1, Number.NaN, '5' as unknown as number]) {
      expect((await failure(loadReranker(url, { stallTimeoutMs }))).code).toBe('INVALID_OPTION');
    }
    expect((await failure(loadReranker(url, { signal: 'stop' as unknown as AbortSignal }))).code).toBe('INVALID_OPTION');
    expect(hub.requests()).toEqual([]);
  });

  it('computeScore takes a signal: ABORTED when aborted before or during the call, and the next call scores the same', async () => {
    const reranker = await loadReranker(XLMR, { dtype: 'fp32' });
    const expected = await reranker.computeScore(PAIRS, { batchSize: 1 });

    expect((await failure(reranker.computeScore(PAIRS, { signal: AbortSignal.abort() }))).code).toBe('ABORTED');
    const controller = new AbortController();
    const call = reranker.computeScore(PAIRS, { batchSize: 1, signal: controller.signal });
    controller.abort();
    expect((await failure(call)).code).toBe('ABORTED');

    // The run queue survived: a call after the aborted ones gives the same scores.
    expect(await reranker.computeScore(PAIRS, { batchSize: 1, signal: new AbortController().signal })).toEqual(expected);
    await reranker.dispose();
  });

  it.each(['gemma-tiny', 'minicpm-layerwise-tiny'])('computeScore of the LLM rerankers (%s) takes the same signal', async (name) => {
    const reranker = await loadReranker(fileURLToPath(new URL(`../packages/testkit/reference/${name}/`, import.meta.url)), { dtype: 'fp32' });
    const controller = new AbortController();
    const call = reranker.computeScore(PAIRS, { batchSize: 1, signal: controller.signal });
    controller.abort();
    expect((await failure(call)).code).toBe('ABORTED');
    expect(await reranker.computeScore(PAIRS.slice(0, 2))).toHaveLength(2);
    await reranker.dispose();
  });
});
