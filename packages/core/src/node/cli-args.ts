import { parseArgs } from 'node:util';
import type { RerankerKind, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import { isDtype, type Dtype } from '../model/dtype.js';
import { RERANKER_KINDS } from '../model/model-kind.js';
import type { NodeBackend } from './load-node.js';

/** A parsed `webrerank score` command line. */
export interface ScoreCommand {
  command: 'score';
  model: string;
  input: string;
  dtype: Dtype | 'auto';
  backend: NodeBackend;
  /** Overrides the model kind config.json implies. */
  kind: RerankerKind | undefined;
  threads: number;
  options: ScoreOptions;
}

/** A parsed `webrerank rank` command line: the model flags of `score`, a query and documents. */
export interface RankCommand extends Omit<ScoreCommand, 'command' | 'input'> {
  command: 'rank';
  query: string;
  /** A JSON lines file of documents (strings or objects), or `-` for stdin. */
  docs: string;
  topK: number | undefined;
  rankFields: string[] | undefined;
  returnDocuments: boolean;
  /** A cascade: the first stage's layer (layerwise) or model folder, and how many it passes on. */
  cascade: { topN: number; cutoffLayers: number } | { topN: number; model: string } | undefined;
}

/** A parsed `webrerank metrics` command line: trec_eval's measures of a run against qrels. */
export interface MetricsCommand {
  command: 'metrics';
  qrels: string;
  run: string;
  perQuery: boolean;
  /** Measure names as given; checked by parseMeasures. Undefined: the default set. */
  measures: string[] | undefined;
}

export type Command = ScoreCommand | RankCommand | MetricsCommand;

export const USAGE = `usage: webrerank score --model <folder-or-url> --input <file.jsonl | -> [options]
       webrerank rank --model <folder-or-url> --query Q --docs <file.jsonl | -> [--top-k K] [options]
       webrerank metrics --qrels QRELS --run RUN [--per-query] [--measures M[,M...]]
       webrerank eval --model <folder-or-url> --beir DIR [--run RUN] [--top-k 100] [--out reranked.run] [--resume] [options]
       webrerank eval --model <folder-or-url> --jsonl FILE [options]

score reads JSON lines {"query": "...", "passage": "..."} and prints one JSON array of scores
(layerwise models with several --cutoff-layers: one array per layer, [[...], [...]]).
rank reads JSON lines of documents (a JSON string, or an object: its "text", or its
--rank-fields as "field: value" lines) and prints the ranking, best first: [{"index", "score"}].
metrics reads TREC qrels (qid iter docno rel) and a TREC run (qid Q0 docno rank score tag) and
prints trec_eval's measures in its format, "name<TAB>qid|all<TAB>value", with its conventions.
eval --beir reranks each query's top-k of a first-stage run (BM25 without --run), writes the
reranked TREC run and prints the measures before and after side by side; eval --jsonl ranks
each line's pos and neg ({"query", "pos": [...], "neg": [...]}) and prints MRR@10, nDCG@10,
Recall@1 and the mean margin. Progress goes to stderr; Ctrl-C leaves a checkpoint (--resume).

  --per-query                metrics: each query's lines before the "all" lines (trec_eval -q)
  --measures M[,M...]        metrics, eval: num_q, num_ret, num_rel, num_rel_ret, map, Rprec, recip_rank,
                             ndcg, P_k, recall_k, ndcg_cut_k (default: all of those at
                             P 5,10,20,100, recall 10,100,1000, ndcg_cut 5,10,20,100)

  --top-k K                  rank: keep the best K; eval: rerank the first stage's best K (default 100)
  --beir DIR                 eval: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv)
  --split NAME               eval: the qrels file qrels/NAME.tsv (default test)
  --run RUN                  eval: the first-stage TREC run (default: BM25 over the corpus)
  --out FILE                 eval: the reranked run (default reranked.run)
  --resume                   eval: continue the run that FILE.checkpoint.json describes
  --jsonl FILE               eval: the seed's format, one {"query", "pos", "neg", "prompt"?} a line
  --cache-dir DIR            eval: score cache (default $XDG_CACHE_HOME/webrerank/scores or ~/.cache/...)
  --no-cache                 eval: neither read nor write the score cache
  --rank-fields F[,F...]     rank: object fields that make the passage, in order
  --return-documents         rank: include each document in its result
  --cascade-top-n N          rank: a cascade; rescore only the first stage's best N, with
  --cascade-cutoff-layers K    a layerwise model's layer K as the cheap first stage, or
  --cascade-model M            another (smaller) model folder or URL as the first stage
  --truncate flagembedding|error  cut long pairs as FlagEmbedding (default) or refuse them

  --dtype fp32|fp16|q8|...   ONNX file to load (default: config.json's, else fp32)
  --normalize                sigmoid scores in [0, 1] instead of raw logits
  --max-length N             token budget of a pair (default 512)
  --query-max-length N       token budget of the query (default 3/4 of max-length)
  --batch-size N             pairs per run (default 128)
  --max-batch-tokens N       padded tokens per run (default 2048)
  --query-instruction TEXT   put before each query (FlagReranker's query_instruction_for_rerank)
  --query-instruction-format F    Python format of instruction and query (default "{}{}")
  --passage-instruction TEXT put before each passage
  --passage-instruction-format F  Python format of instruction and passage (default "{}{}")
  --prompt TEXT              LLM rerankers: the question after the pair (default FlagEmbedding's)
  --cutoff-layers K[,K...]   layerwise rerankers: layers to score from (default the last)
  --kind cross-encoder|llm|layerwise   override the kind config.json's architectures imply
  --backend wasm|node        onnxruntime-web's WASM (default) or onnxruntime-node
  --threads N                WASM threads (default 1; more than the cores are capped, with a warning)
`;

/**
 * Parses argv (without node and the script). Throws INVALID_OPTION with the usage on mistakes.
 * `eval` has its own parser (eval-args.ts), built from the helpers exported here.
 */
export function parseCommand(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === 'metrics') return parseMetrics(rest);
  if (command !== 'score' && command !== 'rank') throw usage(command === undefined ? 'no command given' : `unknown command "${command}"`);
  const only = command === 'score'
    ? { input: { type: 'string' } } as const
    : { query: { type: 'string' }, docs: { type: 'string' }, 'top-k': { type: 'string' }, 'rank-fields': { type: 'string' }, 'return-documents': { type: 'boolean' },
      'cascade-top-n': { type: 'string' }, 'cascade-cutoff-layers': { type: 'string' }, 'cascade-model': { type: 'string' } } as const;
  const values = parseFlags(rest, { ...MODEL_FLAGS, ...only });
  const common = modelFlags(values);
  if (command === 'score') {
    if (typeof values.input !== 'string') throw usage('--input is required');
    return { command, input: values.input, ...common };
  }
  if (typeof values.query !== 'string') throw usage('--query is required');
  if (typeof values.docs !== 'string') throw usage('--docs is required');
  const rankFields = text(values['rank-fields']);
  return {
    command, query: values.query, docs: values.docs, ...common,
    topK: count(values['top-k'], '--top-k'),
    rankFields: rankFields === undefined ? undefined : rankFields.split(','),
    returnDocuments: values['return-documents'] === true,
    cascade: cascadeOf(values),
  };
}

