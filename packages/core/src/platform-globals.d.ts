// Globals that every runtime the shared engine targets has (browsers, workers, Node >= 18).
// The shared tsconfig loads no platform lib on purpose, so it cannot touch `document`, `self` or
// `process`; these few are declared by hand, no wider than the engine uses them.
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function atob(data: string): string;
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
