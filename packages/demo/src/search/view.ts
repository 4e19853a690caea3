// Search mode's result rows and document list, built as DOM (no HTML strings: document text is
// the user's and may hold anything).
import { el } from '../dom.js';
import { formatMove, formatScore, plural } from '../format.js';
import { markedNodes } from './highlight.js';
import type { DocInfo, Hit } from './protocol.js';

/** Passages longer than this (about four lines) are clamped until expanded. */
const CLAMP_CHARS = 320;
/** Characters of the passage shown on each side of the winning chunk. */
const CONTEXT_CHARS = 80;

/** One reranked hit: the BM25 hit, its rerank score and (with chunking) the winning window. */
export interface RankedHit {
  hit: Hit;
  score: number;
  chunk: { start: number; end: number } | undefined;
}

/**
 * The ranking, best first: rerank place and BM25 place side by side, the document's name, the
 * passage with its winning chunk set apart and the query's words marked.
 */
export function renderHits(list: HTMLOListElement, ranked: readonly RankedHit[], terms: readonly string[]): void {
  list.replaceChildren(
    ...ranked.map(({ hit, score, chunk }, rank) => {
      const move = formatMove(hit.bm25Rank - 1 - rank);
      const span = chunk ?? { start: 0, end: hit.text.length };
      // The winning chunk in full, a little of the passage around it (all of it when expanded).
      const before = hit.text.slice(0, span.start);
      const after = hit.text.slice(span.end);
      const text = el(
        'p',
        { class: 'hit-text' },
        before.length > CONTEXT_CHARS ? el('span', { class: 'hit-context hit-far', text: before.slice(0, before.length - CONTEXT_CHARS) }) : null,
        before.length > CONTEXT_CHARS ? el('span', { class: 'hit-ellipsis', text: '…', attrs: { 'aria-hidden': 'true' } }) : null,
        el('span', { class: 'hit-context', text: before.slice(-CONTEXT_CHARS) }),
        el('span', { class: 'hit-chunk', attrs: { 'data-testid': 'hit-chunk' } }, ...markedNodes(hit.text.slice(span.start, span.end), terms)),
        el('span', { class: 'hit-context', text: after.slice(0, CONTEXT_CHARS) }),
        after.length > CONTEXT_CHARS ? el('span', { class: 'hit-ellipsis', text: '…', attrs: { 'aria-hidden': 'true' } }) : null,
        after.length > CONTEXT_CHARS ? el('span', { class: 'hit-context hit-far', text: after.slice(CONTEXT_CHARS) }) : null,
      );
      // Collapsed, the chunk is clamped to a few lines (search.css): long ones can open.
      const shown = Math.min(before.length, CONTEXT_CHARS) + (span.end - span.start) + Math.min(after.length, CONTEXT_CHARS);
      const more = shown === hit.text.length && hit.text.length <= CLAMP_CHARS
        ? null
        : el('button', { class: 'button link hit-more', text: 'Show the whole passage', attrs: { type: 'button', 'aria-expanded': 'false' } });
      more?.addEventListener('click', () => {
        const open = more.getAttribute('aria-expanded') !== 'true';
        more.setAttribute('aria-expanded', String(open));
        more.textContent = open ? 'Show less' : 'Show the whole passage';
        text.classList.toggle('open', open);
      });
      return el(
        'li',
        {
          class: 'hit',
          attrs: {
            'data-testid': 'search-row',
            'data-rank': String(rank + 1),
            'data-bm25-rank': String(hit.bm25Rank),
            'data-score': String(score),
            'data-passage-id': hit.passageId,
            // The whole passage the reranker scored (the page shows its winning chunk).
            'data-text': hit.text,
          },
        },
        el(
          'div',
          { class: 'hit-ranks' },
          el('span', { class: 'hit-rank', text: String(rank + 1), attrs: { title: 'place after reranking', 'aria-label': `reranked ${rank + 1}` } }),
          el('span', { class: 'hit-bm25', text: `BM25 ${hit.bm25Rank}`, attrs: { title: 'place in the BM25 ranking' } }),
          el('span', { class: `move move-${move.kind}`, text: move.text, attrs: { title: `${move.label} from BM25`, 'aria-label': `${move.label} from BM25` } }),
        ),
        el('div', { class: 'hit-body' }, el('p', { class: 'hit-doc', text: hit.docName, attrs: { 'data-testid': 'hit-doc' } }), text, more),
        el('span', { class: 'hit-score score', text: formatScore(score), attrs: { title: 'rerank score (logit)' } }),
      );
    }),
  );
}

/** The documents of the corpus, each with a Delete button that calls `onDelete(id)`. */
export function renderDocs(list: HTMLUListElement, docs: readonly DocInfo[], onDelete: (doc: DocInfo) => void): void {
  list.replaceChildren(
    ...docs
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((doc) => {
        const remove = el('button', { class: 'button link', text: 'Delete', attrs: { type: 'button', 'aria-label': `Delete ${doc.name}`, 'data-testid': 'search-doc-delete' } });
        remove.addEventListener('click', () => onDelete(doc));
        return el(
          'li',
          { class: 'search-doc', attrs: { 'data-testid': 'search-doc', 'data-name': doc.name } },
          el('span', { class: 'search-doc-name', text: doc.name }),
          remove,
          el('span', { class: 'muted search-doc-meta', text: `${plural(doc.passages, 'passage')} · ${formatChars(doc.chars)}` }),
        );
      }),
  );
}

function formatChars(n: number): string {
  return n < 1000 ? plural(n, 'character') : `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k characters`;
}
