// `pnpm testkit generate --preset tiny|base --out <dir> [--external-data]`
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateModel } from './generate.js';
import { isPresetName, PRESETS } from './presets.js';

const USAGE = `usage: testkit generate --preset ${Object.keys(PRESETS).join('|')} --out <dir> [--external-data]\n`;

function main(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      preset: { type: 'string' },
      out: { type: 'string' },
      'external-data': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const preset = values.preset ?? '';
  if (positionals[0] !== 'generate' || positionals.length !== 1 || !isPresetName(preset) || values.out === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  // pnpm runs scripts from the root; INIT_CWD is where the user typed the command.
  const outDir = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const start = performance.now();
  const seconds = (): string => ((performance.now() - start) / 1000).toFixed(1);
  const model = generateModel({
    preset,
    outDir,
    externalData: values['external-data'],
    onProgress: (message) => process.stdout.write(`[${seconds()} s] ${message}\n`),
  });
  process.stdout.write(`generated ${preset} in ${outDir} (${model.files.length} files, ${seconds()} s)\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
