// The Evaluate page's controller: the folder and the files chosen in it, the reranker (loaded
// once, reused while the pickers stay the same), the run with its progress and Cancel, the
// metrics and the download. #app's data-state is the contract with tests:
// idle (nothing to run yet) | ready | loading | running | done | error.
import type { BrowserReranker, RerankerEvent, RerankerInfo, WarningEvent } from '@webrerank/core';
import { el, must } from '../dom.js';
import { errorCode, explain, type ErrorContext, type Explained } from '../errors.js';
import { formatBytes, formatMs, plural } from '../format.js';
import { errorContextOf, fillModelControls, keyOf, openReranker, readSettings, type ModelControls, type Settings } from '../model-picker.js';
import { CUSTOM, MODELS } from '../models.js';
import { restorePickers, savePickers } from '../saved-pickers.js';
import { ProgressView } from '../view/progress.js';
import { deviceName, renderRuntime } from '../view/runtime.js';
import { downloadBlob, rerankedName } from './download.js';
import { beirFiles, directoryPicker, fromDirectoryInput, missingParts, pickWithDirectoryPicker, type BeirFiles, type PickedFolder } from './folder.js';
import { MemoryScoreCache } from './memory-cache.js';
import { renderMetrics } from './metrics-table.js';
import { PairProgress } from './pair-progress.js';
import { prepareEvaluation, rerankPrepared } from './pipeline.js';
import { clearError, renderError } from '../view/error.js';

export type EvalState = 'idle' | 'ready' | 'loading' | 'running' | 'done' | 'error';

interface Loaded {
  key: string;
  reranker: BrowserReranker;
  info: RerankerInfo;
  /** Its scores so far: a run after Cancel, or at another depth, reuses them. */
  scores: MemoryScoreCache;
}

const PICKED_RUN = 'picked:';
const BM25 = 'bm25:';
/** The tag column of the reranked run, as `webrerank eval` writes it. */
const RUN_TAG = 'webrerank';

export class EvaluatePage {
  private readonly root = must('#app', HTMLElement);
  private readonly form = must('#eval-form', HTMLFormElement);
  private readonly pickButton = must('#pick-folder', HTMLButtonElement);
  private readonly folderInput = must('#folder-input', HTMLInputElement);
  private readonly folderButton = must('#folder-button', HTMLElement);
  private readonly folderView = must('#folder', HTMLElement);
  private readonly qrelsField = must('#qrels-field', HTMLElement);
  private readonly qrelsSelect = must('#qrels-file', HTMLSelectElement);
  private readonly runField = must('#run-field', HTMLElement);
  private readonly runSelect = must('#run-file', HTMLSelectElement);
  private readonly runInput = must('#run-input', HTMLInputElement);
  private readonly controls: ModelControls = {
    model: must('#model', HTMLSelectElement),
    customId: must('#custom-id', HTMLInputElement),
    customHost: must('#custom-host', HTMLSelectElement),
    device: must('#device', HTMLSelectElement),
    dtype: must('#dtype', HTMLSelectElement),
  };
  private readonly modelNote = must('#model-note', HTMLElement);
  private readonly customBox = must('#custom-model', HTMLElement);
  private readonly topK = must('#top-k', HTMLInputElement);
  private readonly runButton = must('#run', HTMLButtonElement);
  private readonly cancelButton = must('#cancel', HTMLButtonElement);
  private readonly status = must('#status', HTMLElement);
  private readonly errorBox = must('#error', HTMLElement);
  private readonly metrics = must('#metrics', HTMLElement);
  private readonly metricsEmpty = must('#metrics-empty', HTMLElement);
  private readonly downloadButton = must('#download', HTMLButtonElement);
  private readonly runtime = must('#runtime', HTMLElement);
  private readonly download = new ProgressView(must('#progress', HTMLProgressElement), must('#progress-text', HTMLElement), must('#files', HTMLUListElement));
  private readonly pairs = new PairProgress({
    bar: must('#pairs-progress', HTMLProgressElement),
    pairs: must('#stat-pairs', HTMLElement),
    queries: must('#stat-queries', HTMLElement),
    rate: must('#stat-rate', HTMLElement),
    eta: must('#stat-eta', HTMLElement),
  });

