/// <reference types="vite/client" />
// Lists every harness page, so the list never goes stale. Lazy glob: the pages are not loaded.
const list = document.querySelector('#pages')!;
for (const path of Object.keys(import.meta.glob('./*.html')).sort()) {
  const item = document.createElement('li');
  const link = Object.assign(document.createElement('a'), { href: path, textContent: path.slice(2, -5) });
  item.append(link);
  list.append(item);
}
