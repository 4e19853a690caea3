import { expose, transfer, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { installErrorTransfer } from '../src/boundary/error-transfer.js';
import { RerankerError } from '../src/errors.js';

// Contract tests of the worker boundary over an in-process MessageChannel (comlink's own
// same-window approach): what crosses, with which codes, and what concurrent calls do.
installErrorTransfer();

const channels: InstanceType<typeof MessageChannel>[] = [];
afterEach(() => channels.splice(0).forEach((c) => { c.port1.close(); c.port2.close(); }));

function connect<T>(api: T): ReturnType<typeof wrap<T>> {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(api, channel.port1 as unknown as Parameters<typeof expose>[1]);
  return wrap<T>(channel.port2 as unknown as Parameters<typeof wrap>[0]);
}

describe('across the worker boundary', () => {
  it('a RerankerError keeps its code, message and cause', async () => {
    const remote = connect<{ fail(): void }>({
      fail: () => {
        throw new RerankerError('MODEL_FETCH_FAILED', 'could not fetch x', { cause: new TypeError('network down') });
      },
    });
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankerError);
    expect(error).toMatchObject({ code: 'MODEL_FETCH_FAILED', message: 'could not fetch x', cause: { name: 'TypeError', message: 'network down' } });
  });

  it('other errors still cross as comlink sends them', async () => {
    const remote = connect<{ fail(): void }>({ fail: () => { throw new TypeError('plain'); } });
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TypeError', message: 'plain' });
    expect(error).not.toBeInstanceOf(RerankerError);
  });

  it('scores arrive as a transferred Float64Array, emptied on the sender side', async () => {
    let sent: Float64Array | undefined;
    const remote = connect({
      scores: () => {
        sent = Float64Array.from([1.5, -2.25, 3]);
        return transfer(sent, [sent.buffer]);
      },
    });
    const received = await remote.scores();
    expect(Array.from(received)).toEqual([1.5, -2.25, 3]);
    expect(sent?.byteLength).toBe(0);
  });

  it('50 concurrent calls each get their own answer', async () => {
    const remote = connect({ echo: async (n: number) => { await new Promise((r) => setTimeout(r, n % 7)); return n * 2; } });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => remote.echo(i)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });
});
