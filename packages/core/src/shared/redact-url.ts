/**
 * Removes `user:password@` from every URL in a text. Model URLs may carry credentials (a private
 * mirror: `https://user:token@host/…`); messages, warnings, `info()` and error causes are logged
 * and shown, so every one of them that names a URL goes through here. Works on free text, not
 * only on a bare URL, because platform errors (undici, Chromium) quote the URL inside a sentence.
 *
 * @example
 * redactUrl('could not fetch http://me:s3cret@host/m/config.json'); // 'could not fetch http://host/m/config.json'
 */
export function redactUrl(text: string): string {
  // scheme://userinfo@ : userinfo holds no '/', '?', '#', '@' or whitespace (RFC 3986 authority).
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1');
}

/**
 * The error to keep as a `cause`, with credentials taken out of its message: causes cross the
 * worker boundary and end up in logs just like the message.
 */
export function redactCause(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? redactUrl(error) : error;
  const message = redactUrl(error.message);
  const cause = error.cause === undefined ? undefined : redactCause(error.cause);
  if (message === error.message && cause === error.cause) return error;
  const copy = new Error(message, cause === undefined ? undefined : { cause });
  copy.name = error.name;
  return copy;
}