  private folder: PickedFolder | undefined;
  private beir: BeirFiles | undefined;
  private pickedRun: File | undefined;
  private loaded: Loaded | undefined;
  private busy: AbortController | undefined;
  private result: { blob: Blob; fileName: string } | undefined;
  private warnings: WarningEvent[] = [];

  start(): void {
    fillModelControls(this.controls);
    restorePickers(this.controls);
    const picker = directoryPicker();
    // One button: the directory picker where the browser has one, else the file dialog.
    this.pickButton.hidden = picker === undefined;
    this.folderButton.hidden = picker !== undefined;
    this.pickButton.addEventListener('click', () => {
      if (picker) void this.pick(() => pickWithDirectoryPicker(picker));
    });
    this.folderInput.addEventListener('change', () => {
      const files = this.folderInput.files;
      if (files) void this.pick(() => Promise.resolve(fromDirectoryInput(files)));
    });
    this.runInput.addEventListener('change', () => this.runPicked());
    this.runSelect.addEventListener('change', () => this.readyIfComplete());
    this.qrelsSelect.addEventListener('change', () => this.readyIfComplete());
    for (const control of [this.controls.model, this.controls.device, this.controls.dtype, this.controls.customHost, this.controls.customId]) {
      control.addEventListener('change', () => this.settingsChanged());
    }
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.cancelButton.addEventListener('click', () => this.busy?.abort());
    this.downloadButton.addEventListener('click', () => {
      if (this.result) downloadBlob(this.result.blob, this.result.fileName);
    });
    this.settingsChanged();
    this.pairs.reset();
    this.setState('idle');
  }

  /** Shows an error that escaped everything else (never a blank page). */
  fail(error: unknown): void {
    const code = errorCode(error);
    if (code === 'ABORTED' || code === 'DISPOSED') return;
    this.showError(explain(error, this.errorContext()));
    this.setState('error');
  }

  private settings(): Settings {
    return readSettings(this.controls);
  }

  private errorContext(): ErrorContext {
    return errorContextOf(this.settings());
  }

  private setState(state: EvalState): void {
    this.root.dataset.state = state;
    const busy = state === 'loading' || state === 'running';
    this.root.setAttribute('aria-busy', String(busy));
    this.runButton.setAttribute('aria-disabled', String(busy));
    this.runButton.textContent = state === 'loading' ? 'Loading model…' : state === 'running' ? 'Evaluating…' : 'Evaluate';
    this.cancelButton.hidden = !busy;
    for (const control of [this.pickButton, this.folderInput, this.runInput, this.runSelect, this.qrelsSelect, this.topK]) control.disabled = busy;
  }

  private settingsChanged(): void {
    savePickers(this.controls);
    this.customBox.hidden = this.controls.model.value !== CUSTOM;
    const choice = MODELS.find((m) => m.value === this.controls.model.value);
    this.modelNote.textContent = choice ? choice.note : 'Any model id laid out like the hub (config.json, tokenizer.json, onnx/model*.onnx).';
    if (this.loaded && this.loaded.key !== keyOf(this.settings())) {
      const old = this.loaded;
      this.loaded = undefined;
      void old.reranker.dispose().catch(() => undefined);
      this.runtime.replaceChildren(el('p', { class: 'muted', text: 'No model loaded: it loads when you press Evaluate.' }));
    }
  }

  private async pick(choose: () => Promise<PickedFolder | undefined>): Promise<void> {
    if (this.busy) return;
    this.hideError();
    let folder: PickedFolder | undefined;
    try {
      folder = await choose();
    } catch (error) {
      this.showError(explain(error, this.errorContext()));
      return;
    }
    if (!folder) return; // the picker was closed
    this.folder = folder;
    this.beir = beirFiles(folder.files);
    this.fillFileChoices(this.beir);
    this.renderFolder();
    this.readyIfComplete();
  }

