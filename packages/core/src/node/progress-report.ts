import cliProgress from 'cli-progress';
import type { EvalProgress } from '../eval/eval-progress.js';

/** Shows EvalProgress on stderr; `stop` leaves the last state on screen. */
export interface ProgressReport {
  update(progress: EvalProgress): void;
  stop(): void;
}

/**
 * Progress for people, on stderr (stdout carries the results). On a terminal, a cli-progress bar
 * redrawn in place, at most 5 times a second, with pairs/s and the ETA computed by the pipeline
 * (model-scored pairs only: cli-progress's own ETA would count cache hits as speed). Elsewhere
 * (a log file, CI) a redrawn bar is noise, so a plain line every `intervalMs` (default 10 s) and
 * one at the end.
 *
 * @example
 * const report = progressReport(process.stderr);
 * for await (const q of rerankRun(reranker, tasks, { passage, onProgress: (p) => report.update(p) })) write(q);
 * report.stop();
 */
export function progressReport(stream: NodeJS.WriteStream, options: { intervalMs?: number; now?: () => number } = {}): ProgressReport {
  return stream.isTTY ? barReport(stream) : lineReport(stream, options.intervalMs ?? 10_000, options.now ?? Date.now);
}

function barReport(stream: NodeJS.WriteStream): ProgressReport {
  const bar = new cliProgress.SingleBar({
    stream, fps: 5, hideCursor: true,
    format: 'eval |{bar}| {percentage}% | {value}/{total} pairs | {queries} queries | {rate} pairs/s | ETA {etaText}',
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(progress) {
      const payload = { queries: `${progress.queriesDone}/${progress.queriesTotal}`, rate: progress.pairsPerSecond.toFixed(1), etaText: duration(progress.etaSeconds) };
      if (!started) {
        bar.start(progress.pairsTotal, progress.pairsDone, payload);
        started = true;
      } else bar.update(progress.pairsDone, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function lineReport(stream: NodeJS.WriteStream, intervalMs: number, now: () => number): ProgressReport {
  let last: EvalProgress | undefined;
  let printedAt = -Infinity;
  let printed: EvalProgress | undefined;
  const print = (progress: EvalProgress): void => {
    printed = progress;
    printedAt = now();
    stream.write(`webrerank: eval: ${describeProgress(progress)}\n`);
  };
  return {
    update(progress) {
      last = progress;
      if (now() - printedAt >= intervalMs) print(progress);
    },
    stop() {
      if (last && last !== printed) print(last);
    },
  };
}

/** `1200/50000 pairs (2.4%), 12/500 queries, 95.1 pairs/s, ETA 8m33s`. */
export function describeProgress(progress: EvalProgress): string {
  const percent = progress.pairsTotal === 0 ? 100 : (100 * progress.pairsDone) / progress.pairsTotal;
  return `${progress.pairsDone}/${progress.pairsTotal} pairs (${percent.toFixed(1)}%), ${progress.queriesDone}/${progress.queriesTotal} queries, `
    + `${progress.pairsPerSecond.toFixed(1)} pairs/s, ETA ${duration(progress.etaSeconds)}`;
}

function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}
