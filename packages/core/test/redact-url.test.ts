// URL credentials (`user:password@`) never reach a message: the helper every message with a URL
// goes through, and the model-id check that echoes what it was given.
import { describe, expect, it } from 'vitest';
import { resolveModelLocation } from '../src/shared/model-location.js';
import { redactCause, redactUrl } from '../src/shared/redact-url.js';

describe('redactUrl', () => {
  it('removes user:password@ from every URL in a text, and nothing else', () => {
    expect(redactUrl('could not fetch http://me:s3cret@host:8080/m/config.json')).toBe('could not fetch http://host:8080/m/config.json');
    expect(redactUrl('a https://token@h/x and HTTPS://u:p@h2/y')).toBe('a https://h/x and HTTPS://h2/y');
    expect(redactUrl('mail me@example.com at http://host/a@b')).toBe('mail me@example.com at http://host/a@b');
  });

  it('redacts an error cause and its own cause, keeping the name', () => {
    const inner = new Error('connect to http://u:pw@h/ failed');
    const outer = new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:pw@h/', { cause: inner });
    const clean = redactCause(outer) as Error;
    expect(clean.name).toBe('TypeError');
    expect(clean.message).not.toContain('pw');
    expect((clean.cause as Error).message).toBe('connect to http://h/ failed');
    const plain = new Error('nothing secret');
    expect(redactCause(plain)).toBe(plain);
  });
});

describe('model ids in messages', () => {
  it('an unusable model URL is refused without quoting its credentials', () => {
    expect(() => resolveModelLocation('ftp://me:s3cret@host/m')).toThrow(/^model "ftp:\/\/host\/m" is neither/);
  });
});
