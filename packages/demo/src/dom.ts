// Small DOM helpers: typed lookups that fail loudly, and element creation without innerHTML.

export function must<T extends Element>(selector: string, type: { new (): T }): T {
  const node = document.querySelector(selector);
  if (!(node instanceof type)) throw new Error(`webrerank demo: ${selector} is missing from index.html`);
  return node;
}

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class !== undefined) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
