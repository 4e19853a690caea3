// Builds the published package: src/ to dist/ with tsc (tsconfig.build.json), then checks what a
// consumer's bundler and Node rely on. tsc rather than a bundler: the output keeps one module per
// source file, so a consumer's bundler tree-shakes it module by module, and every
// `new Worker(new URL('…', import.meta.url), { type: 'module' })` stays literally as written,
// which is the pattern Vite, webpack 5 and others detect to emit the worker.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The bin runs as `webrerank` on plain Node: tsc keeps the shebang, npm links the file, and a
// locally run `./dist/node/cli.js` needs the mode too.
const cli = join(dist, 'node', 'cli.js');
if (!readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')) fail(`${cli} lost its shebang`);
chmodSync(cli, 0o755);

// Every worker URL must name a file that exists in dist, written as the literal pattern bundlers
// look for (source says '.js' too: Vite resolves it to the .ts file in the workspace).
const workerUrl = /new Worker\(new URL\((['"])([^'"]+)\1, import\.meta\.url\), \{ type: 'module' \}\)/g;
let workers = 0;
for (const file of walk(dist).filter((path) => path.endsWith('.js'))) {
  for (const match of readFileSync(file, 'utf8').matchAll(workerUrl)) {
    const target = join(dirname(file), match[2]);
    if (!existsSync(target)) fail(`${relative(root, file)}: worker URL ${match[2]} names no file in dist`);
    workers += 1;
  }
}
if (workers === 0) fail('no `new Worker(new URL(…, import.meta.url), { type: \'module\' })` left in dist: bundlers would not emit the default worker');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]);
}

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}
