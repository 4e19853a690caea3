// The app both browser fixtures build (consumers/vite-app, consumers/webpack-app): what a user
// writes after `npm i @webrerank/core`. It ranks passages with the generated tiny test model,
// served by the app itself under /hub in the Hugging Face hub's layout, and shows the result as
// JSON in #result with data-state="done" (or "error"), which consumers/_browser/check.mjs reads.
import { createReranker } from '@webrerank/core'

const QUERY = 'What do giant pandas eat?'
const PASSAGES = [
  'Giant pandas eat almost nothing but bamboo, up to 38 kg a day.',
  'The pandas library for Python offers DataFrame objects.',
  'Red pandas live in the eastern Himalayas.',
  'In zoos, giant pandas also get apples and carrots.',
  'Le panda géant se nourrit de bambou.',
]

async function main(output: HTMLElement) {
  const reranker = await createReranker({
    model: 'webrerank-test/tiny',
    host: `${location.origin}/hub`,
    dtype: 'fp32',
  })
  const ranked = await reranker.rank(QUERY, PASSAGES)
  const info = await reranker.info()
  await reranker.dispose()
  output.textContent = JSON.stringify({ query: QUERY, passages: PASSAGES, ranked, device: info.device, dtype: info.dtype, threads: info.threads }, null, 2)
  output.dataset.state = 'done'
}

const output = document.createElement('pre')
output.id = 'result'
output.dataset.state = 'loading'
document.querySelector<HTMLDivElement>('#app')!.replaceChildren(output)
main(output).catch((error: unknown) => {
  output.textContent = String(error)
  output.dataset.state = 'error'
})
