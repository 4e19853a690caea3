// The "Stored on this device" panel.
import { el } from '../dom.js';
import { formatBytes, plural } from '../format.js';
import type { StoredModel } from '../cache.js';

export function renderCache(target: HTMLElement, model: string, stored: StoredModel | Error): void {
  if (stored instanceof Error) {
    target.dataset.cached = 'unknown';
    target.replaceChildren(el('p', { class: 'muted', text: `The model store cannot be read here (${stored.message}). Models will be downloaded each time.` }));
    return;
  }
  target.dataset.cached = String(stored.complete);
  const site =
    stored.originUsage !== undefined
      ? el('p', {
          class: 'muted',
          text: `This site stores ${formatBytes(stored.originUsage)} in all${
            stored.originQuota ? ` (the browser allows up to ${formatBytes(stored.originQuota)})` : ''
          }.`,
        })
      : null;
  if (!stored.complete) {
    target.replaceChildren(el('p', {}, el('strong', { text: model }), ': nothing stored yet. The first load downloads it and keeps it here for offline use.'), site ?? '');
    return;
  }
  const weights = stored.weights.map((w) => `${w.dtype}${w.bytes !== undefined ? ` (${formatBytes(w.bytes)})` : ''}`).join(', ');
  target.replaceChildren(
    el('p', {}, el('strong', { text: model }), `: stored, ready offline. Config, tokenizer and ${plural(stored.weights.length, 'weights file')}: ${weights}.`),
    ...[stored.knownBytes > 0 ? el('p', { text: `Size: ${formatBytes(stored.knownBytes)}.`, attrs: { 'data-testid': 'cache-size' } }) : null, site].filter(
      (node): node is HTMLParagraphElement => node !== null,
    ),
  );
}
