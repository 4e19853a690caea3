// The store harness page (e2e/harness/store.ts) for the store specs: opening it, its quota, and
// what they compare files with.
import { createHash } from 'node:crypto';
import type { CDPSession, Page } from '@playwright/test';
import { expect } from './fixtures';
import { runHarnessPage } from './harness';
import { HARNESS_ORIGIN } from './origins';

export const XLMR_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model.onnx'];

export async function openHarness(page: Page): Promise<void> {
  const ready = await runHarnessPage<{ crossOriginIsolated: boolean }>(page, 'store');
  expect(ready.crossOriginIsolated).toBe(true);
}

/** Gives the harness origin a storage quota of `bytes` (Chromium's own quota check, via CDP). */
export async function limitQuota(page: Page, bytes: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: HARNESS_ORIGIN, quotaSize: bytes });
  return cdp;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
