// Search mode's controller: documents in (files, a folder, the sample corpus) go to the indexing
// worker; a query runs BM25 there (top 100), then the page's reranker (the one Rerank mode uses,
// see DemoApp.sharedReranker) reranks those passages, streaming: rows appear and reorder as
// batches finish. #search-main's data-search-state is the contract with tests:
// empty | idle | indexing | searching | loading | ranking | done | error.
import type { BrowserReranker, RankResult, RerankerInfo } from '@webrerank/core';
import { must } from '../dom.js';
import { errorCode, type Explained } from '../errors.js';
import { formatBytes, formatMs, plural } from '../format.js';
import { SearchClient } from './client.js';
import { explainCorpusError } from './corpus-errors.js';
import { droppedFiles, readFiles, type NamedFile } from './files.js';
import { queryTerms } from './highlight.js';
import type { CorpusInfo, DocInfo, Hit, NewDoc } from './protocol.js';
import { sampleCorpus } from './sample-corpus.js';
import { renderDocs, renderHits, type RankedHit } from './view.js';
import { clearError, renderError } from '../view/error.js';

export type SearchState = 'empty' | 'idle' | 'indexing' | 'searching' | 'loading' | 'ranking' | 'done' | 'error';

/** What Search mode needs of the page's app: its reranker and its words for errors. */
export interface RerankerHost {
  sharedReranker(signal: AbortSignal): Promise<{ reranker: BrowserReranker; info: RerankerInfo }>;
  explainError(error: unknown): Explained;
}

/** BM25 hits the reranker scores per query. */
export const BM25_TOP_K = 100;
/** Rows shown until "Show all" is pressed. */
const FIRST_ROWS = 10;
/**
 * Passages longer than the model's budget beside the query are cut into token windows by rank()
 * itself (core's chunking); the best window is the passage's score and the highlighted chunk.
 */
const CHUNKING = { maxChunksPerDoc: 8, overlapTokens: 16 };

export class SearchMode {
  private readonly main = must('#search-main', HTMLElement);
  private readonly form = must('#search-form', HTMLFormElement);
  private readonly query = must('#search-query', HTMLInputElement);
  private readonly searchButton = must('#search-go', HTMLButtonElement);
  private readonly cancelButton = must('#search-cancel', HTMLButtonElement);
  private readonly status = must('#search-status', HTMLElement);
  private readonly progress = must('#search-progress', HTMLProgressElement);
  private readonly timings = must('#search-timings', HTMLElement);
  private readonly errorBox = must('#search-error', HTMLElement);
  private readonly empty = must('#search-empty', HTMLElement);
  private readonly results = must('#search-results', HTMLOListElement);
  private readonly showAll = must('#search-show-all', HTMLButtonElement);
  private readonly drop = must('#search-drop', HTMLElement);
  private readonly files = must('#search-files', HTMLInputElement);
  private readonly folder = must('#search-folder', HTMLInputElement);
  private readonly sample = must('#search-sample', HTMLButtonElement);
  private readonly clear = must('#search-clear', HTMLButtonElement);
  private readonly docStatus = must('#search-docs-status', HTMLElement);
  private readonly docList = must('#search-doc-list', HTMLUListElement);
  private readonly storage = must('#search-storage', HTMLElement);

  private readonly client = new SearchClient();
  private readonly host: RerankerHost;
  private corpus: CorpusInfo = { docs: [], passages: 0, storedBytes: 0 };
  private busy: AbortController | undefined;
  private started = false;
  private ranked: RankedHit[] = [];
  private terms: string[] = [];
  private showingAll = false;

  constructor(host: RerankerHost) {
    this.host = host;
  }

