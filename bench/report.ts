// Result records of the benchmark, their summary statistics and the markdown table.
import type { LongTaskSummary } from '../e2e/harness/bench.js';
import type { RunShape } from '../e2e/harness/bench-trace.js';

/** The systems of a run; option variants of (a) are `webrerank:<label>`. */
export const SYSTEM_KEYS = ['webrerank', 'tjs-8', 'tjs-8-threads', 'tjs-all', 'ort-node', 'ort-web-node'] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number] | `webrerank:${string}`;

export interface RunRecord {
  ms: number;
  shapes: RunShape[];
  /** Time of each onnxruntime run (order of `shapes`), where the system reports it. */
  runMs?: number[];
  /** Non-padding tokens of the call (the pairs' lengths). */
  realTokens: number;
  /** What the model computed: sum of batch × padded length over the runs. */
  computedTokens: number;
  longTasks?: LongTaskSummary;
  /** The machine's 1-minute load average when the run ended (other processes share the cores). */
  loadAverage1m?: number | undefined;
}

export interface LoadRecord {
  /** Wall time of the load call (fetch or disk read + tokenizer + session). */
  ms: number;
  /** onnxruntime session creation from bytes already in memory, where the system reports it. */
  sessionMs?: number;
  downloadMs?: number;
  detail?: Record<string, unknown>;
}

export interface SystemResult {
  key: SystemKey;
  label: string;
  how: string;
  load?: LoadRecord;
  /** (a) only: a second createReranker, weights from IndexedDB. */
  warmStart?: LoadRecord;
  warmup?: RunRecord;
  runs: RunRecord[];
  error?: string;
  /**
   * Read right after the first timed run (the peak: every run is the same call): the WASM heap
   * of the runtime (browser: the reranker worker's for (a), the page's for (b); a heap never
   * shrinks) and, in Node, the process's maxRSS.
   */
  memory?: MemoryReading;
  /** The same, read right after the load. */
  memoryAfterLoad?: MemoryReading;
  /** Top-3 passage indices of the first timed run (a sanity check across systems). */
  top3?: number[];
  summary?: Summary;
}

export interface MemoryReading { wasmHeapBytes?: number; maxRssBytes?: number }

export interface Summary {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  pairsPerSec: number;
  realTokensPerSec: number;
  computedTokensPerSec: number;
  paddingEfficiency: number;
  longTasks?: LongTaskSummary;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function computedTokens(shapes: readonly RunShape[]): number {
  return shapes.reduce((sum, [batch, length]) => sum + batch * length, 0);
}

export function summarize(runs: readonly RunRecord[], pairs: number): Summary | undefined {
  if (runs.length === 0) return undefined;
  const ms = runs.map((r) => r.ms);
  const medianMs = median(ms);
  const first = runs[0] as RunRecord;
  const longTasks = runs.every((r) => r.longTasks) ? {
    count: median(runs.map((r) => r.longTasks?.count ?? 0)),
    totalMs: median(runs.map((r) => r.longTasks?.totalMs ?? 0)),
    maxMs: Math.max(...runs.map((r) => r.longTasks?.maxMs ?? 0)),
    maxTimerGapMs: Math.max(...runs.map((r) => r.longTasks?.maxTimerGapMs ?? 0)),
  } : undefined;
  return {
    runs: runs.length,
    medianMs,
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    pairsPerSec: pairs / (medianMs / 1000),
    realTokensPerSec: first.realTokens / (medianMs / 1000),
    computedTokensPerSec: first.computedTokens / (medianMs / 1000),
    paddingEfficiency: first.realTokens / first.computedTokens,
    ...(longTasks ? { longTasks } : {}),
  };
}

const seconds = (ms: number): string => (ms >= 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2));
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

/** One markdown table per dtype; ratios are each system's median time over webrerank's. */
export function markdownTable(dtype: string, results: readonly SystemResult[]): string {
  const wr = results.find((r) => r.key === 'webrerank')?.summary;
  const lines = [
    `**${dtype}**`,
    '',
    '| system | median s (runs) | × webrerank time | pairs/s | tokens/s | computed tok/s | padding eff. | load s (session s) | memory peak (WASM heap; Node RSS) | page main thread blocked, longest |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const s = r.summary;
    const load = r.load ? `${seconds(r.load.ms)}${r.load.sessionMs === undefined ? '' : ` (${seconds(r.load.sessionMs)})`}` : '–';
    const warm = r.warmStart ? `; IDB warm start ${seconds(r.warmStart.ms)}` : '';
    const memory = [
      r.memory?.wasmHeapBytes ? `heap ${mib(r.memory.wasmHeapBytes)}` : '',
      r.memory?.maxRssBytes ? `RSS ${mib(r.memory.maxRssBytes)}` : '',
    ].filter(Boolean).join(', ') || '–';
    const lt = s?.longTasks ? `${seconds(s.longTasks.maxTimerGapMs)} s (${s.longTasks.count} long tasks)` : '–';
    if (!s) {
      lines.push(`| ${r.label} | ${r.error ? `failed: ${r.error.slice(0, 120).replaceAll('|', '/')}` : 'not run'} | | | | | | ${load}${warm} | ${memory} | |`);
      continue;
    }
    const ratio = wr ? (s.medianMs / wr.medianMs).toFixed(2) : '–';
    const spread = s.runs > 1 ? `, ${seconds(s.minMs)}–${seconds(s.maxMs)}` : '';
    lines.push(
      `| ${r.label} | ${seconds(s.medianMs)} (${s.runs}${spread}) | ${ratio} | ${s.pairsPerSec.toFixed(2)} | ${Math.round(s.realTokensPerSec)} | ${Math.round(s.computedTokensPerSec)} | ${(s.paddingEfficiency * 100).toFixed(0)} % | ${load}${warm} | ${memory} | ${lt} |`,
    );
  }
  return lines.join('\n');
}
