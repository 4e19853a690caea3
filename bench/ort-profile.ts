// Where one session run spends its time, by operator, on onnxruntime-web's WASM execution
// provider in Node (the same kernels as in the browser; (d) runs within 3 % of (a)). onnxruntime's
// profiler writes its JSON events straight to file descriptor 1 when profiling ends, so the
// session runs in a child process whose stdout this one reads; the events of the second (warm)
// run are summed per op type.
//
//   pnpm tsx bench/ort-profile.ts [--dtype q8|fp32] [--batch 8x200] [--threads 2] [--q8-activations per-token|per-tensor]
//
// q8 is profiled as the engine loads it: rewritten to per-token activation scales (default), or
// as exported with `--q8-activations per-tensor`.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { quantizeActivationsPerToken } from '../packages/core/src/model/onnx/per-token-quant.js';
import { ensureBenchModel } from './model.js';

interface ProfileEvent { cat: string; name: string; ts: number; dur: number; args?: { op_name?: string } }

const { values } = parseArgs({
  options: { dtype: { type: 'string', default: 'q8' }, batch: { type: 'string', default: '8x200' }, threads: { type: 'string' }, 'q8-activations': { type: 'string', default: 'per-token' } },
});
const [batch, length] = (values.batch ?? '8x200').split('x').map(Number) as [number, number];
const threads = Number(values.threads ?? availableParallelism());

if (process.env.ORT_PROFILE_CHILD) await profileChild();
else report();

/** The child: one warm-up run, one profiled run, then the profile to stdout. */
async function profileChild(): Promise<void> {
  ort.env.wasm.numThreads = threads;
  const dir = await ensureBenchModel('base', (line) => console.error(line));
  const file = new Uint8Array(readFileSync(join(dir, values.dtype === 'fp32' ? 'onnx/model.onnx' : 'onnx/model_quantized.onnx')));
  const bytes = values['q8-activations'] === 'per-tensor' ? file : quantizeActivationsPerToken(file).bytes;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all', enableProfiling: true });
  const n = batch * length;
  const ids = new BigInt64Array(n).map((_, i) => BigInt(1000 + ((i * 7919) % 200000)));
  const feeds = {
    input_ids: new ort.Tensor('int64', ids, [batch, length]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [batch, length]),
  };
  await session.run(feeds);
  await session.run(feeds);
  session.endProfiling();
  await session.release();
}

function report(): void {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    env: { ...process.env, ORT_PROFILE_CHILD: '1' }, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the profiling child failed (${String(child.status ?? child.signal)})`);
  const text = child.stdout;
  const events = JSON.parse(text.slice(text.indexOf('['))) as ProfileEvent[];
  const warm = events.filter((e) => e.name === 'model_run').at(-1);
  if (!warm) throw new Error('the profile has no model_run event');
  const perOp = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < warm.ts || e.ts > warm.ts + warm.dur) continue;
    const op = e.args?.op_name ?? '?';
    perOp.set(op, (perOp.get(op) ?? 0) + e.dur);
  }
  const total = [...perOp.values()].reduce((a, b) => a + b, 0);
  console.log(`${values.dtype} (${values.dtype === 'q8' ? values['q8-activations'] : 'fp32'}) batch ${batch}x${length}, ${threads} threads: run ${(warm.dur / 1000).toFixed(0)} ms, kernels ${(total / 1000).toFixed(0)} ms`);
  for (const [op, us] of [...perOp].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`${op.padEnd(26)} ${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %`);
  }
}
