import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { callPairs, readReference, REFERENCE_DIR, type ReferenceCall } from './helpers/reference.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'webrerank-cli-llm-'));

// FlagEmbedding kwargs → CLI flags, for the calls run here.
function flagsFor(call: ReferenceCall): string[] {
  const kwargs = { ...call.init_kwargs, ...call.call_kwargs };
  return Object.entries(kwargs).flatMap(([key, value]) => {
    switch (key) {
      case 'use_fp16': case 'devices': return [];
      case 'normalize': return value === true ? ['--normalize'] : [];
      case 'max_length': return ['--max-length', String(value)];
      case 'batch_size': return ['--batch-size', String(value)];
      case 'prompt': return ['--prompt', String(value)];
      case 'cutoff_layers': return ['--cutoff-layers', (value as number[]).join(',')];
      default: throw new Error(`no CLI flag for ${key}`);
    }
  });
}

async function score(model: string, call: ReferenceCall): Promise<{ scores: unknown; stderr: string }> {
  const reference = readReference(model);
  const input = join(work, `${model}-${call.id}.jsonl`);
  writeFileSync(input, callPairs(reference, call).map(([query, passage]) => JSON.stringify({ query, passage })).join('\n'));
  const args = ['--silent', 'webrerank', 'score', '--model', `${REFERENCE_DIR}${model}`, '--input', input, ...flagsFor(call)];
  const { stdout, stderr } = await run('pnpm', args, { cwd: ROOT, maxBuffer: 1 << 24 });
  return { scores: JSON.parse(stdout) as unknown, stderr };
}

function maxDiff(actual: unknown, expected: unknown): number {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const [a, e] = [flat(actual), flat(expected)];
  expect(a).toHaveLength(e.length);
  return Math.max(...a.map((x, i) => Math.abs(x - e[i]!)));
}

const CASES: [model: string, callId: string][] = [
  ['gemma-tiny', 'custom_prompt'],
  ['gemma-tiny', 'max32_norm'],
  ['minicpm-layerwise-tiny', 'cut3'],
  ['minicpm-layerwise-tiny', 'cut246'],
  ['minicpm-layerwise-tiny', 'init_cutoff_prompt'],
];

describe('pnpm webrerank score on LLM rerankers', () => {
  it.each(CASES)('%s call %s: stdout within 1e-4 of FlagEmbedding, same shape', async (model, callId) => {
    const call = readReference(model).calls.find((c) => c.id === callId)!;
    const { scores } = await score(model, call);
    expect(Array.isArray(scores)).toBe(true);
    // Several layers print one array per layer.
    expect(Array.isArray((scores as unknown[])[0])).toBe(call.returned_shape.startsWith('list[list'));
    expect(maxDiff(scores, call.returned)).toBeLessThanOrEqual(1e-4);
  });

  it('drops out-of-range --cutoff-layers with a warning on stderr, stdout unchanged', async () => {
    const call = readReference('minicpm-layerwise-tiny').calls.find((c) => c.id === 'cut_out_of_range')!;
    const { scores, stderr } = await score('minicpm-layerwise-tiny', call);
    expect(stderr).toMatch(/webrerank: warning: CUTOFF_LAYERS_DROPPED: cutoff layers 1, 9 outside \[2, 6\] dropped/);
    expect(maxDiff(scores, call.returned)).toBeLessThanOrEqual(1e-4);
  });

  it('rejects --cutoff-layers on a model that is not layerwise, and malformed lists', async () => {
    const input = join(work, 'one.jsonl');
    writeFileSync(input, '{"query": "q", "passage": "p"}\n');
    const fail = (args: string[]): Promise<string> =>
      run('pnpm', ['--silent', 'webrerank', 'score', '--input', input, ...args], { cwd: ROOT }).then(() => '', (e: { stderr: string }) => e.stderr);
    expect(await fail(['--model', `${REFERENCE_DIR}gemma-tiny`, '--cutoff-layers', '2'])).toMatch(/INVALID_OPTION: option "cutoffLayers".*layerwise/);
    expect(await fail(['--model', `${REFERENCE_DIR}minicpm-layerwise-tiny`, '--cutoff-layers', '2,x'])).toMatch(/INVALID_OPTION: --cutoff-layers takes layer numbers/);
  });
});
