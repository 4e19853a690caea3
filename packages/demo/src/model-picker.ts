// The model, device and weights pickers and the reranker they describe, shared by the demo's
// pages (Rerank in app.ts, Evaluate in evaluate/): the same choices, the same defaults, the same
// remembered values, and one way to open the reranker.
import { createReranker, DTYPES, type BrowserReranker, type Dtype, type RerankerEvent, type RerankerInfo } from '@webrerank/core';
import { el } from './dom.js';
import type { ErrorContext } from './errors.js';
import { CUSTOM, DEFAULT_MODEL, DTYPE_LABELS, hostUrl, MODELS, type HostKind } from './models.js';
import { deviceName } from './view/runtime.js';

export type Device = 'auto' | 'webgpu' | 'wasm';

export interface Settings {
  model: string;
  host: HostKind;
  device: Device;
  dtype: Dtype | 'auto';
}

/** The controls a page shows for choosing the reranker. */
export interface ModelControls {
  model: HTMLSelectElement;
  customId: HTMLInputElement;
  customHost: HTMLSelectElement;
  device: HTMLSelectElement;
  dtype: HTMLSelectElement;
}

/** Same key, same reranker: a page reuses the one it loaded while the settings stay the same. */
export const keyOf = (s: Settings): string => JSON.stringify([s.model, s.host, s.device, s.dtype]);

/** Fills the model and weights pickers with their choices and the defaults. */
export function fillModelControls(c: ModelControls): void {
  const group = (label: string, kind: 'test' | 'baai'): HTMLOptGroupElement =>
    el('optgroup', { attrs: { label } }, ...MODELS.filter((m) => m.group === kind).map((m) => el('option', { text: m.label, attrs: { value: m.value } })));
  c.model.replaceChildren(
    group('Test models, served by this app (random weights)', 'test'),
    group('BAAI rerankers, from huggingface.co', 'baai'),
    el('optgroup', { attrs: { label: 'Other' } }, el('option', { text: 'Another model id…', attrs: { value: CUSTOM } })),
  );
  c.model.value = DEFAULT_MODEL;
  c.dtype.replaceChildren(...(['auto', ...DTYPES] as const).map((d) => el('option', { text: DTYPE_LABELS[d] ?? d, attrs: { value: d } })));
  c.dtype.value = 'auto';
}

/** What the pickers say now. */
export function readSettings(c: ModelControls): Settings {
  const choice = MODELS.find((m) => m.value === c.model.value);
  const model = choice ? choice.id : c.customId.value.trim();
  const host: HostKind = choice ? choice.host : c.customHost.value === 'local' ? 'local' : 'hub';
  return { model, host, device: c.device.value as Device, dtype: c.dtype.value as Dtype | 'auto' };
}

/** What an error message says was asked for: the picked model, host, device and weights. */
export function errorContextOf(s: Settings): ErrorContext {
  return { model: s.model || 'the model', host: s.host, device: deviceName(s.device), dtype: s.dtype };
}

/**
 * Creates the reranker (in the library's worker) and reads its info(). A reranker whose info()
 * fails, or whose load was cancelled meanwhile, is disposed before this rejects.
 */
export async function openReranker(
  settings: Settings,
  signal: AbortSignal,
  onEvent: (event: RerankerEvent) => void,
): Promise<{ reranker: BrowserReranker; info: RerankerInfo }> {
  const host = hostUrl(settings.host);
  const reranker = await createReranker({
    model: settings.model,
    ...(host !== undefined ? { host } : {}),
    device: settings.device,
    dtype: settings.dtype,
    signal,
    onEvent,
  });
  try {
    const info = await reranker.info();
    if (signal.aborted) throw Object.assign(new Error('loading was cancelled'), { code: 'ABORTED' });
    return { reranker, info };
  } catch (error) {
    await reranker.dispose().catch(() => undefined);
    throw error;
  }
}
