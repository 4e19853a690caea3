// The benchmark's model: testkit's `base` (bge-reranker-base's exact shapes, 1.9 GB on disk) or
// `tiny` (--quick), generated on demand under packages/testkit/models/ (gitignored).
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTinyModel, generateModel, MODELS_DIR, type PresetName } from '../packages/testkit/src/index.js';
import { stampFor } from '../packages/testkit/src/generate.js';
import { STAMP_FILE } from '../packages/testkit/src/version.js';

function isCurrent(dir: string, expected: string): boolean {
  try {
    return readFileSync(join(dir, STAMP_FILE), 'utf8').trim() === expected;
  } catch {
    return false;
  }
}

/** The folder of the preset's model, generated first when missing or made by another generator version. */
export async function ensureBenchModel(preset: PresetName, log: (line: string) => void): Promise<string> {
  if (preset === 'tiny') return ensureTinyModel();
  const dir = join(MODELS_DIR, preset);
  const expected = JSON.stringify(stampFor(preset, false), null, 2);
  if (isCurrent(dir, expected)) return dir;
  const tmp = join(MODELS_DIR, `.tmp-bench-${preset}-${process.pid}`);
  log(`generating testkit's ${preset} model into ${dir} (about 30 s, 1.9 GB; gitignored)`);
  try {
    generateModel({ preset, outDir: tmp, onProgress: (message) => log(`  ${message}`) });
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
