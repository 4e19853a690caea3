// A picked File read as text piece by piece (decoded as UTF-8, core's streamChunks), for core's
// textLines: a corpus of any size is never held whole, only the line being parsed. Cancel stops
// the read at the next chunk.
import { streamChunks } from '@webrerank/core';

export async function* fileChunks(file: Blob, signal: AbortSignal): AsyncGenerator<string> {
  for await (const chunk of streamChunks(file.stream().pipeThrough(new TextDecoderStream()))) {
    signal.throwIfAborted();
    yield chunk;
  }
}
