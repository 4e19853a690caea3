import { describe, expect, it } from 'vitest';
import { applyInstructionFormat, parseInstructionFormat } from '../src/engine/instructions.js';
import { resolveOptions } from '../src/engine/resolve-options.js';

// Python 3.12, as FlagEmbedding's get_detailed_instruct runs it:
//   f = fmt.replace('\\n', '\n') if '\\n' in fmt else fmt; f.format('I', 'T')
const PYTHON_RESULTS: [format: string, result: string][] = [
  ['{}{}', 'IT'],
  ['{}\\n{}', 'I\nT'],
  ['{1} {{x}} {0}', 'T {x} I'],
  ['{00}{01}', 'IT'],
  ['{1}{0}', 'TI'],
  ['{0}{1}{0}', 'ITI'],
  ['{{}}{}{}', '{}IT'],
  ['{{{}}}{}', '{I}T'],
  ['{}{}}}', 'IT}'],
  ['{0}{1}x{{y}}', 'ITx{y}'],
  ['{0!s}{1}', 'IT'],
  ['{0:}{1}', 'IT'],
  ['{0:s}{1!s:}', 'IT'],
  ['{!s}{}', 'IT'],
];

// Formats Python's str.format raises on (with its exception), so FlagEmbedding would fail too.
const PYTHON_ERRORS: [format: string, python: string][] = [
  ['{}{}{}', 'IndexError: Replacement index 2 out of range'],
  ['{2}{0}{1}', 'IndexError: Replacement index 2 out of range'],
  ['{0}{}', 'ValueError: cannot switch from manual field specification to automatic field numbering'],
  ['{}{1}', 'ValueError: cannot switch from automatic field numbering to manual field specification'],
  ['{}}', "ValueError: Single '}' encountered in format string"],
  ['}{}', "ValueError: Single '}' encountered in format string"],
  ['{0}}{1}', "ValueError: Single '}' encountered in format string"],
  ['{}{', "ValueError: Single '{' encountered in format string"],
  ['{0}{1}{', "ValueError: Single '{' encountered in format string"],
  ['{0} {1', "ValueError: expected '}' before end of string"],
  ['{ 0}{1}', "KeyError: ' 0'"],
  ['{0 }{1}', "KeyError: '0 '"],
  ['{-1}{1}', "KeyError: '-1'"],
  ['{+0}{1}', "KeyError: '+0'"],
  ['{name}{}', "KeyError: 'name'"],
  ['{0.x}{1}', "AttributeError: 'str' object has no attribute 'x'"],
  ['{0!}{1}', "ValueError: expected ':' after conversion specifier"],
  ['{0!x}{1}', 'ValueError: Unknown conversion specifier x'],
  ['{0:{1}}', "ValueError: Unknown format code 'T' for object of type 'str'"],
];

// Formats Python accepts that we refuse on purpose: each leaves out an argument (Python drops it
// silently: '{}' gives 'I', the text is gone) or changes the text in ways not copied here.
const REFUSED_ON_PURPOSE: [format: string, python: string][] = [
  ['{}', 'I'],
  ['{0}', 'I'],
  ['{1}', 'T'],
  ['', ''],
  ['x', 'x'],
  ['{{}}', '{}'],
  ['{0!r}{1}', "'I'T"],
  ['{0:>5}{1}', '    IT'],
  ['{0[0]}{1}', 'IT'],
];

describe('instruction formats follow Python str.format, as FlagEmbedding uses it', () => {
  it.each(PYTHON_RESULTS)('%j gives what Python gives', (format, result) => {
    expect(applyInstructionFormat(format, 'I', 'T')).toBe(result);
  });

  it.each(PYTHON_ERRORS)('%j is INVALID_OPTION (Python: %s)', (format) => {
    expect(() => parseInstructionFormat(format)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it.each(REFUSED_ON_PURPOSE)('%j is INVALID_OPTION (Python would give %j)', (format) => {
    expect(() => parseInstructionFormat(format)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('says what is wrong, naming the option', () => {
    expect(() => parseInstructionFormat('{}{}{}', 'queryInstructionFormat')).toThrow(/queryInstructionFormat "\{\}\{\}\{\}": field 3 takes argument 2/);
    expect(() => parseInstructionFormat('{}', 'passageInstructionFormat')).toThrow(/does not use the text/);
  });

  it('is checked when options are resolved, with or without an instruction set', () => {
    expect(() => resolveOptions(undefined, { queryInstruction: 'x', queryInstructionFormat: '{}{}{}' }, 5)).toThrow(/queryInstructionFormat/);
    expect(() => resolveOptions({ passageInstructionFormat: '{}' }, undefined, 5)).toThrow(/passageInstructionFormat/);
    expect(resolveOptions(undefined, { queryInstruction: 'x', queryInstructionFormat: '{1}: {0}' }, 5).queryInstructionFormat).toBe('{1}: {0}');
  });
});
