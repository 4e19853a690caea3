// Placeholder shell of the webrerank demo. The reranker UI (query, passages, scores) comes later;
// for now the page only proves it builds, runs under the strict CSP and is cross-origin isolated.
import './style.css';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

const app = document.querySelector<HTMLElement>('#app');
if (app === null) throw new Error('webrerank demo: #app element is missing');

app.replaceChildren(
  el('h1', 'webrerank'),
  el(
    'p',
    'On-device reranking with BAAI FlagEmbedding rerankers, right in your browser: the demo is coming soon.',
  ),
  el(
    'p',
    `Cross-origin isolated: ${self.crossOriginIsolated ? 'yes' : 'no'} (multi-threaded WebAssembly ${
      self.crossOriginIsolated ? 'available' : 'unavailable'
    }).`,
    'status',
  ),
);
app.dataset.state = 'idle';
