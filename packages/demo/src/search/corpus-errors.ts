// Failures of the corpus (adding, deleting, storing documents) in words for people. The model's
// failures (loading, scoring) are the app's own (src/errors.ts): they name files and devices.
import { errorCode, type Explained } from '../errors.js';

export function explainCorpusError(error: unknown): Explained {
  const code = errorCode(error) ?? 'UNKNOWN';
  const detail = error instanceof Error ? error.message : String(error);
  const base = { code, detail, file: undefined };
  switch (code) {
    case 'QUOTA_EXCEEDED':
      return {
        ...base,
        title: 'This device refused to store more documents',
        hints: ['The documents stored before are kept, unchanged.', 'Delete some documents, clear a stored model (Stored on this device), or free disk space, then add them again.'],
      };
    case 'CACHE_UNAVAILABLE':
      return {
        ...base,
        title: 'The documents could not be stored on this device',
        hints: ['The browser blocks storage for this site (private mode or site settings).', 'The documents stored before, if any, are kept.'],
      };
    case 'WORKER_CRASHED':
      return { ...base, title: 'The search worker stopped', hints: ['This often means the browser ran out of memory: add fewer or smaller files at a time.'] };
    default:
      return { ...base, title: 'The documents could not be added', hints: ['Only .txt, .md and .html files are read.'] };
  }
}
