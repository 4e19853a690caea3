import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { RerankerError } from '../errors.js';
import { textLines, type TextLine } from '../eval/text-lines.js';

/** A file's text; a missing or unreadable file is INVALID_INPUT naming the flag and the path. */
export async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, what, error);
  }
}

/**
 * A file's numbered lines, streamed (one chunk of 64 KiB in memory at a time), for corpora larger
 * than memory. Errors opening or reading it are INVALID_INPUT naming `what`.
 */
export async function* fileLines(path: string, what: string): AsyncGenerator<TextLine> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const chunks = async function* (): AsyncGenerator<string> {
    try {
      for await (const chunk of stream) yield chunk as string;
    } catch (error) {
      throw unreadable(path, what, error);
    }
  };
  try {
    yield* textLines(chunks());
  } finally {
    stream.destroy();
  }
}

function unreadable(path: string, what: string, error: unknown): RerankerError {
  return new RerankerError('INVALID_INPUT', `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
}
