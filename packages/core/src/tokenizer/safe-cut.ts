/**
 * Where a long text may be cut before tokenizing without changing the ids before the cut.
 *
 * The engine keeps only the first few hundred ids of a passage (FlagEmbedding truncates it), yet
 * tokenizing costs time linear in the text (about 7 µs a char here). A cut at raw index `c` is
 * safe when `encode(text.slice(0, c))` is a prefix of `encode(text)`. This module decides, from
 * tokenizer.json alone, whether a tokenizer has cut points it can prove safe, and finds them:
 *
 * - the cut is a U+0020 SPACE at `c` after two "plain" chars (charsmap-graphemes.ts: no UAX #29
 *   rule joins them to a neighbour), so `c` is a grapheme boundary and `c - 1` a grapheme alone;
 * - added tokens: no added-token content holds the two chars around the cut (raw or normalized),
 *   so no match spans it, and leftmost-longest matches that end before it are the same;
 * - normalizers: only ones that work char by char or grapheme by grapheme (Precompiled charsmap,
 *   NF*, Lowercase, StripAccents, single-char Replace), act at the ends (Strip, Prepend), or
 *   squeeze space runs (` {2,}`), so the normalized prefix is a prefix of the normalized text;
 *   the space must normalize to one char `s` (space or ▁) and the char before the cut must
 *   normalize to text that does not end in whitespace or `s` (checked at each cut);
 * - the pre-tokenizer then either splits words at the cut (WhitespaceSplit on a space: the model
 *   runs word by word), or keeps one word across it; in that case the model must never join the
 *   two sides: no BPE merge `(a, b)` with `a` not ending in `s` and `b` starting with `s`, no
 *   Unigram piece with a char other than `s` followed by `s`. With no token across the cut,
 *   BPE applies the same merges in the same order on the left side (@huggingface/tokenizers
 *   breaks rank ties by position, `i / length`, which keeps the left-to-right order), and the
 *   Unigram lattice's best path passes through the cut.
 * - `fuse_unk`: an `<unk>` at the end of the prefix could fuse with one after the cut; the
 *   caller refuses a prefix ending in `<unk>` (see encode-head.ts), whatever the model.
 * Anything else (ByteLevel, regex splits, WordPiece without a split, unknown types) gives no
 * plan, and the text is tokenized whole, as before.
 */
import { isPlainUnit } from './charsmap-graphemes.js';

/** What encode-head.ts needs to cut a text safely. */
export interface CutPlan {
  /** The first safe cut at or after `from`, or -1 where the text has none. */
  cutAt(text: string, from: number): number;
  /** The model's `<unk>` id: a prefix may not end with it (`fuse_unk` could join it across the cut). */
  unkId: number | undefined;
}

type Json = Record<string, unknown>;