/** parseArgs options of the model and scoring flags every scoring command takes. */
export const MODEL_FLAGS = {
  model: { type: 'string' }, dtype: { type: 'string' },
  normalize: { type: 'boolean' }, 'max-length': { type: 'string' }, 'query-max-length': { type: 'string' },
  'batch-size': { type: 'string' }, 'max-batch-tokens': { type: 'string' }, backend: { type: 'string' },
  threads: { type: 'string' }, 'query-instruction': { type: 'string' }, 'query-instruction-format': { type: 'string' },
  'passage-instruction': { type: 'string' }, 'passage-instruction-format': { type: 'string' },
  prompt: { type: 'string' }, 'cutoff-layers': { type: 'string' }, kind: { type: 'string' }, truncate: { type: 'string' },
} as const;

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/** parseArgs, strict, no positionals; a mistake is INVALID_OPTION with the usage. */
export function parseFlags(args: readonly string[], options: FlagSpec): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw usage((error as Error).message);
  }
}

/** The model, runtime and scoring options of parsed MODEL_FLAGS. */
export function modelFlags(values: Record<string, string | boolean | undefined>): Omit<ScoreCommand, 'command' | 'input'> {
  const model = values.model;
  if (typeof model !== 'string') throw usage('--model is required');
  const dtype = values.dtype ?? 'auto';
  if (dtype !== 'auto' && !isDtype(dtype)) throw usage(`--dtype ${String(dtype)} is not a known dtype`);
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'node') throw usage(`--backend must be wasm or node, got ${String(backend)}`);
  const kind = values.kind;
  if (kind !== undefined && !(RERANKER_KINDS as readonly unknown[]).includes(kind)) throw usage(`--kind must be ${RERANKER_KINDS.join(', ')}, got ${String(kind)}`);
  return {
    model,
    dtype,
    backend,
    kind: kind as RerankerKind | undefined,
    threads: count(values.threads, '--threads') ?? 1,
    options: {
      normalize: values.normalize === true ? true : undefined,
      maxLength: count(values['max-length'], '--max-length'),
      queryMaxLength: count(values['query-max-length'], '--query-max-length'),
      batchSize: count(values['batch-size'], '--batch-size'),
      maxBatchTokens: count(values['max-batch-tokens'], '--max-batch-tokens'),
      queryInstruction: text(values['query-instruction']),
      queryInstructionFormat: text(values['query-instruction-format']),
      passageInstruction: text(values['passage-instruction']),
      passageInstructionFormat: text(values['passage-instruction-format']),
      prompt: text(values.prompt),
      cutoffLayers: layers(values['cutoff-layers']),
      // Checked by the engine, like every score option.
      truncate: text(values.truncate) as ScoreOptions['truncate'],
    },
  };
}

