// The ranking: one row per passage, best first, with its score as a bar, the number (the
// normalized score and its logit, or the logit alone when normalize is off) and how far it moved
// from its input position.
import { el } from '../dom.js';
import { formatMove, formatScore } from '../format.js';
import { fitToggles, passageBlock, type Expanded } from './passage.js';

export interface ScoredRun {
  passages: string[];
  /** Raw logits, in input order (a layerwise model: its last layer's, the ones rank() orders by). */
  logits: number[];
  /** A layerwise model: the layers scored (ascending) and each layer's raw logits, in input order. */
  layers?: { layers: number[]; scores: number[][] };
  /** While streaming: the input indices scored so far (the others are not shown yet). Default: all. */
  scored?: number[];
}

/** FlagEmbedding's normalize: the sigmoid of the logit (the library's own formula). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Input indices, best first; ties keep input order (as the library's rank() does). */
export function rankOrder(logits: readonly number[]): number[] {
  return logits.map((_, i) => i).sort((a, b) => (logits[b] as number) - (logits[a] as number) || a - b);
}

/** The number column: with normalize off the score is the logit, so it is shown once. */
function numbers(score: number, logit: number, normalize: boolean): HTMLElement {
  if (!normalize) {
    return el('div', { class: 'numbers' }, el('span', { class: 'score', text: formatScore(logit), attrs: { title: 'score: the raw logit' } }), el('span', { class: 'logit', text: 'logit' }));
  }
  return el(
    'div',
    { class: 'numbers' },
    el('span', { class: 'score', text: formatScore(score), attrs: { title: 'score: sigmoid of the logit' } }),
    el('span', { class: 'logit', text: `logit ${formatScore(logit)}` }),
  );
}

export function renderResults(list: HTMLOListElement, run: ScoredRun, normalize: boolean, expanded: Expanded = new Set()): void {
  const shown = run.scored ? new Set(run.scored) : undefined;
  const rows = rankOrder(run.logits).filter((index) => !shown || shown.has(index)).map((index, rank) => {
    const logit = run.logits[index] as number;
    const probability = sigmoid(logit);
    const score = normalize ? probability : logit;
    const move = formatMove(index - rank);
    const bar = el('span', { class: 'bar' });
    // CSSOM, not a style attribute: allowed under the CSP without 'unsafe-inline'.
    bar.style.width = `${(probability * 100).toFixed(2)}%`;
    const layerLogits = run.layers?.scores.map((layer) => layer[index] as number);
    const layerLine =
      run.layers && layerLogits
        ? [
            el(
              'p',
              { class: 'layers mono', attrs: { 'data-testid': 'layer-scores' } },
              run.layers.layers.map((layer, i) => `layer ${layer}: ${formatScore(normalize ? sigmoid(layerLogits[i] as number) : (layerLogits[i] as number))}`).join(' · '),
            ),
          ]
        : [];
    return el(
      'li',
      {
        class: 'result',
        attrs: {
          'data-testid': 'result-row',
          'data-index': String(index),
          'data-rank': String(rank),
          'data-score': String(score),
          'data-logit': String(logit),
          // Raw logits of every layer (layerwise models), ascending layers as in data-layers.
          ...(run.layers && layerLogits
            ? { 'data-layers': JSON.stringify(run.layers.layers), 'data-layer-scores': JSON.stringify(layerLogits) }
            : {}),
        },
      },
      el('span', { class: 'rank', text: String(rank + 1), attrs: { 'aria-label': `rank ${rank + 1}` } }),
      el('span', { class: `move move-${move.kind}`, text: move.text, attrs: { title: move.label, 'aria-label': move.label } }),
      el(
        'div',
        { class: 'result-body' },
        passageBlock(run.passages[index] ?? '', index, expanded),
        el('span', { class: 'meter', attrs: { 'aria-hidden': 'true' } }, bar),
        el('span', { class: 'origin', text: `passage ${index + 1} of the input` }),
        ...layerLine,
      ),
      numbers(score, logit, normalize),
    );
  });
  list.replaceChildren(...rows);
  fitToggles(list);
}
