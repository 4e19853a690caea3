// Each file name in packages/core/src is used once (the entry points' index.ts aside), so a name
// says what the file holds and a search or a stack trace finds one file.
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './helpers/import-graph.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Names allowed to be shared (none now); the test fails on an entry that is no longer shared. */
const KNOWN_SHARED: readonly string[] = [];

describe('file names of packages/core/src', () => {
  const byName = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const name = basename(file);
    byName.set(name, [...(byName.get(name) ?? []), relative(SRC, file)]);
  }
  const shared = [...byName].filter(([name, files]) => name !== 'index.ts' && files.length > 1);

  it('are unique, besides the known ones', () => {
    expect(shared.filter(([name]) => !KNOWN_SHARED.includes(name))).toEqual([]);
  });

  it('list no known shared name that is unique now', () => {
    expect(KNOWN_SHARED.filter((name) => !shared.some(([n]) => n === name))).toEqual([]);
  });

  it('are read from the whole tree', () => {
    expect(byName.get('wire.ts')).toEqual([join('model', 'onnx', 'wire.ts')]);
  });
});
