// A Node script: a local model folder, scores and rank.
import { loadReranker, type NodeLoadOptions } from '@webrerank/core/node';

const threads = process.env['THREADS'] === undefined ? undefined : Number(process.env['THREADS']);
const options: NodeLoadOptions = { dtype: 'auto', threads, onWarning: undefined };

// @ts-expect-error backend is 'wasm' or 'node' (also proves the types resolved)
void loadReranker('./model', { backend: 'cuda' });

export async function main(folder: string): Promise<void> {
  const reranker = await loadReranker(folder, options);
  const one: number = await reranker.computeScore(['what is panda?', 'The giant panda is a bear.']);
  const many: number[] = await reranker.computeScore([['q', 'p1'], ['q', 'p2']], { normalize: true, maxLength: undefined });
  const ranked = await reranker.rank('what is panda?', ['a bear', 'a fruit'], { topK: 1 });
  console.log(one, many, ranked[0]?.index, ranked[0]?.score);
  await reranker.dispose();
}
