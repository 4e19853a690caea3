import { RerankerError } from '../errors.js';

/** A parsed instruction format: literal text, and the argument each field takes (0 instruction, 1 text). */
export type FormatPart = string | 0 | 1;

// `{}` or `{N}`, optionally `!s` and an empty or `s` spec: what str.format does to a str argument
// unchanged. Other conversions and specs (`!r`, `:>10`), indexing (`{0[0]}`) and names change or
// pick the text in ways not worth copying, so they are refused rather than guessed.
const FIELD = /^(\d*)(?:!s)?(?::s?)?$/;

/**
 * Parses a FlagEmbedding instruction format (a Python `str.format` template such as `"{}{}"`)
 * as `AbsReranker.get_detailed_instruct` uses it: the two characters `\n` written literally
 * become a newline first, then `format(instruction, text)`. Everything Python refuses is refused
 * here with INVALID_OPTION (a single `{` or `}`, a field past the two arguments such as the third
 * `{}` of `"{}{}{}"`, automatic and manual numbering mixed), and so is a format that leaves out
 * the instruction or the text: Python would drop that argument silently, which is never meant.
 *
 * @example
 * parseInstructionFormat('{}\\n{}');        // [0, '\n', 1]
 * parseInstructionFormat('{1} {{x}} {0}');  // [1, ' {x} ', 0]
 * parseInstructionFormat('{}{}{}');         // throws INVALID_OPTION: field 3 takes argument 2
 */
export function parseInstructionFormat(format: string, name = 'instruction format'): FormatPart[] {
  const bad = (why: string): RerankerError => new RerankerError('INVALID_OPTION', `${name} ${JSON.stringify(format)}: ${why}`);
  const template = format.includes('\\n') ? format.replaceAll('\\n', '\n') : format;
  const parts: FormatPart[] = [];
  const used = new Set<number>();
  let literal = '';
  let numbering: 'automatic' | 'manual' | undefined;
  let fields = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === '}') {
      if (template[i + 1] !== '}') throw bad('a single "}" (write "}}" for a literal brace)');
      literal += '}';
      i++;
    } else if (ch !== '{') {
      literal += ch;
    } else if (template[i + 1] === '{') {
      literal += '{';
      i++;
    } else {
      const close = template.indexOf('}', i);
      if (close < 0) throw bad(i === template.length - 1 ? 'a single "{" (write "{{" for a literal brace)' : 'a "{" without its "}"');
      const field = template.slice(i + 1, close);
      const match = FIELD.exec(field);
      if (!match) throw bad(`field {${field}} is not supported: use {} or {0}/{1}, e.g. "{}{}" or "{}\\n{}"`);
      const digits = match[1] as string;
      const mode = digits === '' ? 'automatic' : 'manual';
      if (numbering !== undefined && numbering !== mode) throw bad(`cannot switch from ${numbering} field numbering to ${mode} (Python refuses it too)`);
      numbering = mode;
      const index = digits === '' ? fields : Number(digits);
      fields++;
      if (index > 1) throw bad(`field ${fields} takes argument ${index}, but there are only two: the instruction ({0}) and the text ({1})`);
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(index as 0 | 1);
      used.add(index);
      i = close;
    }
  }
  if (literal !== '') parts.push(literal);
  if (!used.has(0)) throw bad('it does not use the instruction ({0}); Python would drop it silently');
  if (!used.has(1)) throw bad('it does not use the text ({1}); Python would drop it silently');
  return parts;
}

/**
 * Applies an instruction format (see parseInstructionFormat) to an instruction and a text.
 *
 * @example
 * applyInstructionFormat('{}{}', 'Instr: ', 'text'); // 'Instr: text'
 */
export function applyInstructionFormat(format: string, instruction: string, text: string): string {
  const args = [instruction, text] as const;
  return parseInstructionFormat(format).map((part) => (typeof part === 'string' ? part : args[part])).join('');
}

/** The instruction settings of a call (see ResolvedOptions). */
export interface InstructionOptions {
  queryInstruction: string | undefined;
  queryInstructionFormat: string;
  passageInstruction: string | undefined;
  passageInstructionFormat: string;
}

/**
 * The query and passage texts after FlagEmbedding's instructions (`AbsReranker.compute_score`):
 * each is formatted with its instruction when one is set, and left alone otherwise.
 *
 * @example
 * instructedPair('what is panda?', 'hi', { queryInstruction: 'A: ', queryInstructionFormat: '{}{}', passageInstruction: undefined, passageInstructionFormat: '{}{}' });
 * // ['A: what is panda?', 'hi']
 */
export function instructedPair(query: string, passage: string, opts: InstructionOptions): [string, string] {
  return [
    opts.queryInstruction === undefined ? query : applyInstructionFormat(opts.queryInstructionFormat, opts.queryInstruction, query),
    opts.passageInstruction === undefined ? passage : applyInstructionFormat(opts.passageInstructionFormat, opts.passageInstruction, passage),
  ];
}
