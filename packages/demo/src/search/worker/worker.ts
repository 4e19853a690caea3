// Search mode's indexing worker: splitting, BM25 indexing and storing happen here, off the page
// thread, so a large folder never freezes the page. Requests are answered in order, one at a
// time (a chain that a failed request does not poison).
import type { Answer, Envelope, Replies, SearchRequest } from '../protocol.js';
import { Corpus, CorpusError } from './corpus.js';

declare const self: DedicatedWorkerGlobalScope;

const corpus = new Corpus();
let opened: Promise<void> | undefined;
let queue: Promise<unknown> = Promise.resolve();

async function handle(request: SearchRequest): Promise<Replies[SearchRequest['type']]> {
  const started = performance.now();
  const ms = (): number => performance.now() - started;
  // Every request waits for the stored corpus; a failed read is retried by the next request.
  opened ??= corpus.open().catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  await opened;
  switch (request.type) {
    case 'open':
      return { corpus: corpus.info(), ms: ms() };
    case 'add': {
      const counts = await corpus.add(request.docs);
      return { ...counts, corpus: corpus.info(), ms: ms() };
    }
    case 'remove': {
      const removed = await corpus.remove(request.id);
      return { removed, corpus: corpus.info(), ms: ms() };
    }
    case 'clear':
      await corpus.clear();
      return { corpus: corpus.info(), ms: ms() };
    case 'search': {
      const hits = corpus.search(request.query, request.topK);
      return { hits, ms: ms() };
    }
  }
}

self.addEventListener('message', (event: MessageEvent<Envelope>) => {
  const { id, request } = event.data;
  const run = queue.catch(() => undefined).then(() => handle(request));
  queue = run;
  run.then(
    (reply) => self.postMessage({ id, ok: true, reply } satisfies Answer),
    (error: unknown) => {
      // A CorpusError's code; a library error (the BM25 index's RerankerError) keeps its own.
      const own = (error as { code?: unknown } | null)?.code;
      const code = error instanceof CorpusError ? error.code : typeof own === 'string' ? own : 'INVALID_INPUT';
      self.postMessage({ id, ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } } satisfies Answer);
    },
  );
});
