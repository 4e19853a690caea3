// The sample corpus: this project's own documentation (MIT, ours), bundled at build time as text
// in a chunk of its own, fetched only when someone asks for it (and precached for offline use
// like every chunk of the build).
import type { NewDoc } from './protocol.js';

/** The sample documents, named by their path in the repository. */
export async function sampleCorpus(): Promise<NewDoc[]> {
  const { SAMPLE_DOCS } = await import('./sample-docs.js');
  return Object.entries(SAMPLE_DOCS).map(([name, text]) => ({ name, kind: 'sample', text }));
}
