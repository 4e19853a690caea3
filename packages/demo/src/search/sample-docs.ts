// The texts of the sample corpus (imported lazily by sample-corpus.ts, so they make a chunk of
// their own that the page loads only when asked).
import readme from '../../../../README.md?raw';
import coreReadme from '../../../core/README.md?raw';
import exportDoc from '../../../../docs/export.md?raw';
import llmRerankers from '../../../../docs/llm-rerankers.md?raw';
import performance from '../../../../docs/performance.md?raw';

export const SAMPLE_DOCS: Record<string, string> = {
  'README.md': readme,
  'packages/core/README.md': coreReadme,
  'docs/export.md': exportDoc,
  'docs/llm-rerankers.md': llmRerankers,
  'docs/performance.md': performance,
};