// Rust's char::is_whitespace (as whitespace-split.ts).
// eslint-disable-next-line no-control-regex -- tab, LF, VT, FF, CR are whitespace on purpose.
const WHITESPACE = /[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
// Chars allowed right before a cut: visible letters, digits, punctuation, symbols.
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/**
 * The cut plan of a tokenizer, or undefined where no cut can be proven safe.
 * `normalize` is the patched normalizer the encoder uses; `addedContents` the contents of all
 * added tokens (raw), matched in raw or normalized text.
 *
 * @example
 * const plan = planCuts(tokenizerJson, normalize, ['<s>', '</s>']);
 * plan?.cutAt('a long text …', 4000); // the index of a space at or after 4000, or -1
 */
export function planCuts(tokenizerJson: unknown, normalize: (text: string) => string, addedContents: readonly string[]): CutPlan | undefined {
  const json = (tokenizerJson ?? {}) as Json;
  if (!normalizerIsLocal(json.normalizer ?? null)) return undefined;
  const space = normalize(' ');
  if (space.length !== 1) return undefined;
  const pre = preTokenizerCut(json.pre_tokenizer ?? null, space);
  if (!pre) return undefined;
  const model = (json.model ?? {}) as Json;
  if (!modelIsKnown(model) || (!pre.splits && !modelKeepsApart(model, pre.separator))) return undefined;

  // Bigrams of every added token's content, raw and normalized: a cut inside one is refused.
  const bigrams = new Set<string>();
  for (const content of addedContents) {
    for (const text of [content, normalize(content)]) for (let i = 0; i + 1 < text.length; i++) bigrams.add(text.slice(i, i + 2));
  }

  const safeAt = (text: string, c: number): boolean => {
    if (text.charCodeAt(c) !== 0x20 || c < 2) return false;
    const a = text.charCodeAt(c - 2);
    const b = text.charCodeAt(c - 1);
    if (!isPlainUnit(a) || !isPlainUnit(b)) return false;
    const before = text[c - 1] as string;
    if (!VISIBLE.test(before) || bigrams.has(before + ' ')) return false;
    const normalized = normalize(before);
    const last = normalized.slice(-1);
    return last !== '' && last !== space && last !== pre.separator && !WHITESPACE.test(last) && !bigrams.has(last + space);
  };
  return {
    unkId: unkId(model),
    cutAt(text, from) {
      for (let c = text.indexOf(' ', Math.max(from, 2)); c >= 0; c = text.indexOf(' ', c + 1)) if (safeAt(text, c)) return c;
      return -1;
    },
  };
}

// Normalizers whose output on a prefix ending in a visible char, cut before a space, is a
// prefix of their output on the whole text.
function normalizerIsLocal(config: unknown): boolean {
  if (config === null) return true;
  const n = config as Json;
  switch (n.type) {
    case 'Sequence':
      return Array.isArray(n.normalizers) && n.normalizers.every(normalizerIsLocal);
    case 'Precompiled': // per grapheme (charsmap.ts), the cut is a grapheme boundary
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': // a space is a starter that composes with nothing before it
    case 'Lowercase': // JS final sigma: before a space in both texts
    case 'StripAccents':
    case 'Strip': // only the ends of the stretch; the prefix ends in a visible char
    case 'Prepend': // only the start
      return true;
    case 'Replace': {
      const pattern = (n.pattern ?? {}) as Json;
      if (typeof pattern.String === 'string') return [...pattern.String].length === 1;
      // XLM-R style space squeezing: the run starts at the cut, after a visible char.
      return pattern.Regex === ' {2,}' && n.content === ' ';
    }
    default:
      return false;
  }
}

// What the pre-tokenizer does at the cut, where the text after it starts with `space`: whether
// it splits words there, and which char the model then sees first after the cut.
function preTokenizerCut(config: unknown, space: string): { splits: boolean; separator: string } | undefined {
  if (config === null) return { splits: false, separator: space };
  const p = config as Json;
  switch (p.type) {
    case 'Sequence': {
      let state = { splits: false, separator: space };
      for (const inner of Array.isArray(p.pretokenizers) ? p.pretokenizers : [undefined]) {
        const next = preTokenizerCut(inner ?? {}, state.separator);
        if (!next) return undefined;
        state = { splits: state.splits || next.splits, separator: next.separator };
      }
      return state;
    }
    case 'WhitespaceSplit': // Unicode whitespace (whitespace-split.ts): a word ends at the cut
      return { splits: WHITESPACE.test(space), separator: space };
    case 'Metaspace': {
      // @huggingface/tokenizers replaces spaces and prepends, but never splits (`split` ignored).
      const replacement = typeof p.replacement === 'string' ? p.replacement : '\u2581';
      return { splits: false, separator: space === ' ' ? replacement : space };
    }
    case 'Split': {
      // A single-char split pattern that the cut's char is not: words before the cut are the same.
      const pattern = (p.pattern ?? {}) as Json;
      if (p.invert !== false || typeof pattern.String !== 'string' || [...pattern.String].length !== 1 || pattern.String === space) return undefined;
      return { splits: false, separator: space };
    }
    default:
      return undefined;
  }
}

function modelIsKnown(model: Json): boolean {
  if (model.type === 'Unigram') return Array.isArray(model.vocab);
  if (model.type !== 'BPE') return false;
  // Suffixes and dropout change the merges; ignore_merges makes a whole word one token.
  return !model.continuing_subword_prefix && !model.end_of_word_suffix && !model.continuing_subword_suffix && !model.dropout && model.ignore_merges !== true;
}

// Whether the model can never put one token across a cut whose right side starts with `s` after
// a char that is not `s`.
function modelKeepsApart(model: Json, s: string): boolean {
  if (model.type === 'Unigram') {
    return (model.vocab as unknown[]).every((entry) => !Array.isArray(entry) || typeof entry[0] !== 'string' || !joinsAcross(entry[0], s));
  }
  const merges = Array.isArray(model.merges) ? model.merges : [];
  return merges.every((merge: unknown) => {
    const [a, b] = Array.isArray(merge) ? (merge as string[]) : String(merge).split(' ', 2);
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    return !(b.startsWith(s) && a.length > 0 && !a.endsWith(s));
  });
}

// A piece with `s` right after another char.
function joinsAcross(piece: string, s: string): boolean {
  for (let i = piece.indexOf(s, 1); i > 0; i = piece.indexOf(s, i + 1)) if (piece[i - 1] !== s) return true;
  return false;
}

function unkId(model: Json): number | undefined {
  if (model.type === 'Unigram') return typeof model.unk_id === 'number' ? model.unk_id : undefined;
  const vocab = model.vocab as Record<string, number> | undefined;
  return typeof model.unk_token === 'string' && vocab ? vocab[model.unk_token] : undefined;
}
