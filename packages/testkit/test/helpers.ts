// Shared test inputs and runners. Batches are built like FlagReranker's: `<s> q </s></s> p </s>`,
// right-padded with id 1 and mask 0.
import { readFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { seededRandom } from '../src/prng.js';

export interface Batch {
  inputIds: number[][];
  attentionMask: number[][];
}

/** Random pair sequences (ids 4..vocabSize-2: no specials inside, <mask> excluded). */
export function randomSequences(seed: number, count: number, vocabSize: number, maxLen = 40): number[][] {
  const rnd = seededRandom(seed);
  const ids = (n: number) => Array.from({ length: n }, () => 4 + Math.floor(rnd() * (vocabSize - 5)));
  return Array.from({ length: count }, () => {
    const total = 6 + Math.floor(rnd() * (maxLen - 6));
    const q = 1 + Math.floor(rnd() * (total - 5));
    return [0, ...ids(q), 2, 2, ...ids(total - q - 4), 2];
  });
}

export function padBatch(sequences: readonly number[][]): Batch {
  const len = Math.max(...sequences.map((s) => s.length));
  return {
    inputIds: sequences.map((s) => [...s, ...Array<number>(len - s.length).fill(1)]),
    attentionMask: sequences.map((s) => [...s.map(() => 1), ...Array<number>(len - s.length).fill(0)]),
  };
}

function int64(rows: number[][]): { data: BigInt64Array; dims: number[] } {
  return { data: BigInt64Array.from(rows.flat(), (v) => BigInt(v)), dims: [rows.length, rows[0]?.length ?? 0] };
}

type Runtime = Pick<typeof ortNode, 'Tensor'>;
type Session = Pick<ortNode.InferenceSession, 'run'>;

// The same batch through either runtime: both export the onnxruntime-common API.
async function runOn(ort: Runtime, session: Session, batch: Batch): Promise<number[]> {
  const ids = int64(batch.inputIds);
  const mask = int64(batch.attentionMask);
  const out = await session.run({
    input_ids: new ort.Tensor('int64', ids.data, ids.dims),
    attention_mask: new ort.Tensor('int64', mask.data, mask.dims),
  });
  return Array.from(out.logits?.data as Float32Array);
}

export function runNode(session: ortNode.InferenceSession, batch: Batch): Promise<number[]> {
  return runOn(ortNode, session, batch);
}

export function runWeb(session: ortWeb.InferenceSession, batch: Batch): Promise<number[]> {
  return runOn(ortWeb, session, batch);
}

export function nodeSession(path: string): Promise<ortNode.InferenceSession> {
  return ortNode.InferenceSession.create(path);
}

export function webSession(path: string): Promise<ortWeb.InferenceSession> {
  ortWeb.env.wasm.numThreads = 1;
  return ortWeb.InferenceSession.create(new Uint8Array(readFileSync(path)));
}

export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expectSameLength(a, b);
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const r = new Array<number>(values.length);
  order.forEach(([, i], rank) => (r[i] = rank));
  return r;
}

/** Spearman rank correlation (no ties expected in float logits). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  expectSameLength(a, b);
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const d2 = ra.reduce((s, r, i) => s + (r - (rb[i] as number)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

function expectSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
}
