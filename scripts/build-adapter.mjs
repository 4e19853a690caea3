// Builds an adapter package (packages/langchain, packages/llamaindex; run from its folder by its
// `build` and `prepack` scripts): src/ to dist/ with tsc (tsconfig.build.json), one module per
// source file as core's build does. The adapter's types import @webrerank/core as a consumer
// does, from core's dist/, so core is built first when its dist/ is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = process.cwd();
const core = new URL('../packages/core/', import.meta.url).pathname;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

if (!existsSync(join(core, 'dist', 'index.d.ts'))) run([join(core, 'scripts', 'build.mjs')], core);
rmSync(join(root, 'dist'), { recursive: true, force: true });
run([tsc, '-p', join(root, 'tsconfig.build.json')], root);
if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'index.d.ts'))) fail('dist/index.js or dist/index.d.ts is missing');
// Tests and tsconfigs never reach dist/ (rootDir is src/); say so if that ever changes.
const stray = readdirSync(join(root, 'dist')).filter((name) => !/\.(js|d\.ts|js\.map)$/.test(name));
if (stray.length > 0) fail(`dist/ holds ${stray.join(', ')}`);

function run(args, cwd) {
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function fail(message) {
  console.error(`build-adapter: ${message}`);
  process.exit(1);
}
