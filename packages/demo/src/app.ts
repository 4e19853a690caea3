// The demo's controller: reads the form, loads a reranker for the chosen model/device/weights
// (reusing it while they stay the same), scores the query against every passage, and renders
// results, progress, runtime facts, the cache and errors. The app root's data-state is the
// contract with tests: idle | loading | ready | scoring | error.
import type { BrowserReranker, RerankerEvent, RerankerInfo, WarningEvent } from '@webrerank/core';
import { clearStored, rememberSizes, storedModel } from './cache.js';
import { el, must } from './dom.js';
import { errorCode, explain, type ErrorContext, type Explained } from './errors.js';
import { formatMs, plural } from './format.js';
import { loadReranker, type Loaded } from './load.js';
import { errorContextOf, fillModelControls, keyOf, readSettings, type ModelControls, type Settings } from './model-picker.js';
import { CUSTOM, hostUrl, MODELS } from './models.js';
import { revealOutcome } from './reveal.js';
import { keepInput, restoreInput, saveInput } from './saved-input.js';
import { restorePickers, savePickers, type Pickers } from './saved-pickers.js';
import { SAMPLE_PASSAGES, SAMPLE_QUERY } from './samples.js';
import { scorePassages } from './score-run.js';
import { renderCache } from './view/cache.js';
import { clearError, renderError } from './view/error.js';
import type { Expanded } from './view/passage.js';
import { ProgressView } from './view/progress.js';
import { renderResults, type ScoredRun } from './view/results.js';
import { deviceName, renderRuntime } from './view/runtime.js';

export type AppState = 'idle' | 'loading' | 'ready' | 'scoring' | 'error';

export class DemoApp {
  private readonly root = must('#app', HTMLElement);
  private readonly form = must('#form', HTMLFormElement);
  private readonly query = must('#query', HTMLInputElement);
  private readonly passages = must('#passages', HTMLTextAreaElement);
  private readonly passageCount = must('#passage-count', HTMLElement);
  private readonly model = must('#model', HTMLSelectElement);
  private readonly modelNote = must('#model-note', HTMLElement);
  private readonly customBox = must('#custom-model', HTMLElement);
  private readonly customId = must('#custom-id', HTMLInputElement);
  private readonly customHost = must('#custom-host', HTMLSelectElement);
  private readonly device = must('#device', HTMLSelectElement);
  private readonly dtype = must('#dtype', HTMLSelectElement);
  private readonly normalize = must('#normalize', HTMLInputElement);
  private readonly actions = must('#actions', HTMLElement);
  private readonly output = must('#output', HTMLElement);
  private readonly rerankButton = must('#rerank', HTMLButtonElement);
  private readonly cancelButton = must('#cancel', HTMLButtonElement);
  private readonly status = must('#status', HTMLElement);
  private readonly scoringProgress = must('#scoring-progress', HTMLProgressElement);
  private readonly errorBox = must('#error', HTMLElement);
  private readonly results = must('#results', HTMLOListElement);
  private readonly resultsEmpty = must('#results-empty', HTMLElement);
  private readonly resultsLegend = must('#results-legend', HTMLElement);
  private readonly timings = must('#timings', HTMLElement);
  private readonly runtime = must('#runtime', HTMLElement);
  private readonly cache = must('#cache', HTMLElement);
  private readonly evictButton = must('#evict', HTMLButtonElement);
  private readonly progress = new ProgressView(must('#progress', HTMLProgressElement), must('#progress-text', HTMLElement), must('#files', HTMLUListElement));

  private loaded: Loaded | undefined;
  private busy: AbortController | undefined;
  private lastRun: ScoredRun | undefined;
  /** Passages of the shown ranking the user expanded (by input index). */
  private expanded: Expanded = new Set();
  /** This run's outcome was brought into view already (once: the user may scroll away after). */
  private revealed = false;
  private warnings: WarningEvent[] = [];
  /** Bumped whenever the settings change: late answers of an older load are ignored. */
  private generation = 0;

