// A passage in the ranking, clamped to a few lines (CSS line-clamp) with a Show all / Show less
// button: a 100,000-character passage rendered in full made a 47,000 px page. Expanded, it is
// still capped (a scrollable box, keyboard-focusable) so one passage never becomes the page.
import { el } from '../dom.js';

/** Input indices of the passages the user expanded; kept across re-renders of the same run. */
export type Expanded = Set<number>;

const collapsedLabel = (chars: number): string => `Show all (${chars.toLocaleString('en')} characters)`;

/** The passage text and its toggle; call `fitToggles` once the list is in the document. */
export function passageBlock(text: string, index: number, expanded: Expanded): HTMLElement {
  const id = `passage-text-${index}`;
  const open = expanded.has(index);
  const body = el('p', { class: `passage ${open ? 'expanded' : 'clamped'}`, text, attrs: { id, 'data-testid': 'passage-text' } });
  if (open) body.tabIndex = 0; // a scrollable box must be reachable by keyboard
  const toggle = el('button', {
    class: 'button link expand',
    text: open ? 'Show less' : collapsedLabel(text.length),
    attrs: { type: 'button', 'aria-controls': id, 'aria-expanded': String(open), 'data-testid': 'expand' },
  });
  toggle.addEventListener('click', () => {
    const nowOpen = !expanded.has(index);
    if (nowOpen) expanded.add(index);
    else expanded.delete(index);
    body.classList.toggle('expanded', nowOpen);
    body.classList.toggle('clamped', !nowOpen);
    if (nowOpen) body.tabIndex = 0;
    else body.removeAttribute('tabindex');
    toggle.setAttribute('aria-expanded', String(nowOpen));
    toggle.textContent = nowOpen ? 'Show less' : collapsedLabel(text.length);
    // Collapsing a long passage can leave its row above the screen: bring the row back.
    if (!nowOpen) toggle.scrollIntoView({ block: 'nearest' });
  });
  return el('div', { class: 'passage-block' }, body, toggle);
}

/**
 * Hides the toggle of every clamped passage that fits in its lines (known only after layout:
 * it depends on the column width). One forced layout for the whole list: reads after writes.
 */
export function fitToggles(list: HTMLElement): void {
  const blocks = Array.from(list.querySelectorAll<HTMLElement>('.passage-block'));
  const fits = blocks.map((block) => {
    const body = block.querySelector<HTMLElement>('.passage');
    return body !== null && body.classList.contains('clamped') && body.scrollHeight <= body.clientHeight + 1;
  });
  blocks.forEach((block, i) => {
    const toggle = block.querySelector<HTMLElement>('.expand');
    if (toggle) toggle.hidden = fits[i] === true;
  });
}
