import { RerankerError } from '../errors.js';

type Json = Record<string, unknown>;

/** Where the special tokens of a pair go: `prefix A middle B suffix` (XLM-R: `<s> A </s></s> B </s>`). */
export interface PairTemplate {
  prefix: readonly number[];
  middle: readonly number[];
  suffix: readonly number[];
}

/**
 * Reads the pair layout of a Hugging Face `tokenizer.json` post-processor, so pairs are built
 * with the tokenizer's own template rather than a hard-coded XLM-R one. Understands the
 * processors cross-encoders ship with: RobertaProcessing (`<s> A </s></s> B </s>`),
 * BertProcessing (`[CLS] A [SEP] B [SEP]`), TemplateProcessing and a Sequence of those.
 */
export function readPairTemplate(postProcessor: unknown): PairTemplate {
  if (postProcessor === null || postProcessor === undefined) return { prefix: [], middle: [], suffix: [] };
  const p = postProcessor as Json;
  switch (p.type) {
    case 'RobertaProcessing': {
      const [cls, sep] = [tokenId(p.cls), tokenId(p.sep)];
      return { prefix: [cls], middle: [sep, sep], suffix: [sep] };
    }
    case 'BertProcessing': {
      const [cls, sep] = [tokenId(p.cls), tokenId(p.sep)];
      return { prefix: [cls], middle: [sep], suffix: [sep] };
    }
    case 'TemplateProcessing':
      return fromTemplate(p);
    case 'Sequence': {
      // Byte-level and similar steps add no tokens; the one that does decides the template.
      const templates = ((p.processors as unknown[]) ?? []).map(readPairTemplate);
      return templates.find((t) => t.prefix.length + t.middle.length + t.suffix.length > 0) ?? { prefix: [], middle: [], suffix: [] };
    }
    case 'ByteLevel':
      return { prefix: [], middle: [], suffix: [] };
    default:
      throw new RerankerError('MODEL_NOT_SUPPORTED', `tokenizer.json post_processor of type ${String(p.type)} is not supported`);
  }
}

function tokenId(entry: unknown): number {
  if (Array.isArray(entry) && typeof entry[1] === 'number') return entry[1];
  throw new RerankerError('MODEL_NOT_SUPPORTED', 'tokenizer.json post_processor has a malformed special token');
}

function fromTemplate(p: Json): PairTemplate {
  const specials = (p.special_tokens ?? {}) as Record<string, { ids?: number[] }>;
  const parts: number[][] = [[], [], []];
  let part = 0;
  for (const item of (p.pair as Json[] | undefined) ?? []) {
    if ('Sequence' in item) {
      part = Math.min(part + 1, 2);
    } else if ('SpecialToken' in item) {
      const id = (item.SpecialToken as { id: string }).id;
      const ids = specials[id]?.ids;
      if (!ids) throw new RerankerError('MODEL_NOT_SUPPORTED', `tokenizer.json template names unknown special token ${id}`);
      parts[part]?.push(...ids);
    }
  }
  return { prefix: parts[0] ?? [], middle: parts[1] ?? [], suffix: parts[2] ?? [] };
}