// --cascade-top-n with exactly one first stage: a layer of this model, or another model.
function cascadeOf(values: Record<string, string | boolean | undefined>): RankCommand['cascade'] {
  const topN = count(values['cascade-top-n'], '--cascade-top-n');
  const cutoffLayers = count(values['cascade-cutoff-layers'], '--cascade-cutoff-layers');
  const model = text(values['cascade-model']);
  if (topN === undefined) {
    if (cutoffLayers !== undefined || model !== undefined) throw usage('--cascade-cutoff-layers and --cascade-model need --cascade-top-n');
    return undefined;
  }
  if ((cutoffLayers === undefined) === (model === undefined)) throw usage('--cascade-top-n needs one first stage: --cascade-cutoff-layers K (layerwise) or --cascade-model M');
  return cutoffLayers === undefined ? { topN, model: model as string } : { topN, cutoffLayers };
}

function parseMetrics(args: readonly string[]): MetricsCommand {
  const values = parseFlags(args, { qrels: { type: 'string' }, run: { type: 'string' }, 'per-query': { type: 'boolean' }, measures: { type: 'string' } });
  if (typeof values.qrels !== 'string') throw usage('--qrels is required');
  if (typeof values.run !== 'string') throw usage('--run is required');
  const measures = text(values.measures);
  return {
    command: 'metrics', qrels: values.qrels, run: values.run, perQuery: values['per-query'] === true,
    measures: measureList(measures),
  };
}

/** `--measures a,b` as names; undefined when absent. */
export function measureList(measures: string | undefined): string[] | undefined {
  return measures === undefined ? undefined : measures.split(',').map((m) => m.trim()).filter((m) => m !== '');
}

// Range checks happen in the engine, so the CLI and the API reject the same values the same way.
export function count(value: string | boolean | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw usage(`${flag} takes an integer, got ${String(value)}`);
  return Number(value);
}

// "4" is one layer (a flat array comes out), "2,4" a list (one array per layer).
function layers(value: string | boolean | undefined): number | number[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+(,-?\d+)*$/.test(value.replace(/\s+/g, ''))) {
    throw usage(`--cutoff-layers takes layer numbers separated by commas, got ${String(value)}`);
  }
  const list = value.replace(/\s+/g, '').split(',').map(Number);
  return list.length === 1 ? list[0] : list;
}

export function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function usage(problem: string): RerankerError {
  return new RerankerError('INVALID_OPTION', `${problem}\n\n${USAGE}`);
}
