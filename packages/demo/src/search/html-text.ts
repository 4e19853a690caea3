// HTML files to plain text, on the page (DOMParser does not exist in workers; the text then goes
// to the indexing worker). DOMParser makes an inert document: no browsing context, so its scripts
// never run, its images and styles are never fetched and no event handler fires. textContent
// would still include the text of <script>/<style>, so those go first; block elements get line
// breaks around them, or "<p>one</p><p>two</p>" would read "onetwo".

const DROP = 'script, style, noscript, template, iframe, object, embed, svg, canvas, head';
const BLOCKS = 'p, div, section, article, aside, header, footer, nav, main, li, dt, dd, tr, h1, h2, h3, h4, h5, h6, pre, blockquote, figure, figcaption, table, ul, ol, dl, hr';

/** The readable text of an HTML document: its title, then its body, paragraphs apart. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const title = doc.title.trim();
  for (const node of doc.querySelectorAll(DROP)) node.remove();
  for (const br of doc.querySelectorAll('br')) br.replaceWith('\n');
  for (const block of doc.querySelectorAll(BLOCKS)) {
    block.before('\n\n');
    block.after('\n\n');
  }
  const body = (doc.body?.textContent ?? '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
}
