import { RerankerError } from '../errors.js';
import { printf4 } from './trec-format.js';
import { isCount, type Evaluation } from './trec-measures.js';

/**
 * The "all" values of two evaluations side by side, one measure a line, tab-separated like
 * trec_eval's output: `name<TAB>before<TAB>after<TAB>after-before`, the name padded to 22, values
 * as trec_eval prints them (counts as integers, the rest `%6.4f`), after a header line.
 *
 * @example
 * formatComparison(evaluateRun(qrels, firstStage, measures), evaluateRun(qrels, reranked, measures));
 * // 'measure               \tbefore\tafter\tdelta\nndcg_cut_10           \t0.3348\t0.4102\t+0.0754\n'
 */
export function formatComparison(before: Evaluation, after: Evaluation): string {
  if (before.measures.map((m) => m.name).join() !== after.measures.map((m) => m.name).join()) {
    throw new RerankerError('INVALID_INPUT', 'the two evaluations have different measures');
  }
  const rows = before.measures.map((measure, m) => {
    const [a, b] = [before.all.values[m]!, after.all.values[m]!];
    const show = (value: number): string => (isCount(measure) ? String(Math.trunc(value)) : printf4(value));
    const delta = isCount(measure) ? String(Math.trunc(b - a)) : printf4(Math.abs(b - a));
    const sign = b - a < 0 ? '-' : '+';
    return `${measure.name.padEnd(22)}\t${show(a)}\t${show(b)}\t${sign}${delta.replace(/^-/, '')}\n`;
  });
  return `${'measure'.padEnd(22)}\tbefore\tafter\tdelta\n${rows.join('')}`;
}
