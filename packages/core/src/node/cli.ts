#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { RerankerError } from '../errors.js';
import { parseScoreCommand } from './cli-args.js';
import { parsePairsJsonl } from './jsonl.js';
import { loadReranker } from './load-node.js';

/**
 * `webrerank score`: batch scoring in Node. stdout carries only the JSON array of scores, so the
 * output can be piped; everything for people goes to stderr. Exit codes: 0 ok, 1 failure.
 */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseScoreCommand(argv);
    const text = command.input === '-' ? await readStdin() : await readInput(command.input);
    const pairs = parsePairsJsonl(text);
    const reranker = await loadReranker(command.model, {
      backend: command.backend, dtype: command.dtype, threads: command.threads, kind: command.kind,
      // Warnings are for people: stderr, so stdout stays one JSON value.
      onWarning: (warning) => process.stderr.write(`webrerank: warning: ${warning.code}: ${warning.message}\n`),
    });
    try {
      const scores = await reranker.computeScore(pairs, command.options);
      process.stdout.write(`${JSON.stringify(scores)}\n`);
    } finally {
      await reranker.dispose();
    }
    return 0;
  } catch (error) {
    const message = error instanceof RerankerError ? `webrerank: ${error.code}: ${error.message}` : `webrerank: ${String(error)}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new RerankerError('INVALID_INPUT', `cannot read --input ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// process.exitCode rather than exit(): stdout is flushed before the process ends.
process.exitCode = await main(process.argv.slice(2));
