import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadReranker } from '../src/node/load-node.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// `webrerank rank` runs the same facade as loadReranker(...).rank: same inputs, same ranking.
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODEL = `${REFERENCE_DIR}xlmr-tiny`;
const work = mkdtempSync(join(tmpdir(), 'webrerank-cli-rank-'));
const QUERY = 'what is panda?';
const DOCS = [
  { title: 'Panda', text: 'The giant panda is a bear native to China.' },
  'Paris is the capital of France.',
  { title: 'Bamboo', text: 'Pandas eat bamboo, mostly.' },
  { title: 'Ocean', text: 'Whales live in the ocean.' },
];

function webrerank(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('pnpm', ['--silent', 'webrerank', ...args], { cwd: ROOT, maxBuffer: 1 << 24 });
}

describe('pnpm webrerank rank (CLI)', () => {
  it('prints the ranking loadReranker(...).rank gives for the same documents and options', async () => {
    const docs = join(work, 'docs.jsonl');
    writeFileSync(docs, `${DOCS.map((d) => JSON.stringify(d)).join('\n')}\n`);
    const { stdout } = await webrerank(['rank', '--model', MODEL, '--query', QUERY, '--docs', docs, '--top-k', '3', '--rank-fields', 'title,text', '--return-documents']);
    const node = await loadReranker(MODEL);
    try {
      // A string is its own passage; objects are joined from their rank fields.
      expect(JSON.parse(stdout)).toEqual(await node.rank(QUERY, DOCS, { topK: 3, rankFields: ['title', 'text'], returnDocuments: true }));
    } finally {
      await node.dispose();
    }
  });

  it('equals rank exactly on string documents, and refuses a bad --top-k with INVALID_OPTION', async () => {
    const texts = DOCS.map((d) => (typeof d === 'string' ? d : d.text));
    const docs = join(work, 'texts.jsonl');
    writeFileSync(docs, texts.map((d) => JSON.stringify(d)).join('\n'));
    const { stdout } = await webrerank(['rank', '--model', MODEL, '--query', QUERY, '--docs', docs, '--top-k', '2']);
    const node = await loadReranker(MODEL);
    try {
      expect(JSON.parse(stdout)).toEqual(await node.rank(QUERY, texts, { topK: 2 }));
    } finally {
      await node.dispose();
    }
    const failure = await webrerank(['rank', '--model', MODEL, '--query', QUERY, '--docs', docs, '--top-k=-1']).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toContain('webrerank: INVALID_OPTION: topK');
  });
});
