/**
 * Decoding of a sentencepiece `precompiled_charsmap` (the `Precompiled` normalizer of a
 * tokenizer.json) into a darts-clone double-array trie and its replacement strings.
 *
 * Layout, verified against huggingface/spm_precompiled `src/lib.rs` (`parse`, `Precompiled::from`)
 * and google/sentencepiece `src/normalizer.cc` (`DecodePrecompiledCharsMap`):
 *   [u32 LE: trie size in bytes][trie: size/4 units, u32 LE][replacements: UTF-8, NUL-terminated]
 * A trie value is a byte offset into the replacements; the replacement runs up to the next NUL.
 *
 * Platform-neutral: no Buffer, atob, TextDecoder (the shared tsconfig has ES2022 only).
 */
import { firstMatch } from './charsmap-trie.js';

/** A parsed charsmap: the trie, the replacement blob, and lookup caches. */
export interface Charsmap {
  /** darts-clone double-array units (u32, read little-endian). */
  readonly units: Uint32Array;
  /** UTF-8 replacement strings, NUL-terminated; trie values are byte offsets into it. */
  readonly replacements: Uint8Array;
  /** Replacements decoded so far, by byte offset (filled lazily, a few thousand at most). */
  readonly decoded: Map<number, string>;
  /** For each ASCII code: the replacement offset of that one-byte key, or -1 when it has none. */
  readonly ascii: Int32Array;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Reverse table of the standard alphabet (Rust uses base64's BASE64_STANDARD); -1 = invalid.
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** Decodes standard, padded base64 (as serde writes `precompiled_charsmap`). Throws on bad input. */
export function decodeBase64(text: string): Uint8Array {
  // Padding only at the end; the decoded length follows from the unpadded length.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* '=' */) end--;
  if (end % 4 === 1 || text.length - end > 2) throw new Error('precompiled_charsmap: invalid base64 length');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (BASE64_VALUE[code] ?? -1) : -1;
    if (v < 0) throw new Error(`precompiled_charsmap: invalid base64 character at ${i}`);
    // 6 bits in, one byte out whenever 8 are available.
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** Parses a base64 `precompiled_charsmap`. Throws where Rust's `Precompiled::from` fails. */
export function parseCharsmap(base64: string): Charsmap {
  const bytes = decodeBase64(base64);
  if (bytes.length < 4) throw new Error('precompiled_charsmap: too short for its trie size');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trieBytes = view.getUint32(0, true);
  // spm_precompiled reads trie_size / 4 whole units and takes what follows them as the blob.
  const unitCount = Math.floor(trieBytes / 4);
  if (4 + unitCount * 4 > bytes.length) throw new Error('precompiled_charsmap: trie exceeds the blob');
  // Copy into a fresh Uint32Array reading little-endian explicitly (big-endian hosts exist).
  const units = new Uint32Array(unitCount);
  for (let i = 0; i < unitCount; i++) units[i] = view.getUint32(4 + 4 * i, true);
  const replacements = bytes.subarray(4 + unitCount * 4);
  // Rust builds a String from the blob: invalid UTF-8 is a load error there, so here too.
  if (!isValidUtf8(replacements)) throw new Error('precompiled_charsmap: replacements are not valid UTF-8');
  const charsmap: Charsmap = { units, replacements, decoded: new Map(), ascii: new Int32Array(128) };
  // Precompute the one-byte keys: ASCII text then needs no trie walk at all.
  for (let c = 0; c < 128; c++) charsmap.ascii[c] = firstMatch(units, String.fromCharCode(c), 0, 1);
  return charsmap;
}

/** The replacement string stored at `offset` (up to the next NUL), decoded once and cached. */
export function replacementAt(charsmap: Charsmap, offset: number): string {
  let text = charsmap.decoded.get(offset);
  if (text === undefined) {
    const blob = charsmap.replacements;
    let end = offset;
    while (end < blob.length && blob[end] !== 0) end++;
    text = decodeUtf8(blob, offset, end);
    charsmap.decoded.set(offset, text);
  }
  return text;
}

// Strict UTF-8 validation (no overlongs, no surrogates, <= U+10FFFF), like Rust's from_utf8.
function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return false;
    // The second byte's range depends on the lead byte (overlong / surrogate / > U+10FFFF).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      const x = bytes[i + k] ?? 0;
      if (x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return false;
    }
    i += need + 1;
  }
  return true;
}

// Decodes already-validated UTF-8 bytes [start, end) to a string.
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    // Lead byte payload, then 6 bits per continuation byte.
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) cp = (cp << 6) | ((bytes[i + k] ?? 0) & 0x3f);
    text += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return text;
}
