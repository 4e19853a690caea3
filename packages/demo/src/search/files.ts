// Files the user dropped or picked (one by one or a whole folder) to documents for the index.
import type { DocKind, NewDoc } from './protocol.js';
import { htmlToText } from './html-text.js';

/** Files larger than this are skipped: 20 MB of text is about 5 million words. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const KINDS: Record<string, DocKind> = { txt: 'txt', text: 'txt', md: 'md', markdown: 'md', html: 'html', htm: 'html', xhtml: 'html' };

/** What a file is, by its extension, then its MIME type; undefined: not a kind Search mode reads. */
export function kindOf(name: string, type: string): DocKind | undefined {
  const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext !== undefined && KINDS[ext]) return KINDS[ext];
  if (type === 'text/html') return 'html';
  if (type === 'text/markdown') return 'md';
  if (type === 'text/plain') return 'txt';
  return undefined;
}

export interface ReadResult {
  docs: NewDoc[];
  /** Files left out, each with why (e.g. "report.pdf: PDF is not read (see docs/demo-search.md)"). */
  skipped: string[];
}

/** A file and the name it gets: its path inside a dropped folder, if it came in one. */
export interface NamedFile {
  file: File;
  path: string;
}

/** Reads the files Search mode can index; the rest are listed with a reason. */
export async function readFiles(files: Iterable<File | NamedFile>): Promise<ReadResult> {
  const docs: NewDoc[] = [];
  const skipped: string[] = [];
  for (const item of files) {
    const file = item instanceof File ? item : item.file;
    // A folder (picked or dropped) names files by their path inside it: two README.md stay apart.
    const name = item instanceof File ? item.webkitRelativePath || item.name : item.path;
    const kind = kindOf(name, file.type);
    if (kind === undefined) {
      skipped.push(`${name}: ${/\.pdf$/i.test(name) ? 'PDF is not read (see docs/demo-search.md)' : 'not a .txt, .md or .html file'}`);
      continue;
    }
    if (file.size > MAX_FILE_BYTES) {
      skipped.push(`${name}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      continue;
    }
    const raw = await file.text();
    const text = kind === 'html' ? htmlToText(raw) : raw;
    if (text.trim() === '') {
      skipped.push(`${name}: no text`);
      continue;
    }
    docs.push({ name, kind, text });
  }
  return { docs, skipped };
}

/**
 * What was dropped, folders walked: `dataTransfer.files` lists a dropped folder as one empty
 * entry, so the entries API (webkitGetAsEntry, in every current browser) reads inside it.
 */
export async function droppedFiles(data: DataTransfer): Promise<NamedFile[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...data.files].map((file) => ({ file, path: file.name }));
  const out: NamedFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, path: entry.fullPath.replace(/^\//, '') });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries gives at most 100 entries per call: read until it gives none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}
