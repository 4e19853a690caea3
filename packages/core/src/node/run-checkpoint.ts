import { closeSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { RerankerError } from '../errors.js';
import { parseRun } from '../eval/trec-files.js';

/** How often the checkpoint follows the run file. */
const CHECKPOINT_INTERVAL_MS = 1000;

/** What `<out>.checkpoint.json` records: which setup wrote the run, and how much of it is whole. */
interface CheckpointFile {
  version: 1;
  fingerprint: string;
  /** Bytes of the run file that hold whole queries; anything after them is cut on resume. */
  bytes: number;
  queries: number;
}

/**
 * The reranked run file, written one whole query at a time, with a checkpoint beside it
 * (`<out>.checkpoint.json`) that names the setup (`fingerprint`: model, options, top-k, first
 * stage) and the byte length of the whole queries written. Ctrl-C leaves both; `--resume` cuts
 * the run to that length (a query half written when the process died goes), skips the queries
 * in it and appends the rest, so the finished file is the one an uninterrupted run writes. The
 * checkpoint is deleted when the run is complete.
 */
export class RunWriter {
  readonly #path: string;
  readonly #checkpoint: string;
  readonly #fingerprint: string;
  readonly #fd: number;
  #bytes: number;
  #queries: number;
  #savedAt = 0;
  /** qids already in the file (a resumed run). */
  readonly done: ReadonlySet<string>;

  private constructor(path: string, fingerprint: string, fd: number, bytes: number, done: Set<string>) {
    this.#path = path;
    this.#checkpoint = `${path}.checkpoint.json`;
    this.#fingerprint = fingerprint;
    this.#fd = fd;
    this.#bytes = bytes;
    this.#queries = done.size;
    this.done = done;
  }

  /**
   * Opens `path` for a new run (emptied), or with `resume` continues the run its checkpoint
   * describes. Without a checkpoint, resume starts over (nothing was interrupted); a checkpoint
   * of another setup is INVALID_OPTION, since appending to it would mix two runs.
   */
  static open(path: string, fingerprint: string, resume: boolean): RunWriter {
    const checkpointPath = `${path}.checkpoint.json`;
    const checkpoint = resume ? readCheckpoint(checkpointPath) : undefined;
    if (checkpoint && checkpoint.fingerprint !== fingerprint) {
      throw new RerankerError('INVALID_OPTION', `${checkpointPath} was written by another setup (model files, options, --top-k or first stage): run without --resume to start over`);
    }
    let fd: number;
    try {
      fd = openSync(path, checkpoint ? 'r+' : 'w');
    } catch (error) {
      throw new RerankerError('INVALID_INPUT', `cannot open --out ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    let done = new Set<string>();
    if (checkpoint) {
      ftruncateSync(fd, checkpoint.bytes);
      done = new Set(parseRun(readFileSync(path, 'utf8'), path).keys());
      if (done.size !== checkpoint.queries) {
        closeSync(fd);
        throw new RerankerError('INVALID_INPUT', `${path} does not hold the ${checkpoint.queries} queries its checkpoint names: run without --resume to start over`);
      }
    }
    const writer = new RunWriter(path, fingerprint, fd, checkpoint?.bytes ?? 0, done);
    writer.#saveCheckpoint();
    return writer;
  }

  /**
   * Appends one whole query's lines. The checkpoint moves past them at most once a second (and
   * on close): a run of cached queries would otherwise spend more time renaming checkpoints than
   * scoring. A process killed outright loses at most that second's queries, which a resume
   * cuts off and redoes.
   */
  append(lines: string): void {
    const bytes = Buffer.from(lines, 'utf8');
    writeSync(this.#fd, bytes, 0, bytes.length, this.#bytes);
    this.#bytes += bytes.length;
    this.#queries += 1;
    if (Date.now() - this.#savedAt >= CHECKPOINT_INTERVAL_MS) this.#saveCheckpoint();
  }

  /** Closes the file: `complete` deletes the checkpoint (the run is whole), otherwise it is brought up to date. */
  close(complete: boolean): void {
    closeSync(this.#fd);
    if (complete) rmSync(this.#checkpoint, { force: true });
    else this.#saveCheckpoint();
  }

  get queries(): number {
    return this.#queries;
  }

  get path(): string {
    return this.#path;
  }

  #saveCheckpoint(): void {
    this.#savedAt = Date.now();
    const state: CheckpointFile = { version: 1, fingerprint: this.#fingerprint, bytes: this.#bytes, queries: this.#queries };
    // A rename is atomic: the checkpoint is always a whole file, old or new.
    writeFileSync(`${this.#checkpoint}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${this.#checkpoint}.tmp`, this.#checkpoint);
  }
}

function readCheckpoint(path: string): CheckpointFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let state: Partial<CheckpointFile> | null;
  try {
    state = JSON.parse(text) as Partial<CheckpointFile> | null;
  } catch {
    state = null;
  }
  if (state === null || state.version !== 1 || typeof state.fingerprint !== 'string' || !Number.isInteger(state.bytes) || !Number.isInteger(state.queries)) {
    throw new RerankerError('INVALID_INPUT', `${path} is not a checkpoint this version reads: run without --resume to start over`);
  }
  return state as CheckpointFile;
}
