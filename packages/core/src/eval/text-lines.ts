/** One line of a text file: its text (without the line break) and its number, from 1. */
export interface TextLine {
  text: string;
  line: number;
}

/**
 * Splits a text read piece by piece (a Node read stream with an encoding, a browser
 * `file.stream().pipeThrough(new TextDecoderStream())` through streamChunks) into numbered lines, so a corpus of any
 * size is read with one line in memory at a time. `\n` and `\r\n` both end a line; a UTF-8 byte
 * order mark at the very start is dropped (JSON.parse refuses U+FEFF); a last line without a
 * break is still a line.
 *
 * @example
 * for await (const { text, line } of textLines(createReadStream(path, 'utf8'))) parse(text, line);
 */
export async function* textLines(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<TextLine> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = rest + chunk;
    if (first && text.length > 0) {
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield { text: stripCr(text.slice(start, end)), line: ++line };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield { text: stripCr(rest), line: ++line };
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/**
 * The chunks of a ReadableStream, read with its reader: browsers whose streams are not async
 * iterable (Safari) can feed textLines too. Leaving early cancels the stream.
 *
 * @example
 * textLines(streamChunks(file.stream().pipeThrough(new TextDecoderStream())));
 */
export async function* streamChunks(stream: ReadableStream<string>): AsyncGenerator<string> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const result = await reader.read();
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!finished) await reader.cancel();
    reader.releaseLock();
  }
}
