/**
 * sha256 of a chunk as lowercase hex, with WebCrypto (native: ~850 MB/s in Chromium here, against
 * ~150 MB/s for the JS hash). Chromium copies the input first, which is why only chunks (8 MiB by
 * default), never whole files, go through here.
 */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
