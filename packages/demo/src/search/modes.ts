// The demo's two modes, as tabs: "Rerank passages" (the app's form and ranking) and "Search
// documents" (src/search). The mode is the URL's hash (#search), so a reload or a link keeps it.
// The model and runtime settings are one set of controls shared by both modes: the fieldset
// moves into Search mode's panel and back (its controls keep their listeners and values).
import { must } from '../dom.js';

export type Mode = 'rerank' | 'search';

export interface ModeTabs {
  root: HTMLElement;
  /** The tab buttons, each with data-mode. */
  tabs: HTMLButtonElement[];
  /** The shared model settings, and where they go in Search mode. */
  settings: HTMLElement | null;
  searchSettingsSlot: HTMLElement;
  /** Called each time Search mode is shown. */
  onSearch: () => void;
}

export function setUpModes(view: ModeTabs): void {
  const home = view.settings ? { parent: view.settings.parentElement, next: view.settings.nextSibling } : undefined;
  const show = (mode: Mode, focus: boolean): void => {
    view.root.dataset.mode = mode;
    for (const tab of view.tabs) {
      const selected = tab.dataset.mode === mode;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) tab.focus();
    }
    for (const panel of document.querySelectorAll<HTMLElement>('[data-mode-panel]')) panel.hidden = panel.dataset.modePanel !== mode;
    if (view.settings && home?.parent) {
      if (mode === 'search') view.searchSettingsSlot.append(view.settings);
      else home.parent.insertBefore(view.settings, home.next);
    }
    if (mode === 'search') view.onSearch();
  };
  const fromHash = (): Mode => (location.hash === '#search' ? 'search' : 'rerank');
  view.tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => {
      const mode = tab.dataset.mode === 'search' ? 'search' : 'rerank';
      history.replaceState(null, '', mode === 'search' ? '#search' : location.pathname + location.search);
      show(mode, false);
    });
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = view.tabs[(i + (event.key === 'ArrowRight' ? 1 : view.tabs.length - 1)) % view.tabs.length];
      next?.click();
      next?.focus();
    });
  });
  window.addEventListener('hashchange', () => show(fromHash(), false));
  show(fromHash(), false);
}

/** The tab elements of index.html. */
export function modeTabs(onSearch: () => void): ModeTabs {
  return {
    root: must('#app', HTMLElement),
    tabs: [...document.querySelectorAll<HTMLButtonElement>('#mode-tabs [role="tab"]')],
    settings: document.querySelector<HTMLElement>('fieldset.settings'),
    searchSettingsSlot: must('#search-settings', HTMLElement),
    onSearch,
  };
}
