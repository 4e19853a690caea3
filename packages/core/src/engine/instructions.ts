import { RerankerError } from '../errors.js';

/**
 * Applies a FlagEmbedding instruction format (a Python `str.format` template such as `"{}{}"`)
 * to an instruction and a text, the way `AbsReranker.get_detailed_instruct` does: the two
 * characters `\n` written literally in the format become a newline first.
 * Only positional fields are supported (`{}`, `{0}`, `{1}`, and `{{`/`}}` escapes); anything
 * else would be guessed wrong, so it is rejected.
 */
export function applyInstructionFormat(format: string, instruction: string, text: string): string {
  const template = format.includes('\\n') ? format.replaceAll('\\n', '\n') : format;
  const args = [instruction, text];
  let auto = 0;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch === '{' && template[i + 1] === '{') {
      out += '{';
      i++;
    } else if (ch === '}' && template[i + 1] === '}') {
      out += '}';
      i++;
    } else if (ch === '{') {
      const close = template.indexOf('}', i);
      const field = close < 0 ? null : template.slice(i + 1, close);
      const index = field === '' ? auto++ : field !== null && /^[01]$/.test(field) ? Number(field) : -1;
      if (index < 0) throw badFormat(format);
      out += args[index];
      i = close;
    } else if (ch === '}') {
      throw badFormat(format);
    } else {
      out += ch;
    }
  }
  return out;
}

function badFormat(format: string): RerankerError {
  return new RerankerError(
    'INVALID_OPTION',
    `instruction format ${JSON.stringify(format)} is not supported: use positional fields only, e.g. "{}{}" or "{}\\n{}"`,
  );
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
