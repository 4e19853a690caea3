// Entry point of the webrerank demo: wires up the page (src/app.ts), the offline support
// (src/offline.ts) and a last-resort error display, so a failure is never a blank page.
import './style.css';
import './page-nav.css';
import { DemoApp } from './app.js';
import { must } from './dom.js';
import { setUpOffline } from './offline.js';
import { modeTabs, setUpModes } from './search/modes.js';
import { SearchMode } from './search/search-mode.js';
import './search/search.css';

function describeEnvironment(target: HTMLElement): void {
  const isolated = self.crossOriginIsolated;
  target.dataset.isolated = String(isolated);
  target.textContent = isolated
    ? `Cross-origin isolated: WASM can use up to ${navigator.hardwareConcurrency} threads.`
    : 'Not cross-origin isolated (no COOP/COEP headers): WASM runs on one thread.';
}

const boot = document.querySelector<HTMLElement>('#boot-notice');
try {
  const app = new DemoApp();
  window.addEventListener('error', (event) => app.fail(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => app.fail(event.reason));
  app.start();
  // Search mode shares the app's reranker; it starts (opens the stored corpus) when first shown.
  const search = new SearchMode(app);
  setUpModes(modeTabs(() => search.start()));
  describeEnvironment(must('#env', HTMLElement));
  setUpOffline({ status: must('#offline', HTMLElement), update: must('#update', HTMLElement), reload: must('#update-reload', HTMLButtonElement) });
  boot?.remove();
} catch (error) {
  // The page itself is broken (a missing element): say so in the page.
  if (boot) {
    boot.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
    boot.className = 'notice notice-error';
  }
  document.querySelector('#app')?.setAttribute('data-state', 'error');
}
