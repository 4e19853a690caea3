import { RerankerError } from '../errors.js';

/**
 * Turns what IndexedDB threw into the store's two failure codes. `QuotaExceededError` (a
 * DOMException name; also the `error` of a transaction the browser aborted for quota) is
 * `QUOTA_EXCEEDED`; everything else — `SecurityError` (storage blocked, opaque origin),
 * `InvalidStateError` (old Firefox private mode), `UnknownError` (disk trouble), a transaction
 * aborted with no error — is `CACHE_UNAVAILABLE`: the caller carries on without the cache either way.
 */
export function storeError(error: unknown, doing: string): RerankerError {
  if (error instanceof RerankerError) return error;
  const name = errorName(error);
  if (name === 'QuotaExceededError') {
    return new RerankerError('QUOTA_EXCEEDED', `no storage quota left for ${doing}`, { cause: error });
  }
  const detail = error instanceof Error || isNamed(error) ? `${name}: ${(error as { message?: unknown }).message ?? ''}` : String(error);
  return new RerankerError('CACHE_UNAVAILABLE', `the model cache (IndexedDB) failed ${doing}: ${detail}`, { cause: error });
}

/** Errors reading a stored value that mean the value itself is damaged (not the database). */
export function isDamagedValue(error: unknown): boolean {
  // Chromium: NotReadableError when a large value's backing file is gone; DataError for a record
  // it cannot deserialize.
  const name = errorName(error);
  return name === 'NotReadableError' || name === 'DataError';
}

function errorName(error: unknown): string | undefined {
  return isNamed(error) ? error.name : undefined;
}

function isNamed(error: unknown): error is { name: string } {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string';
}
