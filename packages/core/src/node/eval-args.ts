import type { ScoreCommand } from './cli-args.js';
import { count, measureList, MODEL_FLAGS, modelFlags, parseFlags, text, usage } from './cli-args.js';

/** `eval --beir`: the folder, the qrels split, the first stage, the depth and the output. */
export interface BeirSource {
  kind: 'beir';
  dir: string;
  split: string;
  /** The first-stage run; undefined: BM25 over the corpus. */
  run: string | undefined;
  topK: number;
  out: string;
  resume: boolean;
}

/** `eval --jsonl`: the seed's format. */
export interface JsonlSource {
  kind: 'jsonl';
  file: string;
}

/** A parsed `webrerank eval` command line: the model flags of `score`, and what to evaluate. */
export interface EvalCommand extends Omit<ScoreCommand, 'command' | 'input'> {
  command: 'eval';
  /** What to evaluate: a BEIR folder (with a first-stage run, or BM25) or the seed's jsonl file. */
  source: BeirSource | JsonlSource;
  /** Measure names as given; undefined: the default set. BEIR only. */
  measures: string[] | undefined;
  /** Where the score cache lives; undefined: no cache (--no-cache, and --jsonl, which has none). */
  cacheDir: string | undefined;
}

/** The default of --top-k: FlagEmbedding's and BEIR's rerank depth. */
export const DEFAULT_EVAL_TOP_K = 100;

/**
 * Parses `webrerank eval` arguments (after the command word). Exactly one of --beir and --jsonl;
 * the BEIR-only flags are refused with --jsonl, so a flag never goes silently unused.
 * `defaultCacheDir` is where the cache goes without --cache-dir.
 */
export function parseEval(args: readonly string[], defaultCacheDir: string): EvalCommand {
  const values = parseFlags(args, {
    ...MODEL_FLAGS,
    beir: { type: 'string' }, jsonl: { type: 'string' }, split: { type: 'string' }, run: { type: 'string' },
    'top-k': { type: 'string' }, out: { type: 'string' }, resume: { type: 'boolean' }, measures: { type: 'string' },
    'cache-dir': { type: 'string' }, 'no-cache': { type: 'boolean' },
  });
  const common = modelFlags(values);
  const beir = text(values.beir);
  const jsonl = text(values.jsonl);
  if ((beir === undefined) === (jsonl === undefined)) throw usage('eval takes one of --beir DIR and --jsonl FILE');
  if (values['no-cache'] === true && values['cache-dir'] !== undefined) throw usage('--no-cache and --cache-dir exclude each other');
  const cacheDir = values['no-cache'] === true ? undefined : text(values['cache-dir']) ?? defaultCacheDir;
  if (jsonl !== undefined) {
    const beirOnly = ['split', 'run', 'top-k', 'out', 'resume', 'measures', 'cache-dir', 'no-cache'].filter((flag) => values[flag] !== undefined);
    if (beirOnly.length > 0) throw usage(`--${beirOnly[0]!} is for --beir, not --jsonl`);
    return { command: 'eval', ...common, source: { kind: 'jsonl', file: jsonl }, measures: undefined, cacheDir: undefined };
  }
  const topK = count(values['top-k'], '--top-k') ?? DEFAULT_EVAL_TOP_K;
  if (topK < 1) throw usage(`--top-k must be at least 1, got ${topK}`);
  return {
    command: 'eval', ...common,
    source: {
      kind: 'beir', dir: beir!, split: text(values.split) ?? 'test', run: text(values.run), topK,
      out: text(values.out) ?? 'reranked.run', resume: values.resume === true,
    },
    measures: measureList(text(values.measures)),
    cacheDir,
  };
}
