// Opens a harness page (e2e/harness/<name>.html) and waits for what it reports through
// e2e/harness/lib/report.ts.
import type { Page } from '@playwright/test';
import { HARNESS_ORIGIN } from './origins.js';

type HarnessState = { state: 'running' | 'loading' } | { state: 'done'; result: unknown } | { state: 'error'; error: string };

export function harnessUrl(name: string, params: Record<string, string> = {}): string {
  const url = new URL(`/${name}.html`, HARNESS_ORIGIN);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** Navigates to the page and resolves with its result; rejects with the error it reports. */
export async function runHarnessPage<T>(page: Page, name: string, params: Record<string, string> = {}, timeout = 60_000): Promise<T> {
  const response = await page.goto(harnessUrl(name, params));
  if (!response?.ok()) throw new Error(`harness page ${name}: HTTP ${response?.status()}`);
  await page.waitForFunction(
    () => ['done', 'error'].includes((window as unknown as { harness?: HarnessState }).harness?.state ?? ''),
    null,
    { timeout },
  );
  const state = await page.evaluate(() => (window as unknown as { harness: HarnessState }).harness);
  if (state.state === 'error') throw new Error(`harness page ${name} failed: ${state.error}`);
  return (state as { result: T }).result;
}