  private fillFileChoices(beir: BeirFiles): void {
    this.qrelsSelect.replaceChildren(...[...beir.qrels.keys()].map((split) => el('option', { text: `qrels/${split}.tsv`, attrs: { value: split } })));
    const options = [...beir.runs].map(([path, file]) => el('option', { text: `${path} (${formatBytes(file.size)})`, attrs: { value: path } }));
    if (this.pickedRun) options.push(el('option', { text: `${this.pickedRun.name} (picked)`, attrs: { value: `${PICKED_RUN}${this.pickedRun.name}` } }));
    // Without a run file, BM25 over the corpus (what `webrerank eval` does without --run); last,
    // so a run file of the folder is the default.
    options.push(el('option', { text: 'BM25 over corpus.jsonl, built here', attrs: { value: BM25 } }));
    this.runSelect.replaceChildren(...options);
    // A run picked on its own was picked for this: keep it chosen.
    if (this.pickedRun) this.runSelect.value = `${PICKED_RUN}${this.pickedRun.name}`;
    this.qrelsField.hidden = false;
    this.runField.hidden = false;
  }

  private runPicked(): void {
    const file = this.runInput.files?.[0];
    if (!file) return;
    this.pickedRun = file;
    if (this.beir) this.fillFileChoices(this.beir);
    this.renderFolder();
    this.readyIfComplete();
  }

  private renderFolder(): void {
    const { folder, beir } = this;
    if (!folder || !beir) return;
    const row = (name: string, file: File | undefined): HTMLLIElement =>
      el('li', { attrs: { 'data-present': String(file !== undefined) } }, el('code', { text: name }), ' ', el('span', { class: 'muted', text: file ? formatBytes(file.size) : 'missing' }));
    const missing = missingParts(beir, this.runSelect.options.length > 0);
    this.folderView.replaceChildren(
      el('p', {}, el('strong', { text: folder.name }), ` · ${plural(folder.files.size, 'file')}`),
      el('ul', { class: 'folder-files' }, row('corpus.jsonl', beir.corpus), row('queries.jsonl', beir.queries), row(`qrels/${beir.qrels.keys().next().value ?? 'test'}.tsv`, beir.qrels.values().next().value)),
      ...(missing.length > 0 ? [el('p', { class: 'notice notice-error', attrs: { 'data-testid': 'folder-missing' }, text: `This folder lacks ${missing.join(', ')}.` })] : []),
    );
  }

  /** The chosen first stage: a run file, or BM25 (file undefined). */
  private chosenRun(): { path: string; file: File | undefined } | undefined {
    const value = this.runSelect.value;
    if (value === BM25) return { path: 'bm25', file: undefined };
    if (value.startsWith(PICKED_RUN) && this.pickedRun) return { path: this.pickedRun.name, file: this.pickedRun };
    const file = this.beir?.runs.get(value);
    return file ? { path: value, file } : undefined;
  }

  private readyIfComplete(): void {
    const complete = this.beir !== undefined && missingParts(this.beir, this.chosenRun() !== undefined).length === 0;
    if (!this.busy) this.setState(complete ? 'ready' : 'idle');
    this.status.textContent = complete ? 'Ready: press Evaluate.' : '';
  }

  private async ensureLoaded(settings: Settings, signal: AbortSignal): Promise<Loaded> {
    const key = keyOf(settings);
    if (this.loaded?.key === key) return this.loaded;
    this.setState('loading');
    this.status.textContent = `Loading ${settings.model}…`;
    this.download.reset('Starting…');
    this.warnings = [];
    const { reranker, info } = await openReranker(settings, signal, (event: RerankerEvent) => {
      if (event.type === 'progress') this.download.update(event);
      else if (event.type === 'warning') this.warnings.push(event);
    });
    const fromCache = info.files.filter((f) => f.from === 'cache').length;
    this.download.finish(fromCache === info.files.length ? 'cache' : fromCache === 0 ? 'network' : 'mixed', info.files.reduce((sum, f) => sum + f.bytes, 0));
    renderRuntime(this.runtime, info, this.warnings);
    this.loaded = { key, reranker, info, scores: new MemoryScoreCache() };
    return this.loaded;
  }

