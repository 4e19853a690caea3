// The model and runtime pickers: their options, and the Settings they stand for.
import { DTYPES, type Dtype } from '@webrerank/core';
import { el } from './dom.js';
import type { Device, Settings } from './load.js';
import { CUSTOM, DEFAULT_MODEL, DTYPE_LABELS, MODELS, type HostKind } from './models.js';
import { restorePickers, type Pickers } from './saved-pickers.js';

/** Fills the model and dtype pickers, then puts back the values saved last time. */
export function fillPickers(p: Pickers): void {
  const group = (label: string, kind: 'test' | 'baai'): HTMLOptGroupElement =>
    el('optgroup', { attrs: { label } }, ...MODELS.filter((m) => m.group === kind).map((m) => el('option', { text: m.label, attrs: { value: m.value } })));
  p.model.replaceChildren(
    group('Test models, served by this app (random weights)', 'test'),
    group('BAAI rerankers, from huggingface.co', 'baai'),
    el('optgroup', { attrs: { label: 'Other' } }, el('option', { text: 'Another model id…', attrs: { value: CUSTOM } })),
  );
  p.model.value = DEFAULT_MODEL;
  p.dtype.replaceChildren(...(['auto', ...DTYPES] as const).map((d) => el('option', { text: DTYPE_LABELS[d] ?? d, attrs: { value: d } })));
  p.dtype.value = 'auto';
  restorePickers(p);
}

/** What the pickers ask for: a listed model, or the typed id on the chosen host. */
export function readSettings(p: Pickers): Settings {
  const choice = MODELS.find((m) => m.value === p.model.value);
  const model = choice ? choice.id : p.customId.value.trim();
  const host: HostKind = choice ? choice.host : p.customHost.value === 'local' ? 'local' : 'hub';
  return { model, host, device: p.device.value as Device, dtype: p.dtype.value as Dtype | 'auto' };
}