  /** Wires the controls and reads the stored corpus; called the first time Search mode opens. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search();
    });
    this.cancelButton.addEventListener('click', () => this.busy?.abort());
    this.files.addEventListener('change', () => void this.addFiles(this.files.files));
    this.folder.addEventListener('change', () => void this.addFiles(this.folder.files));
    this.sample.addEventListener('click', () => void this.addDocs(() => sampleCorpus(), 'the sample corpus'));
    this.clear.addEventListener('click', () => void this.clearCorpus());
    this.showAll.addEventListener('click', () => {
      this.showingAll = !this.showingAll;
      this.renderRanked(false);
    });
    this.drop.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.drop.classList.add('dragging');
    });
    this.drop.addEventListener('dragleave', () => this.drop.classList.remove('dragging'));
    this.drop.addEventListener('drop', (event) => {
      event.preventDefault();
      this.drop.classList.remove('dragging');
      // The entries must be taken now: the DataTransfer empties once the handler returns.
      const data = event.dataTransfer;
      if (data) void this.addFiles(droppedFiles(data));
    });
    this.setState('indexing');
    this.docStatus.textContent = 'Reading the stored corpus…';
    void this.corpusCall(async () => {
      const reply = await this.client.call({ type: 'open' });
      this.docStatus.textContent = reply.corpus.docs.length ? `${plural(reply.corpus.docs.length, 'document')} stored on this device.` : 'No documents yet.';
      return reply.corpus;
    });
  }

  private setState(state: SearchState): void {
    this.main.dataset.searchState = state;
    const busy = state === 'indexing' || state === 'searching' || state === 'loading' || state === 'ranking';
    this.main.setAttribute('aria-busy', String(busy));
    this.searchButton.setAttribute('aria-disabled', String(busy || this.corpus.passages === 0));
    this.searchButton.textContent = state === 'loading' ? 'Loading model…' : state === 'ranking' ? 'Reranking…' : 'Search';
    this.cancelButton.hidden = !(state === 'loading' || state === 'ranking');
    for (const control of [this.sample, this.clear]) control.setAttribute('aria-disabled', String(busy));
  }

  private idleState(): SearchState {
    return this.corpus.passages === 0 ? 'empty' : 'idle';
  }

  private async addFiles(list: FileList | null | Promise<NamedFile[]>): Promise<void> {
    const files = list instanceof Promise ? await list : list ? [...list] : [];
    if (files.length === 0) return;
    await this.addDocs(async () => {
      const read = await readFiles(files);
      if (read.skipped.length) this.docStatus.dataset.skipped = String(read.skipped.length);
      return { docs: read.docs, skipped: read.skipped };
    }, plural(files.length, 'file'));
    // The same file picked again must fire 'change' again.
    this.files.value = '';
    this.folder.value = '';
  }

  private async addDocs(read: () => Promise<NewDoc[] | { docs: NewDoc[]; skipped: string[] }>, what: string): Promise<void> {
    if (this.busy || this.main.dataset.searchState === 'indexing') return;
    this.hideError();
    this.setState('indexing');
    this.docStatus.textContent = `Reading ${what}…`;
    delete this.docStatus.dataset.skipped;
    await this.corpusCall(async () => {
      const got = await read();
      const { docs, skipped } = Array.isArray(got) ? { docs: got, skipped: [] } : got;
      const skippedLine = skipped.length ? ` Skipped ${plural(skipped.length, 'file')}: ${skipped.join('; ')}.` : '';
      if (docs.length === 0) {
        this.docStatus.textContent = `Nothing to add.${skippedLine}`;
        return this.corpus;
      }
      this.docStatus.textContent = `Indexing ${plural(docs.length, 'document')}…`;
      const reply = await this.client.call({ type: 'add', docs });
      const passages = reply.corpus.passages - this.corpus.passages;
      this.docStatus.textContent = `Added ${plural(reply.added, 'document')}${reply.replaced ? ` (${reply.replaced} replaced)` : ''}: split, indexed and stored in ${formatMs(reply.ms)} (${passages >= 0 ? `+${passages}` : passages} passages).${skippedLine}`;
      return reply.corpus;
    });
  }

  private async deleteDoc(doc: DocInfo): Promise<void> {
    if (this.busy) return;
    this.hideError();
    this.setState('indexing');
    await this.corpusCall(async () => {
      const reply = await this.client.call({ type: 'remove', id: doc.id });
      this.docStatus.textContent = reply.removed ? `Deleted ${doc.name}.` : `${doc.name} was already gone.`;
      return reply.corpus;
    });
  }

  private async clearCorpus(): Promise<void> {
    if (this.busy || this.clear.getAttribute('aria-disabled') === 'true') return;
    this.hideError();
    this.setState('indexing');
    await this.corpusCall(async () => {
      const reply = await this.client.call({ type: 'clear' });
      this.docStatus.textContent = 'The corpus is cleared: nothing is stored.';
      this.clearResults();
      return reply.corpus;
    });
  }

  // Runs one corpus change; whatever happens, the list shows the worker's corpus afterwards (on a
  // failure, the one still stored: the worker went back to it).
  private async corpusCall(change: () => Promise<CorpusInfo>): Promise<void> {
    try {
      this.corpus = await change();
      this.setState(this.idleState());
    } catch (error) {
      this.showError(explainCorpusError(error), error);
      this.docStatus.textContent = 'The corpus did not change.';
      try {
        this.corpus = (await this.client.call({ type: 'open' })).corpus;
      } catch {
        // The worker cannot read it either: the error above says why.
      }
      this.setState('error');
    }
    renderDocs(this.docList, this.corpus.docs, (doc) => void this.deleteDoc(doc));
    await this.renderStorage();
  }

  private async renderStorage(): Promise<void> {
    const { docs, passages, storedBytes } = this.corpus;
    this.storage.dataset.bytes = String(storedBytes);
    const own = `${plural(docs.length, 'document')}, ${plural(passages, 'passage')}: ${formatBytes(storedBytes)} stored`;
    let site = '';
    try {
      const estimate = await navigator.storage?.estimate();
      if (estimate?.usage !== undefined && estimate.quota !== undefined) site = ` · this site uses ${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)} (models included)`;
    } catch {
      // No estimate (some private modes): the corpus's own size is still shown.
    }
    this.storage.textContent = `${own}${site}.`;
  }

  private async search(): Promise<void> {
    if (this.busy || this.main.dataset.searchState === 'indexing') return;
    const query = this.query.value.trim();
    if (!query) {
      this.query.setAttribute('aria-invalid', 'true');
      this.query.focus();
      this.status.textContent = 'Type a query first.';
      return;
    }
    if (this.corpus.passages === 0) {
      this.status.textContent = 'Add documents first (files, a folder or the sample corpus).';
      return;
    }
    this.query.removeAttribute('aria-invalid');
    const controller = new AbortController();
    this.busy = controller;
    this.hideError();
    this.clearResults();
    this.terms = queryTerms(query);
    try {
      this.setState('searching');
      const { hits, ms: bm25Ms } = await this.client.call({ type: 'search', query, topK: BM25_TOP_K });
      const bm25Line = `BM25: ${plural(hits.length, 'passage')} of ${this.corpus.passages} in ${formatMs(bm25Ms)}`;
      this.timings.dataset.bm25Ms = String(bm25Ms);
      this.timings.textContent = bm25Line;
      if (hits.length === 0) {
        this.empty.textContent = `No passage contains a word of “${query}”.`;
        this.empty.hidden = false;
        this.status.textContent = 'No matches.';
        this.setState('done');
        return;
      }
      this.setState('loading');
      this.status.textContent = 'Loading the model…';
      const loadStarted = performance.now();
      const { reranker, info } = await this.host.sharedReranker(controller.signal);
      const loadMs = performance.now() - loadStarted;
      this.setState('ranking');
      this.status.textContent = `Reranking ${plural(hits.length, 'passage')}…`;
      const rerankMs = await this.rerank(reranker, query, hits, controller.signal);
      this.timings.dataset.rerankMs = String(rerankMs);
      this.timings.textContent = `${bm25Line} · rerank: ${plural(hits.length, 'passage')} in ${formatMs(rerankMs)} (${info.device} ${info.dtype})${loadMs > 50 ? ` · model ready in ${formatMs(loadMs)}` : ''}`;
      this.status.textContent = `Reranked the best ${plural(hits.length, 'BM25 hit')}.`;
      this.setState('done');
    } catch (error) {
      if (errorCode(error) === 'ABORTED' || errorCode(error) === 'DISPOSED') {
        // DISPOSED: the model, device or weights changed under the search (the app let go of
        // the reranker it was using); not a failure either.
        this.status.textContent = errorCode(error) === 'ABORTED' ? 'Cancelled.' : 'The model changed: search again.';
        this.setState(this.idleState());
      } else {
        this.showError(this.host.explainError(error), error);
        this.setState('error');
      }
    } finally {
      this.progress.hidden = true;
      if (this.busy === controller) this.busy = undefined;
    }
  }

  // rankStream: after each batch, the best-so-far ranking of the passages scored so far; the
  // last one is rank()'s answer. Returns the time from the call to the last ranking.
  private async rerank(reranker: BrowserReranker, query: string, hits: Hit[], signal: AbortSignal): Promise<number> {
    const started = performance.now();
    this.progress.value = 0;
    this.progress.max = hits.length;
    this.progress.hidden = false;
    const onProgress = (p: { done: number; total: number }): void => {
      this.progress.max = Math.max(p.total, 1);
      this.progress.value = p.done;
    };
    const texts = hits.map((h) => h.text);
    let last: RankResult[] = [];
    for await (const partial of reranker.rankStream(query, texts, { normalize: false, signal, onProgress, chunking: CHUNKING })) {
      last = partial;
      this.ranked = partial.map((r) => ({ hit: hits[r.index] as Hit, score: r.score, chunk: r.chunk }));
      this.renderRanked(partial.length < hits.length);
    }
    const ms = performance.now() - started;
    this.ranked = last.map((r) => ({ hit: hits[r.index] as Hit, score: r.score, chunk: r.chunk }));
    this.renderRanked(false);
    return ms;
  }

  private renderRanked(partial: boolean): void {
    const rows = this.showingAll ? this.ranked : this.ranked.slice(0, FIRST_ROWS);
    renderHits(this.results, rows, this.terms);
    this.results.dataset.scored = String(this.ranked.length);
    this.results.dataset.partial = String(partial);
    this.empty.hidden = this.ranked.length > 0;
    this.showAll.hidden = partial || this.ranked.length <= FIRST_ROWS;
    this.showAll.textContent = this.showingAll ? `Show the best ${FIRST_ROWS}` : `Show all ${this.ranked.length}`;
  }

  private clearResults(): void {
    this.ranked = [];
    this.showingAll = false;
    this.results.replaceChildren();
    delete this.results.dataset.scored;
    delete this.results.dataset.partial;
    this.showAll.hidden = true;
    this.timings.textContent = '';
    delete this.timings.dataset.bm25Ms;
    delete this.timings.dataset.rerankMs;
    this.empty.textContent = 'Results appear here: the BM25 hits, reranked on this device.';
    this.empty.hidden = false;
  }

  private showError(explained: Explained, error: unknown): void {
    renderError(this.errorBox, explained);
    this.errorBox.dataset.code = errorCode(error) ?? explained.code;
    this.status.textContent = explained.title;
  }

  private hideError(): void {
    clearError(this.errorBox);
  }
}