  private async run(): Promise<void> {
    if (this.busy) return;
    const beir = this.beir;
    const run = this.chosenRun();
    const qrels = beir?.qrels.get(this.qrelsSelect.value);
    const topK = Number(this.topK.value);
    if (!beir || !beir.corpus || !beir.queries || !qrels || !run) {
      this.status.textContent = beir ? `This folder lacks ${missingParts(beir, run !== undefined).join(', ')}.` : 'Choose a BEIR folder first.';
      (this.pickButton.hidden ? this.folderInput : this.pickButton).focus();
      return;
    }
    if (!Number.isInteger(topK) || topK < 1) {
      this.topK.setAttribute('aria-invalid', 'true');
      this.topK.focus();
      this.status.textContent = 'The top-k is a whole number of at least 1.';
      return;
    }
    this.topK.removeAttribute('aria-invalid');
    const settings = this.settings();
    const controller = new AbortController();
    this.busy = controller;
    this.hideError();
    this.result = undefined;
    this.downloadButton.hidden = true;
    this.metrics.replaceChildren();
    this.metricsEmpty.hidden = false;
    this.pairs.reset();
    try {
      // The files first: a bad one costs no model download.
      this.setState('running');
      const prepared = await prepareEvaluation({
        corpus: beir.corpus,
        queries: beir.queries,
        qrels,
        qrelsName: `qrels/${this.qrelsSelect.value}.tsv`,
        run: run.file,
        runName: run.path,
        topK,
        signal: controller.signal,
        onStage: (stage) => {
          this.status.textContent = stage;
        },
      });
      const loaded = await this.ensureLoaded(settings, controller.signal);
      this.setState('running');
      this.status.textContent = `Scoring ${plural(prepared.tasks.length, 'query', 'queries')}…`;
      const started = performance.now();
      const outcome = await rerankPrepared(prepared, loaded.reranker, {
        tag: RUN_TAG,
        signal: controller.signal,
        onProgress: (progress) => this.pairs.update(progress),
        cache: loaded.scores,
      });
      const ms = performance.now() - started;
      this.pairs.end('done');
      renderMetrics(this.metrics, outcome.before, outcome.after);
      this.metricsEmpty.hidden = true;
      this.result = { blob: outcome.reranked, fileName: rerankedName(this.folder?.name ?? 'beir', run.path) };
      this.downloadButton.hidden = false;
      this.downloadButton.dataset.fileName = this.result.fileName;
      this.status.textContent = `Reranked ${plural(outcome.queries, 'query', 'queries')} (${outcome.pairs.toLocaleString('en')} pairs) in ${formatMs(ms)} on ${deviceName(loaded.info.device)} ${loaded.info.dtype}.`;
      this.setState('done');
    } catch (error) {
      if (controller.signal.aborted || errorCode(error) === 'ABORTED') {
        this.pairs.end('cancelled');
        this.status.textContent = 'Cancelled. The scores so far are kept while this model stays chosen: Evaluate again to go on from there.';
        this.setState('ready');
        return;
      }
      this.pairs.end('stopped');
      this.showError(this.explainRunError(error));
      this.setState('error');
    } finally {
      if (this.busy === controller) this.busy = undefined;
    }
  }

  /** A bad file is about the dataset, not the model: say which file and line, nothing about model ids. */
  private explainRunError(error: unknown): Explained {
    const explained = explain(error, this.errorContext());
    if (explained.code !== 'INVALID_INPUT') return explained;
    return {
      ...explained,
      title: 'The dataset could not be read',
      hints: [explained.detail, 'Check the file it names: BEIR jsonl lines, a qrels .tsv, a TREC run (qid Q0 docno rank score tag).'],
    };
  }

  private showError(explained: Explained): void {
    renderError(this.errorBox, explained);
    this.status.textContent = explained.title;
  }

  private hideError(): void {
    clearError(this.errorBox);
  }
}
