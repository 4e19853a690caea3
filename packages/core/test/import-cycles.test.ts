// The import graph of every package's src/ has no cycle: a cycle makes module initialisation order
// matter (a value read before its module ran) and ties modules that should layer. Run alone with
// `pnpm exec vitest run packages/core/test/import-cycles.test.ts`; a failure lists each cycle.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, sourceFiles } from './helpers/import-graph.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PACKAGES = join(ROOT, 'packages');

/** Cycles allowed, as their `a -> b -> a` path (none now); the test fails on an entry that no longer matches a cycle. */
const KNOWN_CYCLES: readonly string[] = [];

describe('import graph of packages/*/src', () => {
  const files = readdirSync(PACKAGES).flatMap((name) => {
    try {
      return sourceFiles(join(PACKAGES, name, 'src'));
    } catch {
      return []; // a package without src/
    }
  });
  const cycles = findCycles(importGraph(files, ROOT)).map((path) => path.join(' -> '));

  it('reads the sources of every package', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.includes(join('packages', 'testkit', 'src')))).toBe(true);
  });

  it('has no cycle besides the known ones', () => {
    expect(cycles.filter((c) => !KNOWN_CYCLES.includes(c))).toEqual([]);
  });

  it('lists no known cycle that is gone', () => {
    expect(KNOWN_CYCLES.filter((c) => !cycles.includes(c))).toEqual([]);
  });
});

describe('findCycles', () => {
  it('finds each cycle once, through its strongly connected component, and no acyclic path', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a'], ['e', 'e']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});
