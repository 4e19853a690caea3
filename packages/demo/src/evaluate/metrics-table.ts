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

// The measures BEIR's papers quote: highlighted so they are found at a glance.
const HEADLINE = new Set(['ndcg_cut_10', 'recip_rank', 'recall_100', 'map']);

export function renderMetrics(target: HTMLElement, before: Evaluation, after: Evaluation): void {
  const rows = before.measures.map((measure, m) => {
    const b = before.all.values[m] ?? Number.NaN;
    const a = after.all.values[m] ?? Number.NaN;
    const count = isCount(measure);
    const show = (value: number): string => (count ? String(Math.trunc(value)) : printf4(value));
    const delta = a - b;
    const deltaText = count ? '' : `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${printf4(Math.abs(delta))}`;
    return el(
      'tr',
      {
        class: HEADLINE.has(measure.name) ? 'headline' : '',
        attrs: { 'data-measure': measure.name, 'data-before': String(b), 'data-after': String(a) },
      },
      el('th', { attrs: { scope: 'row' } }, el('span', { class: 'measure-label', text: label(measure.name) }), el('code', { text: measure.name })),
      el('td', { class: 'num', text: show(b) }),
      el('td', { class: 'num', text: show(a) }),
      el('td', { class: `num delta ${count ? '' : delta > 0 ? 'delta-up' : delta < 0 ? 'delta-down' : ''}`, text: deltaText }),
    );
  });
  target.replaceChildren(
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
