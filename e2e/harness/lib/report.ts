// How a harness page hands its outcome to the Playwright spec: window.harness plus
// <body data-state> (readable in a trace/screenshot). e2e/support/harness.ts waits for it.
export type HarnessState =
  | { state: 'running' }
  | { state: 'done'; result: unknown }
  | { state: 'error'; error: string };

declare global {
  interface Window { harness: HarnessState }
}

function publish(next: HarnessState): void {
  window.harness = next;
  document.body.dataset.state = next.state;
}

export function reportRunning(): void {
  publish({ state: 'running' });
}
export function reportDone(result: unknown): void {
  publish({ state: 'done', result });
}
export function reportError(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  publish({ state: 'error', error: text });
  console.error(text);
}

/** Runs `task`, reporting its result or its error. */
export function runHarness(task: () => Promise<unknown>): void {
  reportRunning();
  task().then(reportDone, reportError);
}
