// The error panel: a title in words, what to try, and the code with the raw detail folded away.
import { el } from '../dom.js';
import type { Explained } from '../errors.js';

export function renderError(box: HTMLElement, explained: Explained): void {
  box.dataset.code = explained.code;
  box.replaceChildren(
    el('h2', { text: explained.title }),
    el('ul', { class: 'hints' }, ...explained.hints.map((hint) => el('li', { text: hint }))),
    el('details', {}, el('summary', { text: 'Details' }), el('p', { class: 'mono', text: `${explained.code}: ${explained.detail}` })),
  );
  box.hidden = false;
}

export function clearError(box: HTMLElement): void {
  box.hidden = true;
  box.replaceChildren();
  delete box.dataset.code;
}
