import { transferHandlers, type TransferHandler } from 'comlink';
import { RerankerError, type RerankerErrorCode } from '../errors.js';

// What a RerankerError becomes on the wire: plain data, cause flattened to its message.
interface SerializedRerankerError {
  webrerank: true;
  code: RerankerErrorCode;
  message: string;
  stack: string | undefined;
  cause: { name: string; message: string } | undefined;
}

let installed = false;

/**
 * comlink keeps only `message`, `name` and `stack` of a thrown Error, so a RerankerError would
 * arrive without its `code`. This wraps comlink's own "throw" handler so a RerankerError crosses
 * with code and cause, and everything else crosses as before. Call it on both sides (the page
 * client and the worker entry do); calling it twice is harmless.
 */
export function installErrorTransfer(): void {
  if (installed) return;
  installed = true;
  const base = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown>;
  const handler: TransferHandler<{ value: unknown }, unknown> = {
    canHandle: (value): value is { value: unknown } => base.canHandle(value),
    serialize(thrown) {
      const error = thrown.value;
      if (!(error instanceof RerankerError)) return base.serialize(thrown);
      const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message } : undefined;
      const wire: SerializedRerankerError = { webrerank: true, code: error.code, message: error.message, stack: error.stack, cause };
      return [wire, []];
    },
    deserialize(wire) {
      if (!isSerializedRerankerError(wire)) return base.deserialize(wire);
      const error = new RerankerError(wire.code, wire.message, wire.cause ? { cause: wire.cause } : undefined);
      if (wire.stack) error.stack = wire.stack;
      throw error;
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}

function isSerializedRerankerError(value: unknown): value is SerializedRerankerError {
  return typeof value === 'object' && value !== null && (value as { webrerank?: unknown }).webrerank === true;
}
