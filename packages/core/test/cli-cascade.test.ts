import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cascade } from '../src/engine/cascade.js';
import { parseCommand } from '../src/node/cli-args.js';
import { loadReranker } from '../src/node/load-node.js';
import { REFERENCE_DIR } from './helpers/reference.js';

// `webrerank rank --cascade-top-n`: the cascade option (a layerwise model's cheap layer) and the
// two-model cascade() from the command line, giving what the API gives.
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAYERWISE = `${REFERENCE_DIR}minicpm-layerwise-tiny`;
const XLMR = `${REFERENCE_DIR}xlmr-tiny`;
const QUERY = 'what is panda?';
const DOCS = Array.from({ length: 9 }, (_, i) => (i % 3 === 0 ? `The giant panda ${i} is a bear.` : `Passage ${i} about ${'rivers '.repeat(i)}`));
const work = mkdtempSync(join(tmpdir(), 'webrerank-cli-cascade-'));
const docs = join(work, 'docs.jsonl');
writeFileSync(docs, DOCS.map((d) => JSON.stringify(d)).join('\n'));

function webrerank(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('pnpm', ['--silent', 'webrerank', ...args], { cwd: ROOT, maxBuffer: 1 << 24 });
}

describe('pnpm webrerank rank --cascade-top-n (CLI)', () => {
  it('--cascade-cutoff-layers ranks as rank with the cascade option; --cascade-model as cascade()', async () => {
    const layered = await webrerank(['rank', '--model', LAYERWISE, '--query', QUERY, '--docs', docs, '--cascade-top-n', '4', '--cascade-cutoff-layers', '3', '--top-k', '6']);
    const twoModels = await webrerank(['rank', '--model', LAYERWISE, '--query', QUERY, '--docs', docs, '--cascade-top-n', '4', '--cascade-model', XLMR]);
    const [layerwise, xlmr] = [await loadReranker(LAYERWISE), await loadReranker(XLMR)];
    try {
      expect(JSON.parse(layered.stdout)).toEqual(await layerwise.rank(QUERY, DOCS, { cascade: { topN: 4, cutoffLayers: 3 }, topK: 6 }));
      expect(JSON.parse(twoModels.stdout)).toEqual(await cascade(xlmr, layerwise, { topN: 4 }).rank(QUERY, DOCS));
    } finally {
      await layerwise.dispose();
      await xlmr.dispose();
    }
  });

  it('refuses a cascade without one first stage, or a bad topN, with INVALID_OPTION', async () => {
    const base = ['rank', '--model', LAYERWISE, '--query', 'q', '--docs', docs];
    for (const extra of [['--cascade-top-n', '3'], ['--cascade-cutoff-layers', '3'], ['--cascade-top-n', '3', '--cascade-cutoff-layers', '3', '--cascade-model', XLMR], ['--cascade-top-n', 'x', '--cascade-cutoff-layers', '3']]) {
      expect(() => parseCommand([...base, ...extra]), extra.join(' ')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    }
    for (const extra of [['--cascade-top-n', '0', '--cascade-cutoff-layers', '3'], ['--cascade-top-n', '0', '--cascade-model', XLMR]]) {
      const failure = await webrerank([...base, ...extra]).then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error);
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toContain('webrerank: INVALID_OPTION:');
      expect(failure?.stderr).toMatch(/topN|top-n/);
    }
  });
});