  start(): void {
    this.fillPickers();
    const fields = { query: this.query, passages: this.passages };
    restoreInput(fields);
    keepInput(fields);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.rerank();
    });
    must('#sample', HTMLButtonElement).addEventListener('click', () => {
      this.query.value = SAMPLE_QUERY;
      this.passages.value = SAMPLE_PASSAGES.join('\n');
      saveInput(fields);
      this.updateCount();
      this.clearInvalid();
    });
    must('#clear-input', HTMLButtonElement).addEventListener('click', () => {
      this.query.value = '';
      this.passages.value = '';
      saveInput(fields);
      this.updateCount();
      this.query.focus();
    });
    this.passages.addEventListener('input', () => {
      this.updateCount();
      this.passages.removeAttribute('aria-invalid');
    });
    this.query.addEventListener('input', () => this.query.removeAttribute('aria-invalid'));
    for (const control of [this.model, this.device, this.dtype, this.customHost]) {
      control.addEventListener('change', () => this.settingsChanged());
    }
    this.customId.addEventListener('change', () => this.settingsChanged());
    this.normalize.addEventListener('change', () => {
      savePickers(this.pickers());
      if (this.lastRun) renderResults(this.results, this.lastRun, this.normalize.checked, this.expanded);
    });
    this.cancelButton.addEventListener('click', () => this.busy?.abort());
    this.evictButton.addEventListener('click', () => void this.evict());
    this.updateCount();
    this.settingsChanged();
    this.setState('idle');
  }

  /** Shows an error that escaped everything else (never a blank page). */
  fail(error: unknown): void {
    // Work this app cancelled on purpose (a model switch, Cancel) is not a failure.
    const code = errorCode(error);
    if (code === 'ABORTED' || code === 'DISPOSED') return;
    this.showError(explain(error, this.errorContext()));
    this.setState('error');
  }

  /**
   * Search mode (src/search) scores with this same reranker: loads it for the current model,
   * device and weights as Rerank does (one load, one download panel), or gives the loaded one.
   */
  async sharedReranker(signal: AbortSignal): Promise<{ reranker: BrowserReranker; info: RerankerInfo }> {
    const generation = this.generation;
    try {
      const loaded = await this.ensureLoaded(this.settings(), signal);
      if (generation === this.generation) this.setState('ready');
      return { reranker: loaded.reranker, info: loaded.info };
    } catch (error) {
      // As after a failed Rerank: the shared panels must not keep saying "Loading…".
      if (generation === this.generation && !this.loaded) {
        const aborted = errorCode(error) === 'ABORTED';
        this.runtime.replaceChildren(el('p', { class: 'muted', text: aborted ? 'No model loaded: cancelled.' : 'No model loaded: loading failed (see the message in Search).' }));
        if (aborted) this.progress.reset('Cancelled.');
        else this.progress.stop('Stopped: loading failed.');
        this.setState(aborted ? 'idle' : 'error');
      }
      throw error;
    }
  }

  /** An error in words for people, with this page's model, host, device and weights. */
  explainError(error: unknown): Explained {
    return explain(error, this.errorContext());
  }

  private fillPickers(): void {
    fillModelControls(this.controls());
    restorePickers(this.pickers());
  }

  private pickers(): Pickers {
    return { model: this.model, customId: this.customId, customHost: this.customHost, device: this.device, dtype: this.dtype, normalize: this.normalize };
  }

  private controls(): ModelControls {
    return { model: this.model, customId: this.customId, customHost: this.customHost, device: this.device, dtype: this.dtype };
  }

  private settings(): Settings {
    return readSettings(this.controls());
  }

  private errorContext(): ErrorContext {
    return errorContextOf(this.settings());
  }

  private setState(state: AppState): void {
    this.root.dataset.state = state;
    const busy = state === 'loading' || state === 'scoring';
    this.root.setAttribute('aria-busy', String(busy));
    // aria-disabled rather than disabled: the button keeps keyboard focus while busy.
    this.rerankButton.setAttribute('aria-disabled', String(busy));
    this.rerankButton.textContent = state === 'loading' ? 'Loading model…' : state === 'scoring' ? 'Scoring…' : 'Rerank';
    this.cancelButton.hidden = !busy;
  }

  private updateCount(): void {
    this.passageCount.textContent = plural(this.passageList().length, 'passage');
  }

  private passageList(): string[] {
    return this.passages.value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }

  private clearInvalid(): void {
    this.query.removeAttribute('aria-invalid');
    this.passages.removeAttribute('aria-invalid');
    this.customId.removeAttribute('aria-invalid');
  }

  /** Model, device or weights changed: drop the loaded reranker (and any load in flight). */
  private settingsChanged(): void {
    this.generation++;
    savePickers(this.pickers());
    const custom = this.model.value === CUSTOM;
    this.customBox.hidden = !custom;
    const choice = MODELS.find((m) => m.value === this.model.value);
    this.modelNote.textContent = choice
      ? choice.note
      : 'Any model id laid out like the hub (config.json, tokenizer.json, onnx/model*.onnx). Press Rerank to load it.';
    const settings = this.settings();
    if (this.loaded && this.loaded.key !== keyOf(settings)) {
      const old = this.loaded;
      this.loaded = undefined;
      void old.reranker.dispose().catch(() => undefined);
    }
    this.busy?.abort();
    this.busy = undefined;
    this.hideError();
    this.lastRun = undefined;
    this.expanded = new Set();
    this.results.replaceChildren();
    this.resultsEmpty.hidden = false;
    this.resultsLegend.hidden = true;
    this.timings.textContent = '';
    if (!this.loaded) {
      this.runtime.replaceChildren(el('p', { class: 'muted', text: 'No model loaded yet: it loads when you press Rerank.' }));
      this.progress.reset('Nothing loaded yet.');
    }
    this.status.textContent = '';
    this.setState(this.loaded ? 'ready' : 'idle');
    void this.refreshCache();
  }

  private async rerank(): Promise<void> {
    if (this.busy) return;
    this.clearInvalid();
    const query = this.query.value.trim();
    const passages = this.passageList();
    const settings = this.settings();
    const missing = !query ? this.query : passages.length === 0 ? this.passages : !settings.model ? this.customId : undefined;
    if (missing) {
      missing.setAttribute('aria-invalid', 'true');
      missing.focus();
      this.status.textContent =
        missing === this.query ? 'Type a query first.' : missing === this.passages ? 'Add at least one passage (one per line).' : 'Type a model id (owner/name).';
      return;
    }

    const generation = this.generation;
    const controller = new AbortController();
    this.busy = controller;
    this.revealed = false;
    this.hideError();
    this.status.textContent = '';
    try {
      const loaded = await this.ensureLoaded(settings, controller.signal);
      if (generation !== this.generation) return;
      this.setState('scoring');
      this.status.textContent = `Scoring ${plural(passages.length, 'passage')}…`;
      const started = performance.now();
      this.expanded = new Set();
      this.scoringProgress.value = 0;
      this.scoringProgress.hidden = loaded.layers !== undefined;
      const run = await scorePassages(loaded, query, passages, {
        signal: controller.signal,
        onProgress: (done, total) => {
          this.scoringProgress.max = Math.max(total, 1);
          this.scoringProgress.value = done;
        },
        onPartial: (partial) => {
          if (generation !== this.generation) return false;
          this.showRun(partial);
          return true;
        },
      });
      const ms = performance.now() - started;
      const firstRun = loaded.runs++ === 0;
      if (generation !== this.generation) return;
      this.lastRun = run;
      this.showRun(run);
      this.resultsLegend.hidden = false;
      const perSecond = passages.length / Math.max(ms / 1000, 1e-6);
      this.timings.textContent = `${plural(passages.length, 'passage')} scored in ${formatMs(ms)} (tokenize + inference) · ${
        perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)
      } pairs/s · ${deviceName(loaded.info.device)} ${loaded.info.dtype}${firstRun ? ' · first run, includes warm-up' : ''}`;
      this.timings.dataset.ms = String(ms);
      this.status.textContent = `Ranked ${plural(passages.length, 'passage')}.`;
      this.setState('ready');
      this.reveal();
    } catch (error) {
      if (generation !== this.generation) return; // the settings changed under it: already reset
      if (errorCode(error) === 'ABORTED') {
        this.status.textContent = 'Cancelled.';
        this.setState(this.loaded ? 'ready' : 'idle');
        if (!this.loaded) this.progress.reset('Cancelled.');
        return;
      }
      const explained = explain(error, this.errorContext());
      this.showError(explained);
      if (!this.loaded) {
        // The load failed: say so where "Loading…" was.
        this.runtime.replaceChildren(el('p', { class: 'muted', text: 'No model loaded: loading failed (see the message above the ranking).' }));
        this.progress.stop('Stopped: loading failed.', explained.file);
      }
      this.setState('error');
      this.reveal();
    } finally {
      this.scoringProgress.hidden = true;
      if (this.busy === controller) this.busy = undefined;
      void this.refreshCache();
    }
  }

  /** Renders a (partial or final) ranking, and brings it into view the first time. */
  private showRun(run: ScoredRun): void {
    renderResults(this.results, run, this.normalize.checked, this.expanded);
    this.resultsEmpty.hidden = true;
    this.reveal();
  }

  /** Once per run: the first rows or the error, in view under the action bar. */
  private reveal(): void {
    if (this.revealed) return;
    this.revealed = true;
    revealOutcome(this.actions, this.output);
  }

  private async ensureLoaded(settings: Settings, signal: AbortSignal): Promise<Loaded> {
    const key = keyOf(settings);
    if (this.loaded?.key === key) return this.loaded;
    if (this.loaded) {
      const old = this.loaded;
      this.loaded = undefined;
      await old.reranker.dispose().catch(() => undefined);
    }
    this.setState('loading');
    this.status.textContent = `Loading ${settings.model}…`;
    this.progress.reset('Starting…');
    this.warnings = [];
    this.runtime.replaceChildren(el('p', { class: 'muted', text: `Loading ${settings.model}…` }));
    const loaded = await loadReranker(settings, signal, (event: RerankerEvent) => this.onEvent(event));
    const info = loaded.info;
    const fromCache = info.files.filter((f) => f.from === 'cache').length;
    this.progress.finish(
      fromCache === info.files.length ? 'cache' : fromCache === 0 ? 'network' : 'mixed',
      info.files.reduce((sum, f) => sum + f.bytes, 0),
    );
    rememberSizes(settings.model, hostUrl(settings.host), info);
    renderRuntime(this.runtime, info, this.warnings);
    this.loaded = loaded;
    return loaded;
  }

  private onEvent(event: RerankerEvent): void {
    if (event.type === 'progress') this.progress.update(event);
    else if (event.type === 'warning') this.warnings.push(event);
  }

  private async refreshCache(): Promise<void> {
    const { model, host } = this.settings();
    const generation = this.generation;
    if (!model) {
      this.cache.replaceChildren(el('p', { class: 'muted', text: 'Type a model id to see what is stored for it.' }));
      this.evictButton.setAttribute('aria-disabled', 'true');
      return;
    }
    // An unreadable store is shown as such (renderCache takes the Error), not thrown.
    const stored = await storedModel(model, hostUrl(host)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (generation !== this.generation) return;
    renderCache(this.cache, model, stored);
    this.evictButton.setAttribute('aria-disabled', String(stored instanceof Error || !stored.complete));
  }

  private async evict(): Promise<void> {
    if (this.evictButton.getAttribute('aria-disabled') === 'true' || this.busy) return;
    const settings = this.settings();
    const host = hostUrl(settings.host);
    try {
      // The loaded copy goes too, so the next Rerank really downloads again.
      if (this.loaded && this.loaded.settings.model === settings.model && this.loaded.settings.host === settings.host) {
        const old = this.loaded;
        this.loaded = undefined;
        await old.reranker.dispose().catch(() => undefined);
        this.runtime.replaceChildren(el('p', { class: 'muted', text: 'No model loaded: it loads when you press Rerank.' }));
        this.setState(this.root.dataset.state === 'ready' ? 'idle' : (this.root.dataset.state as AppState));
      }
      const removed = await clearStored(settings.model, host);
      this.status.textContent = `Removed ${plural(removed, 'stored file')} of ${settings.model}.`;
    } catch (error) {
      this.showError(explain(error, this.errorContext()));
    }
    await this.refreshCache();
  }

  private showError(explained: Explained): void {
    renderError(this.errorBox, explained);
    this.status.textContent = explained.title;
  }

  private hideError(): void {
    clearError(this.errorBox);
  }
}
