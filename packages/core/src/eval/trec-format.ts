import { isCount, type Evaluation, type MeasureValues } from './trec-measures.js';

/**
 * trec_eval's output (meas_print_single.c, meas_print_final.c): one measure a line,
 * `printf("%-22s\t%s\t%6.4f\n", name, qid, value)`, counts with `%ld`. With `perQuery`, every
 * query's lines come first (trec_eval -q), then the "all" lines. num_q has no per-query line
 * (m_num_q.c prints only the summary: te_print_single_meas_empty).
 */
export function formatTrecEval(evaluation: Evaluation, perQuery: boolean): string {
  const rows = perQuery ? [...evaluation.queries, evaluation.all] : [evaluation.all];
  return rows.map((row) => lines(evaluation, row)).join('');
}

function lines({ measures, all }: Evaluation, row: MeasureValues): string {
  const { qid, values } = row;
  return measures.map((measure, m) => {
    if (measure.family === 'num_q' && row !== all) return '';
    const value = values[m]!;
    return `${measure.name.padEnd(22)}\t${qid}\t${isCount(measure) ? String(Math.trunc(value)) : printf4(value)}\n`;
  }).join('');
}

/**
 * C's `%6.4f` (the values are never negative, so never shorter than 6 characters). C rounds the
 * exact binary value half to even; toFixed rounds an exact half up. An exact half at the 5th
 * decimal happens only for multiples of 1/32 with an odd numerator (1/32 = 0.03125: C prints
 * 0.0312, toFixed 0.0313), so those are rounded here.
 */
export function printf4(value: number): string {
  const thirtySeconds = value * 32;
  if (Number.isInteger(thirtySeconds) && thirtySeconds % 2 === 1 && value < 1e6) {
    // value * 10000 is exact here (an odd multiple of 312.5); round it half to even.
    const floor = Math.floor(value * 10000);
    const n = floor % 2 === 0 ? floor : floor + 1;
    return `${Math.floor(n / 10000)}.${String(n % 10000).padStart(4, '0')}`;
  }
  return value.toFixed(4);
}
