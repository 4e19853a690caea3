// The query and the passages survive a reload, in this browser only.
//
// localStorage rather than IndexedDB: it is synchronous, so the text is back in the fields
// before the first frame (no flash of an empty form, no race with the user typing while an
// async read is pending), and the text is small next to its quota (about 5 MB per origin in
// Chromium, i.e. a couple of million characters). IndexedDB holds the models; keeping the
// demo's own state out of it keeps that store the library's alone. Writes are debounced (a
// 100k-character paste is not rewritten on every key) and flushed when the page is hidden.
const INPUT_KEY = 'webrerank-demo:input';
const DEBOUNCE_MS = 300;

interface SavedInput { query?: unknown; passages?: unknown }

export interface InputFields {
  query: HTMLInputElement;
  passages: HTMLTextAreaElement;
}

/** Puts the saved text back; true when there was some. */
export function restoreInput(fields: InputFields): boolean {
  let saved: SavedInput;
  try {
    saved = JSON.parse(localStorage.getItem(INPUT_KEY) ?? '{}') as SavedInput;
  } catch {
    return false; // unreadable (private mode, or not JSON): start empty
  }
  if (typeof saved.query === 'string') fields.query.value = saved.query;
  if (typeof saved.passages === 'string') fields.passages.value = saved.passages;
  return typeof saved.query === 'string' || typeof saved.passages === 'string';
}

/** Saves now. False when the browser refused (quota, private mode): the text then lives only in the page. */
export function saveInput(fields: InputFields): boolean {
  try {
    if (fields.query.value === '' && fields.passages.value === '') localStorage.removeItem(INPUT_KEY);
    else localStorage.setItem(INPUT_KEY, JSON.stringify({ query: fields.query.value, passages: fields.passages.value }));
    return true;
  } catch {
    // Too big for the quota: drop the older copy rather than bring back stale text next time.
    try {
      localStorage.removeItem(INPUT_KEY);
    } catch {
      // storage unusable altogether
    }
    return false;
  }
}

/** Saves after typing pauses, and at once when the page is hidden (reload, tab closed). */
export function keepInput(fields: InputFields, onSaved: (ok: boolean) => void = () => undefined): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    onSaved(saveInput(fields));
  };
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };
  fields.query.addEventListener('input', later);
  fields.passages.addEventListener('input', later);
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && timer !== undefined) flush();
  });
  return flush;
}
