// Saves text as a file the browser downloads, without a server: a Blob URL on a temporary link.
// The run is kept as a Blob (parts, not one big string), so a run of 5,000 queries × 100 lines
// is held once.

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; revoke it after this task, not before.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `scifact` + `bm25.run` → `scifact.bm25.reranked.run`: says where it came from. */
export function rerankedName(folder: string, runPath: string): string {
  const run = (runPath.split('/').pop() ?? 'run').replace(/\.(run|trec|txt|res|tsv)$/i, '');
  const safe = (s: string): string => s.replace(/[^\w.-]+/g, '_');
  return `${safe(folder)}.${safe(run)}.reranked.run`;
}
