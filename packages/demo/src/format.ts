// Number and text formatting for the page.

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit] as string}`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A score for display: 4 decimals, with a real minus sign. */
export function formatScore(value: number): string {
  return value.toFixed(4).replace('-', '−');
}

/** How far a passage moved: input position minus rank (both 0-based); positive moved up. */
export function formatMove(move: number): { text: string; label: string; kind: 'up' | 'down' | 'same' } {
  if (move > 0) return { text: `▲${move}`, label: `moved up ${move} ${move === 1 ? 'place' : 'places'}`, kind: 'up' };
  if (move < 0) return { text: `▼${-move}`, label: `moved down ${-move} ${move === -1 ? 'place' : 'places'}`, kind: 'down' };
  return { text: '=', label: 'same place as in the input', kind: 'same' };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
