// What actually runs: device, weights, threads, why other options were passed over, warnings,
// and the load timings, from info() and the library's events.
import type { RerankerInfo, WarningEvent } from '@webrerank/core';
import { el } from '../dom.js';
import { formatBytes, formatMs, plural } from '../format.js';

const DEVICE_NAMES: Record<string, string> = { webgpu: 'WebGPU', wasm: 'WASM' };

export function deviceName(device: string): string {
  return DEVICE_NAMES[device] ?? device;
}

function dl(entries: [string, string | Node][]): HTMLDListElement {
  return el('dl', { class: 'facts' }, ...entries.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, value)]));
}

export function renderRuntime(target: HTMLElement, info: RerankerInfo, warnings: readonly WarningEvent[]): void {
  const fromCache = info.files.filter((f) => f.from === 'cache').length;
  const bytes = info.files.reduce((sum, f) => sum + f.bytes, 0);
  const source =
    fromCache === info.files.length ? 'all from this device' : fromCache === 0 ? 'downloaded' : `${fromCache} of ${info.files.length} from this device`;
  const threads = info.device === 'wasm' ? plural(info.threads, 'thread') : `${plural(info.threads, 'thread')} for WASM (the model runs on the GPU)`;

  const rejected = info.rejected.length
    ? el(
        'ul',
        { class: 'reasons', attrs: { 'data-testid': 'rejected' } },
        ...info.rejected.map((r) =>
          el('li', {}, el('strong', { text: `${deviceName(r.device)}${r.dtype ? ` ${r.dtype}` : ''}` }), `: ${r.reason}`),
        ),
      )
    : el('p', { class: 'muted', text: 'Nothing: the first choice worked.' });

  target.replaceChildren(
    el(
      'p',
      { class: 'runtime-line', attrs: { 'data-testid': 'runtime-summary', 'data-device': info.device, 'data-dtype': info.dtype, 'data-threads': String(info.threads) } },
      el('span', { class: 'chip', text: deviceName(info.device) }),
      el('span', { class: 'chip', text: info.dtype }),
      el('span', { class: 'chip', text: plural(info.threads, 'thread') }),
    ),
    dl([
      ['Model', info.model],
      ['Device', `${deviceName(info.device)}, ${info.dtype} weights, ${threads}`],
      ['Load', `${formatMs(info.timings.totalMs)} in all: files ${formatMs(info.timings.downloadMs)}, onnxruntime session ${formatMs(info.timings.sessionMs)}`],
      ['Files', `${plural(info.files.length, 'file')}, ${formatBytes(bytes)}, ${source}`],
    ]),
    el('h3', { text: 'Not used, and why' }),
    rejected,
    ...(warnings.length
      ? [el('h3', { text: 'Notes' }), el('ul', { class: 'reasons' }, ...warnings.map((w) => el('li', { text: w.message })))]
      : []),
  );
}
