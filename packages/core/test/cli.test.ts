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
const MODEL = `${REFERENCE_DIR}xlmr-tiny`;
const reference = readReference('xlmr-tiny');
const work = mkdtempSync(join(tmpdir(), 'webrerank-cli-'));

// FlagEmbedding kwargs → CLI flags: every reference call can be written as a command line.
const FLAGS: Record<string, string> = {
  normalize: '--normalize', batch_size: '--batch-size', max_length: '--max-length', query_max_length: '--query-max-length',
  query_instruction_for_rerank: '--query-instruction', passage_instruction_for_rerank: '--passage-instruction',
};

function flagsFor(call: ReferenceCall): string[] {
  const kwargs = { ...call.init_kwargs, ...call.call_kwargs };
  return Object.entries(kwargs).flatMap(([key, value]) => {
    if (key === 'use_fp16' || key === 'devices') return [];
    const flag = FLAGS[key];
    if (!flag) throw new Error(`no CLI flag for ${key}`);
    if (value === true) return [flag];
    if (value === false) return [];
    return [flag, String(value)];
  });
}

/** Runs `pnpm webrerank …` from the repository root, as a user would. */
function webrerank(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('pnpm', ['--silent', 'webrerank', ...args], { cwd: ROOT, maxBuffer: 1 << 24 });
}

describe('pnpm webrerank score (CLI) against FlagEmbedding', () => {
  it.each(reference.calls.map((call) => [call.id, call] as const))('call %s: stdout is one JSON array within 1e-4', async (_id, call) => {
    const input = join(work, `${call.id}.jsonl`);
    writeFileSync(input, callPairs(reference, call).map(([query, passage]) => JSON.stringify({ query, passage })).join('\n'));
    const { stdout } = await webrerank(['score', '--model', MODEL, '--input', input, '--dtype', 'fp32', ...flagsFor(call)]);
    expect(stdout.endsWith('\n')).toBe(true);
    const scores = JSON.parse(stdout) as number[];
    expect(scores).toHaveLength(call.returned.length);
    scores.forEach((score, i) => expect(Math.abs(score - call.returned[i]!)).toBeLessThanOrEqual(1e-4));
  });

  it('reads JSON lines from stdin with --input -', async () => {
    const child = run('pnpm', ['--silent', 'webrerank', 'score', '--model', MODEL, '--input', '-'], { cwd: ROOT });
    child.child.stdin?.end('{"query": "what is panda?", "passage": "hi"}\n');
    const { stdout } = await child;
    const expected = reference.calls.find((c) => c.id === 'default')!.per_pair.find((p) => p.pair_index === 0)!.raw_score;
    expect(Math.abs((JSON.parse(stdout) as number[])[0]! - expected)).toBeLessThanOrEqual(1e-4);
  });

  it('accepts a UTF-8 byte order mark at the start of the input (file and stdin)', async () => {
    const line = '{"query": "what is panda?", "passage": "hi"}\n';
    const input = join(work, 'bom.jsonl');
    writeFileSync(input, `\uFEFF${line}`);
    const expected = reference.calls.find((c) => c.id === 'default')!.per_pair.find((p) => p.pair_index === 0)!.raw_score;
    const fromFile = JSON.parse((await webrerank(['score', '--model', MODEL, '--input', input])).stdout) as number[];
    const child = run('pnpm', ['--silent', 'webrerank', 'score', '--model', MODEL, '--input', '-'], { cwd: ROOT });
    child.child.stdin?.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line)]));
    const fromStdin = JSON.parse((await child).stdout) as number[];
    for (const scores of [fromFile, fromStdin]) {
      expect(scores).toHaveLength(1);
      expect(Math.abs(scores[0]! - expected)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('fails with a code on stderr, exit 1 and nothing on stdout for bad input', async () => {
    const input = join(work, 'bad.jsonl');
    writeFileSync(input, '{"query": "q", "passage": 3}\n');
    const failure = await webrerank(['score', '--model', MODEL, '--input', input]).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toMatch(/INVALID_INPUT: input line 1/);
  });

  it('caps --threads at the cores with a warning (100000 once crashed the process) and refuses --threads 0', async () => {
    const input = join(work, 'threads.jsonl');
    writeFileSync(input, '{"query": "what is panda?", "passage": "hi"}\n');
    const { stdout, stderr } = await webrerank(['score', '--model', MODEL, '--input', input, '--threads', '100000']);
    expect(stderr).toMatch(/webrerank: warning: THREADS_CAPPED: threads 100000/);
    expect(JSON.parse(stdout)).toHaveLength(1);
    const zero = await webrerank(['score', '--model', MODEL, '--input', input, '--threads', '0']).catch((e: { stderr: string }) => e);
    expect(zero.stderr).toMatch(/INVALID_OPTION: threads must be an integer of at least 1/);
  });

  it('rejects an unknown flag with the usage text', async () => {
    const failure = await webrerank(['score', '--model', MODEL, '--input', '-', '--max-lenght', '3']).catch((e: { stderr: string }) => e);
    expect((failure as { stderr: string }).stderr).toMatch(/INVALID_OPTION[\s\S]*usage: webrerank score/);
  });
});
