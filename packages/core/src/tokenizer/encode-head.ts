/**
 * The first ids of a long text without tokenizing all of it: the engine keeps at most
 * `maxLength` ids of a passage, and tokenizing the rest of a 60,000-char page cost 0.4 s.
 * The text is cut at a point safe-cut.ts proves safe (the ids of the prefix are the first ids
 * of the whole text), far enough that the prefix has more ids than asked for; where no safe
 * cut exists (no plan for this tokenizer, no space after the point, CJK without spaces, a
 * prefix ending in `<unk>`) the whole text is tokenized, as before.
 */
import type { CutPlan } from './safe-cut.js';

// First guess of chars per id: English runs 4-5 chars per XLM-R id; 6 overshoots most texts
// once, so one prefix is usually enough, and a short guess only costs another, longer try.
const CHARS_PER_ID = 6;
// Below this many chars a cut saves nothing worth the scan.
const MIN_CHARS = 1024;

/**
 * `encode(text)`, or a prefix of it with more than `count` ids. So `ids.length > count` exactly
 * when the whole text has more than `count` ids, and `ids.slice(0, count)` is always exact.
 *
 * @example
 * const ids = encodeHead(page, 512, encode, plan); // ids.slice(0, 512) equals encode(page).slice(0, 512)
 */
export function encodeHead(text: string, count: number, encode: (text: string) => number[], plan: CutPlan | undefined): number[] {
  let from = Math.max(MIN_CHARS, (count + 1) * CHARS_PER_ID);
  while (plan && from < text.length) {
    const cut = plan.cutAt(text, from);
    if (cut < 0) break;
    const ids = encode(text.slice(0, cut));
    if (ids.length > count) {
      if (ids[ids.length - 1] === plan.unkId) break;
      return ids;
    }
    // Too few ids: aim past the count at the rate seen so far, at least twice as far.
    from = Math.max(2 * cut, Math.ceil((cut * (count + 1) * 1.25) / Math.max(ids.length, 1)));
  }
  return encode(text);
}
