// A page using both adapters with the browser reranker (createReranker, in a Web Worker): a
// LangChain ContextualCompressionRetriever and a LlamaIndex RetrieverQueryEngine rerank the same
// passages. It shows what each returned, beside the reranker's own rank(), as JSON in #result
// with data-state="done" (or "error"); consumers/_browser/check.mjs compares them.
import { ContextualCompressionRetriever } from '@langchain/classic/retrievers/contextual_compression'
import { Document } from '@langchain/core/documents'
import { BaseRetriever as LangChainRetriever } from '@langchain/core/retrievers'
import { MockLLM } from '@llamaindex/core/llms/mock'
import { createReranker, RerankerError } from '@webrerank/core'
import { WebrerankCompressor } from '@webrerank/langchain'
import { WebrerankPostprocessor } from '@webrerank/llamaindex'
import { BaseRetriever as LlamaRetriever, MetadataMode, RetrieverQueryEngine, TextNode, getResponseSynthesizer, type NodeWithScore } from 'llamaindex'

const QUERY = 'What do giant pandas eat?'
const PASSAGES = [
  'Giant pandas eat almost nothing but bamboo, up to 38 kg a day.',
  'The pandas library for Python offers DataFrame objects.',
  'Red pandas live in the eastern Himalayas.',
  'In zoos, giant pandas also get apples and carrots.',
  'Le panda géant se nourrit de bambou.',
]
const TOP = 3

class ListRetriever extends LangChainRetriever {
  lc_namespace = ['consumer']
  override async _getRelevantDocuments(): Promise<Document[]> {
    return PASSAGES.map((text, i) => new Document({ pageContent: text, metadata: { index: i } }))
  }
}

class NodeRetriever extends LlamaRetriever {
  async _retrieve(): Promise<NodeWithScore[]> {
    return PASSAGES.map((text, i) => ({ node: new TextNode({ text, id_: String(i) }), score: 0 }))
  }
}

async function main(output: HTMLElement) {
  const reranker = await createReranker({ model: 'webrerank-test/tiny', host: `${location.origin}/hub`, dtype: 'fp32' })
  const ranked = await reranker.rank(QUERY, PASSAGES)

  const retriever = new ContextualCompressionRetriever({
    baseCompressor: new WebrerankCompressor({ reranker, topK: TOP }),
    baseRetriever: new ListRetriever(),
  })
  const langchain = (await retriever.invoke(QUERY)).map((d) => ({ index: d.metadata.index as number, score: d.metadata.relevanceScore as number }))

  const engine = new RetrieverQueryEngine(
    new NodeRetriever(),
    getResponseSynthesizer('compact', { llm: new MockLLM({ timeBetweenToken: 0 }) }),
    [new WebrerankPostprocessor({ reranker, topN: TOP, metadataMode: MetadataMode.NONE })],
  )
  const response = await engine.query({ query: QUERY })
  const llamaindex = (response.sourceNodes ?? []).map((n) => ({ index: Number(n.node.id_), score: n.score }))

  // Bad input: the RerankerError class of the page's @webrerank/core, with its code.
  const errors = await Promise.all([
    new WebrerankCompressor({ reranker }).compressDocuments([{ metadata: {} } as unknown as Document], QUERY),
    new WebrerankPostprocessor({ reranker }).postprocessNodes([]),
  ].map((call) => call.then(() => 'resolved', (e: unknown) => (e instanceof RerankerError ? e.code : String(e)))))

  const info = await reranker.info()
  await reranker.dispose()
  output.textContent = JSON.stringify({
    query: QUERY, passages: PASSAGES, ranked, device: info.device, dtype: info.dtype, threads: info.threads,
    adapters: { top: TOP, langchain, llamaindex, errors },
  }, null, 2)
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
