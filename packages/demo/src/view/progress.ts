// Download progress: one bar over all files and one per file, fed by the library's progress events.
import type { ProgressEvent } from '@webrerank/core';
import { el } from '../dom.js';
import { formatBytes } from '../format.js';

interface FileRow {
  row: HTMLLIElement;
  bar: HTMLProgressElement;
  text: HTMLSpanElement;
  /** The last bytes reported, and the size when known. */
  loaded: number;
  total: number | undefined;
}

export class ProgressView {
  private readonly rows = new Map<string, FileRow>();
  private peak = 0;
  /** The load ended without the model: later events (parallel reads still finishing) are ignored. */
  private stopped = false;

  private readonly overall: HTMLProgressElement;
  private readonly overallText: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(overall: HTMLProgressElement, overallText: HTMLElement, list: HTMLUListElement) {
    this.overall = overall;
    this.overallText = overallText;
    this.list = list;
  }

  reset(text: string): void {
    this.rows.clear();
    this.peak = 0;
    this.stopped = false;
    delete this.overall.dataset.state;
    this.list.replaceChildren();
    this.overall.value = 0;
    this.overall.dataset.percent = '0';
    delete this.overall.dataset.from;
    delete this.overall.dataset.peak;
    this.overallText.textContent = text;
  }

  update(event: ProgressEvent): void {
    if (this.stopped) return;
    const file = this.row(event.file);
    const total = event.total ?? (event.done ? event.loaded : undefined);
    file.loaded = event.loaded;
    file.total = total;
    file.bar.max = 100;
    file.bar.value = total ? Math.min(100, (event.loaded / total) * 100) : 0;
    if (total === undefined) file.bar.removeAttribute('value'); // size unknown: indeterminate
    file.text.textContent = `${formatBytes(event.loaded)}${total !== undefined ? ` of ${formatBytes(total)}` : ''} · ${
      event.from === 'cache' ? 'from this device' : event.done ? 'downloaded' : 'downloading'
    }`;
    file.row.dataset.done = String(event.done);
    file.row.dataset.from = event.from;

    const overallTotal = event.overallTotal ?? 0;
    const percent = overallTotal > 0 ? Math.min(100, (event.overallLoaded / overallTotal) * 100) : 0;
    this.overall.value = percent;
    this.overall.dataset.percent = percent.toFixed(1);
    this.peak = Math.max(this.peak, percent);
    this.overall.dataset.peak = this.peak.toFixed(1);
    this.overall.dataset.from = event.from;
    this.overallText.textContent = `${formatBytes(event.overallLoaded)} of ${formatBytes(overallTotal)} · ${Math.floor(percent)}%`;
  }

  /**
   * The load ended without the model. The overall bar is cleared: its total only counted the
   * files that had reported (a weights file that 404s or breaks off early may never have), so it
   * read 100% beside the failure. A file that completed keeps its full bar (it is stored); the
   * file that failed (named by the error) and any other unfinished one get an empty bar and say
   * how far they got. Events that still arrive for this load are ignored.
   */
  stop(text: string, failedFile?: string | undefined): void {
    this.stopped = true;
    this.overall.value = 0;
    this.overall.dataset.percent = '0';
    this.overall.dataset.state = 'stopped';
    this.overallText.textContent = text;
    if (failedFile !== undefined) this.row(failedFile);
    for (const file of this.rows.values()) {
      if (file.row.dataset.done === 'true') continue;
      file.bar.value = 0;
      file.row.dataset.done = 'false';
      file.row.dataset.state = 'failed';
      file.text.textContent =
        file.loaded > 0 ? `failed after ${formatBytes(file.loaded)}${file.total !== undefined ? ` of ${formatBytes(file.total)}` : ''}` : 'failed';
    }
  }

  /**
   * Called once the model is loaded: every file is complete. (`data-peak` stays what the events
   * reported, so a test can tell that the events themselves reached 100%.)
   */
  finish(source: 'network' | 'cache' | 'mixed', bytes: number): void {
    this.overall.value = 100;
    this.overall.dataset.percent = '100.0';
    this.overallText.textContent = `${formatBytes(bytes)} · 100% · ${
      source === 'cache' ? 'all from this device' : source === 'network' ? 'downloaded' : 'partly from this device'
    }`;
  }

  private row(name: string): FileRow {
    let row = this.rows.get(name);
    if (!row) {
      const label = el('span', { class: 'file-name', text: name });
      const bar = el('progress', { attrs: { max: '100', 'aria-label': `download of ${name}` } });
      const text = el('span', { class: 'file-text muted' });
      row = { row: el('li', { class: 'file', attrs: { 'data-file': name } }, label, text, bar), bar, text, loaded: 0, total: undefined };
      this.rows.set(name, row);
      this.list.append(row.row);
    }
    return row;
  }
}
