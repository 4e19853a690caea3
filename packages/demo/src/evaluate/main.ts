// Entry point of the Evaluate page (evaluate.html): the page (./page.ts), the same offline
// support as the Rerank page, and a last-resort error display, so a failure is never a blank page.
import '../style.css';
import '../page-nav.css';
import './evaluate.css';
import { must } from '../dom.js';
import { setUpOffline } from '../offline.js';
import { EvaluatePage } from './page.js';

const boot = document.querySelector<HTMLElement>('#boot-notice');
try {
  const page = new EvaluatePage();
  window.addEventListener('error', (event) => page.fail(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => page.fail(event.reason));
  page.start();
  const env = must('#env', HTMLElement);
  env.dataset.isolated = String(self.crossOriginIsolated);
  env.textContent = self.crossOriginIsolated
    ? `Cross-origin isolated: WASM can use up to ${navigator.hardwareConcurrency} threads. Scoring runs in a worker; this page stays responsive.`
    : 'Not cross-origin isolated (no COOP/COEP headers): WASM runs on one thread.';
  setUpOffline({ status: must('#offline', HTMLElement), update: must('#update', HTMLElement), reload: must('#update-reload', HTMLButtonElement) });
  boot?.remove();
} catch (error) {
  if (boot) {
    boot.textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}`;
    boot.className = 'notice notice-error';
  }
  document.querySelector('#app')?.setAttribute('data-state', 'error');
}
