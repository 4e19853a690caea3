import { describe, expect, it } from 'vitest';
import { applyInstructionFormat } from '../src/engine/instructions.js';
import { RerankerError } from '../src/errors.js';

describe('applyInstructionFormat (Python str.format, as FlagEmbedding uses it)', () => {
  it('fills {} fields in order', () => {
    expect(applyInstructionFormat('{}{}', 'Instr: ', 'text')).toBe('Instr: text');
  });
  it('turns a literal \\n in the format into a newline, as FlagEmbedding does', () => {
    expect(applyInstructionFormat('{}\\n{}', 'Instr', 'text')).toBe('Instr\ntext');
  });
  it('supports numbered fields and brace escapes', () => {
    expect(applyInstructionFormat('{1} {{x}} {0}', 'a', 'b')).toBe('b {x} a');
  });
  it('rejects named fields and format specs rather than guessing', () => {
    expect(() => applyInstructionFormat('{name}{}', 'a', 'b')).toThrow(RerankerError);
    expect(() => applyInstructionFormat('{:>10}{}', 'a', 'b')).toThrow(RerankerError);
    expect(() => applyInstructionFormat('{}{', 'a', 'b')).toThrow(RerankerError);
    expect(() => applyInstructionFormat('}{}', 'a', 'b')).toThrow(RerankerError);
  });
});
