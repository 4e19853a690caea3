import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
// The pattern bundlers detect to emit a worker (Vite, webpack 5, Parcel, esbuild plugins).
const WORKER_URL = /new Worker\(new URL\((['"])([^'"]+)\1, import\.meta\.url\), \{ type: 'module' \}\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

describe('worker URLs in the sources', () => {
  // Code only: doc comments show users the pattern with their own worker file.
  const code = (file: string): string => readFileSync(file, 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/)/.test(line)).join('\n');
  const found = sources(SRC).flatMap((file) => [...code(file).matchAll(WORKER_URL)].map((match) => ({ file, url: match[2] as string })));

  it('the default worker is started with the literal pattern bundlers detect', () => {
    expect(found.map(({ file }) => file.slice(SRC.length))).toContain('browser/create-reranker.ts');
  });

  // tsc copies the literal into dist/ as it is: a '.ts' URL would name no file there. Vite
  // resolves the '.js' URL to the '.ts' source in the workspace.
  it.each(found.map(({ file, url }) => [file.slice(SRC.length), url] as const))('%s: %s names the .js that dist/ has, whose .ts is in src/', (file, url) => {
    expect(url).toMatch(/\.js$/);
    expect(existsSync(join(dirname(join(SRC, file)), url.replace(/\.js$/, '.ts')))).toBe(true);
  });
});
