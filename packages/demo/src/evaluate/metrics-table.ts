// Metrics before and after reranking, side by side, one measure a row, with trec_eval's names
// and its printed precision (4 decimals, counts as integers). Each row carries the full values in
// data-before / data-after, so a test can compare them with what the Node CLI computes.
import { el } from '../dom.js';
import { isCount, printf4, type Evaluation } from '@webrerank/core';

/** What people read the headline measures as (trec_eval's names stay in the table). */
const LABELS: Record<string, string> = {
  num_q: 'queries evaluated',
  num_ret: 'documents retrieved',
  num_rel: 'relevant documents',
  num_rel_ret: 'relevant retrieved',
  map: 'MAP',
  Rprec: 'R-precision',
  recip_rank: 'MRR',
  ndcg: 'nDCG',
};

function label(name: string): string {
  const cut = /^(P|recall|ndcg_cut)_(\d+)$/.exec(name);
  if (cut) return `${cut[1] === 'P' ? 'Precision' : cut[1] === 'recall' ? 'Recall' : 'nDCG'}@${cut[2]}`;
  return LABELS[name] ?? name;
}

// The measures BEIR's papers quote: shown as cards above the table and highlighted in it.
const HEADLINE = ['ndcg_cut_10', 'recip_rank', 'recall_100'];

const signed = (delta: number): string => `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${printf4(Math.abs(delta))}`;
const deltaClass = (delta: number): string => (delta > 0 ? 'delta-up' : delta < 0 ? 'delta-down' : '');

function card(name: string, b: number, a: number): HTMLElement {
  return el(
    'div',
    { class: 'metric-card', attrs: { 'data-card': name } },
    el('span', { class: 'metric-card-label', text: label(name) }),
    el('span', { class: 'metric-card-values' }, el('span', { class: 'muted', text: printf4(b) }), ' → ', el('strong', { text: printf4(a) })),
    el('span', { class: `metric-card-delta ${deltaClass(a - b)}`, text: signed(a - b) }),
  );
}

export function renderMetrics(target: HTMLElement, before: Evaluation, after: Evaluation): void {
  const cards = HEADLINE.flatMap((name) => {
    const m = before.measures.findIndex((measure) => measure.name === name);
    return m < 0 ? [] : [card(name, before.all.values[m] ?? Number.NaN, after.all.values[m] ?? Number.NaN)];
  });
  const rows = before.measures.map((measure, m) => {
    const b = before.all.values[m] ?? Number.NaN;
    const a = after.all.values[m] ?? Number.NaN;
    const count = isCount(measure);
    const show = (value: number): string => (count ? String(Math.trunc(value)) : printf4(value));
    const delta = a - b;
    const deltaText = count ? '' : signed(delta);
    return el(
      'tr',
      {
        class: HEADLINE.includes(measure.name) ? 'headline' : '',
        attrs: { 'data-measure': measure.name, 'data-before': String(b), 'data-after': String(a) },
      },
      el('th', { attrs: { scope: 'row' } }, el('span', { class: 'measure-label', text: label(measure.name) }), el('code', { text: measure.name })),
      el('td', { class: 'num', text: show(b) }),
      el('td', { class: 'num', text: show(a) }),
      el('td', { class: `num delta ${count ? '' : deltaClass(delta)}`, text: deltaText }),
    );
  });
  target.replaceChildren(
    el('div', { class: 'metric-cards' }, ...cards),
    el(
      'table',
      { class: 'metrics-table' },
      el('caption', { class: 'muted', text: `trec_eval's measures over ${before.queries.length === after.queries.length ? after.queries.length : '?'} queries with judgments (relevant: rel ≥ 1).` }),
      el(
        'thead',
        {},
        el('tr', {}, el('th', { attrs: { scope: 'col' }, text: 'Measure' }), el('th', { class: 'num', attrs: { scope: 'col' }, text: 'First stage' }), el('th', { class: 'num', attrs: { scope: 'col' }, text: 'Reranked' }), el('th', { class: 'num', attrs: { scope: 'col' }, text: 'Change' })),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}
