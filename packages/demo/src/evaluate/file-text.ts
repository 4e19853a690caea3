// A picked File read as text piece by piece (64 KiB chunks, decoded as UTF-8), for core's
// textLines: a corpus of any size is never held whole, only the line being parsed.

export async function* fileChunks(file: Blob, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (an error, Cancel): release the file.
    await reader.cancel().catch(() => undefined);
  }
}
