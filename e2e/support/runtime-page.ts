// Opens the runtime harness page (e2e/harness/runtime.ts) and types its window.rt for specs.
import type { Page } from '@playwright/test';
import { harnessUrl } from './harness.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Loads e2e/harness/runtime.html and waits until window.rt is there. */
export async function openRuntime(page: Page): Promise<void> {
  await page.goto(harnessUrl('runtime'));
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
}

/** Unwraps an outcome, failing the test with the error's code and message. */
export function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value;
}
