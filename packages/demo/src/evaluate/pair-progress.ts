// The evaluation's progress as core's rerank loop reports it (EvalProgress, the same figures the
// CLI's progress bar shows): pairs scored of all, queries done, pairs per second and the time
// left. Drawn at most once a frame however often the loop reports.
import type { EvalProgress } from '@webrerank/core';
import { formatMs, plural } from '../format.js';

export interface PairProgressElements {
  bar: HTMLProgressElement;
  pairs: HTMLElement;
  queries: HTMLElement;
  rate: HTMLElement;
  eta: HTMLElement;
}

export class PairProgress {
  private readonly view: PairProgressElements;
  private latest: EvalProgress | undefined;
  private frame = 0;

  constructor(view: PairProgressElements) {
    this.view = view;
  }

  reset(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.latest = undefined;
    this.view.bar.max = 1;
    this.view.bar.value = 0;
    for (const cell of [this.view.pairs, this.view.queries, this.view.rate, this.view.eta]) cell.textContent = '–';
    delete this.view.bar.dataset.done;
    delete this.view.bar.dataset.total;
    delete this.view.bar.dataset.scored;
  }

  update(progress: EvalProgress): void {
    this.latest = progress;
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws the last figures now and stops; `how` (done, cancelled) replaces the time left. */
  end(how: string): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
    this.view.eta.textContent = how;
  }

  private draw(): void {
    const p = this.latest;
    if (!p) return;
    const { bar, pairs, queries, rate, eta } = this.view;
    bar.max = Math.max(p.pairsTotal, 1);
    bar.value = p.pairsDone;
    bar.dataset.done = String(p.pairsDone);
    bar.dataset.total = String(p.pairsTotal);
    bar.dataset.scored = String(p.pairsScored);
    const reused = p.pairsDone - p.pairsScored;
    pairs.textContent = `${p.pairsDone.toLocaleString('en')} of ${p.pairsTotal.toLocaleString('en')}${reused > 0 ? ` (${reused.toLocaleString('en')} scored before)` : ''}`;
    queries.textContent = `${p.queriesDone.toLocaleString('en')} of ${plural(p.queriesTotal, 'query', 'queries')}`;
    const perSecond = p.pairsPerSecond;
    rate.textContent = perSecond > 0 ? `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)} pairs/s` : '–';
    eta.textContent = p.pairsDone === p.pairsTotal ? 'done' : p.etaSeconds !== undefined ? `about ${formatMs(p.etaSeconds * 1000)}` : '–';
  }
}
