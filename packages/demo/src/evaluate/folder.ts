// Picking a BEIR folder: with the File System Access API's directory picker where the browser has
// one (Chromium), else with <input type=file webkitdirectory> (every current browser). Either way
// the page gets File objects, which are read lazily: nothing is loaded until the evaluation
// streams it, so a corpus of gigabytes costs nothing to pick.

/** The folder's files by path relative to the folder (`corpus.jsonl`, `qrels/test.tsv`). */
export type FolderFiles = Map<string, File>;

export interface PickedFolder {
  name: string;
  files: FolderFiles;
}

// What the File System Access API adds to the DOM types (TypeScript's lib has the handles but
// not the picker nor the async iteration of a directory).
interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
type DirectoryPicker = (options?: { id?: string; mode?: 'read' }) => Promise<DirectoryHandle>;

/** The browser's directory picker, when it has one. */
export function directoryPicker(): DirectoryPicker | undefined {
  const picker = (window as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(window) : undefined;
}

// A BEIR folder keeps what matters at its top and in qrels/; deeper folders are not looked at,
// so picking a folder of many datasets by mistake does not walk them all.
const MAX_DEPTH = 2;

/** Opens the directory picker; undefined when the user closed it without choosing. */
export async function pickWithDirectoryPicker(picker: DirectoryPicker): Promise<PickedFolder | undefined> {
  let root: DirectoryHandle;
  try {
    root = await picker({ id: 'webrerank-beir', mode: 'read' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    throw error;
  }
  const files: FolderFiles = new Map();
  const walk = async (dir: DirectoryHandle, prefix: string, depth: number): Promise<void> => {
    for await (const entry of dir.values()) {
      if (entry.kind === 'file') files.set(`${prefix}${entry.name}`, await entry.getFile());
      else if (depth < MAX_DEPTH) await walk(entry, `${prefix}${entry.name}/`, depth + 1);
    }
  };
  await walk(root, '', 1);
  return { name: root.name, files };
}

/** The files of a webkitdirectory input: their webkitRelativePath starts with the folder's name. */
export function fromDirectoryInput(list: FileList): PickedFolder | undefined {
  const files: FolderFiles = new Map();
  let name = '';
  for (const file of list) {
    const parts = (file.webkitRelativePath || file.name).split('/');
    name ||= parts.length > 1 ? (parts[0] as string) : '';
    const path = parts.length > 1 ? parts.slice(1) : parts;
    if (path.length <= MAX_DEPTH) files.set(path.join('/'), file);
  }
  return files.size > 0 ? { name: name || 'folder', files } : undefined;
}

/** The files of a BEIR folder the evaluation needs, and the choices it offers. */
export interface BeirFiles {
  corpus: File | undefined;
  queries: File | undefined;
  /** qrels/*.tsv by split name (test, dev, train), test first. */
  qrels: Map<string, File>;
  /** Files that may be a first-stage TREC run: everything else that is not plainly something else. */
  runs: Map<string, File>;
}

const NOT_A_RUN = /(^|\/)\.|\.(jsonl|json|md|zip|gz|tar|py|ipynb|html|csv)$/i;

export function beirFiles(files: FolderFiles): BeirFiles {
  const qrels = new Map<string, File>();
  const runs = new Map<string, File>();
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const split = /^qrels\/([^/]+)\.tsv$/.exec(path)?.[1];
    if (split !== undefined) qrels.set(split, file);
    else if (!path.startsWith('qrels/') && !NOT_A_RUN.test(path)) runs.set(path, file);
  }
  // BEIR evaluates on test; offer it first.
  const test = qrels.get('test');
  const ordered = new Map(test ? [['test', test], ...[...qrels].filter(([k]) => k !== 'test')] : qrels);
  return { corpus: files.get('corpus.jsonl'), queries: files.get('queries.jsonl'), qrels: ordered, runs };
}

/** What a BEIR folder lacks, in words; empty when it has everything. */
export function missingParts(beir: BeirFiles, hasRun: boolean): string[] {
  const missing: string[] = [];
  if (!beir.corpus) missing.push('corpus.jsonl');
  if (!beir.queries) missing.push('queries.jsonl');
  if (beir.qrels.size === 0) missing.push('qrels/test.tsv');
  if (!hasRun) missing.push('a first stage (a TREC run file, or BM25)');
  return missing;
}
