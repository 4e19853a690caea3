// Loading over HTTP from the hub server: the weights download beside the tokenizer, not after it,
// and a model whose tokenizer cannot load stops downloading its weights. Real server, Node's
// fetch, the real cached source and a real onnxruntime-web session.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RerankerError } from '../packages/core/src/errors.js';
import { loadModel } from '../packages/core/src/model/load-model.js';
import type { ProgressEvent, RerankerEvent } from '../packages/core/src/protocol.js';
import { cachedSource } from '../packages/core/src/store/cached-source.js';
import { startHubServer, type HubServer } from './support/hub-server.js';

const XLMR = fileURLToPath(new URL('../packages/testkit/reference/xlmr-tiny/', import.meta.url));
const ID = 'webrerank-test/xlmr-tiny';
const GRAPH = 'onnx/model.onnx';
const SIZES: Record<string, number> = Object.fromEntries(
  ['config.json', 'tokenizer.json', 'tokenizer_config.json', GRAPH].map((f) => [f, readFileSync(join(XLMR, f)).length]),
);
// FlagEmbedding's recorded scores: call "default" scores pairs[pair_indices] with the defaults.
const EXPECTED = JSON.parse(readFileSync(join(XLMR, 'expected.json'), 'utf8')) as {
  pairs: [string, string][];
  calls: { id: string; pair_indices: number[]; returned: number[] }[];
};

let hub: HubServer;
beforeAll(async () => {
  hub = await startHubServer({ models: { [ID]: XLMR } });
});
afterAll(() => hub.close());
beforeEach(() => {
  hub.clearFaults();
  hub.resetRequests();
});

function source(events: RerankerEvent[]) {
  return cachedSource({
    baseUrl: `${hub.url}/${ID}/resolve/main/`, key: { host: hub.url, model: ID, revision: 'main' }, store: undefined,
    onEvent: (event) => events.push(event), progressIntervalMs: 0,
  });
}

const progressOf = (events: RerankerEvent[], file: string): ProgressEvent[] =>
  events.filter((e): e is ProgressEvent => e.type === 'progress' && e.file === file);

describe('loading over HTTP', () => {
  it('downloads the weights while the tokenizer is still arriving, and the overall total holds every file from then on', async () => {
    // tokenizer.json (393 kB) takes about 2 s; the graph (893 kB) comes at full speed.
    hub.setFaults([{ path: 'tokenizer.json', kind: 'slow', bytesPerSecond: 200_000 }]);
    const events: RerankerEvent[] = [];
    const reranker = await loadModel(ort, source(events), { dtype: 'fp32' });

    const tokenizerDone = events.indexOf(progressOf(events, 'tokenizer.json').find((e) => e.done)!);
    const graph = progressOf(events, GRAPH);
    const graphDone = events.indexOf(graph.find((e) => e.done)!);
    expect(graphDone).toBeGreaterThan(-1);
    expect(graphDone).toBeLessThan(tokenizerDone);
    // From the moment every file's size is known (all requested together), the overall total is
    // all of them: the overall bar cannot fall back when the big file begins.
    const all = Object.values(SIZES).reduce((x, y) => x + y, 0);
    const progress = events.filter((e): e is ProgressEvent => e.type === 'progress');
    const sized = new Set<string>();
    const from = progress.findIndex((e) => (e.total !== undefined && sized.add(e.file), sized.size === Object.keys(SIZES).length));
    expect(from).toBeGreaterThan(-1);
    expect(from).toBeLessThan(progress.indexOf(progressOf(events, 'tokenizer.json').find((e) => e.done)!));
    for (const e of progress.slice(from)) expect(e.overallTotal).toBe(all);
    expect(progress.at(-1)?.overallLoaded).toBe(all);

    // And the model is the model: the reference scores of its first call.
    const call = EXPECTED.calls.find((c) => c.id === 'default')!;
    const scores = (await reranker.computeScore(call.pair_indices.map((i) => EXPECTED.pairs[i]!))) as number[];
    scores.forEach((score, i) => expect(Math.abs(score - call.returned[i]!)).toBeLessThan(1e-4));
    await reranker.dispose();
  });

  it('a tokenizer that is missing stops the weights download at once', async () => {
    // The graph would take about 18 s; the load must fail on the tokenizer without waiting for it.
    hub.setFaults([
      { path: 'tokenizer.json', kind: 'status', status: 404 },
      { path: GRAPH, kind: 'slow', bytesPerSecond: 50_000 },
    ]);
    const events: RerankerEvent[] = [];
    const error = await loadModel(ort, source(events), { dtype: 'fp32' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankerError);
    expect((error as RerankerError).code).toBe('MODEL_FILE_NOT_FOUND');
    expect((error as RerankerError).message).toMatch(/tokenizer\.json/);

    // The graph was requested (it downloads beside the tokenizer), then cut by the client.
    await expect.poll(() => hub.requests().find((r) => r.path.endsWith(GRAPH))?.finished, { timeout: 10_000 }).toBe(false);
    expect(progressOf(events, GRAPH).some((e) => e.done)).toBe(false);
  });
});
