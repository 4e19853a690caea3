// `webrerank eval`'s command line and its progress lines (the bar itself needs a terminal).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEval } from '../src/node/eval-args.js';
import { describeProgress, progressReport } from '../src/node/progress-report.js';
import { defaultScoreCacheDir } from '../src/node/score-cache.js';

describe('parseEval', () => {
  it('reads --beir with its defaults and the model flags', () => {
    expect(parseEval(['--beir', 'dir', '--model', 'm', '--max-length', '256', '--backend', 'node', '--threads', '4'], '/cache')).toMatchObject({
      command: 'eval', model: 'm', backend: 'node', threads: 4, options: { maxLength: 256 }, cacheDir: '/cache', measures: undefined,
      source: { kind: 'beir', dir: 'dir', split: 'test', run: undefined, topK: 100, out: 'reranked.run', resume: false },
    });
    expect(parseEval(['--beir', 'd', '--model', 'm', '--no-cache', '--measures', 'map, P_5', '--resume', '--top-k', '20'], '/c')).toMatchObject({
      cacheDir: undefined, measures: ['map', 'P_5'], source: { resume: true, topK: 20 },
    });
    expect(parseEval(['--jsonl', 'f', '--model', 'm'], '/c')).toMatchObject({ source: { kind: 'jsonl', file: 'f' }, cacheDir: undefined });
  });

  it('refuses contradictions and unused flags with INVALID_OPTION', () => {
    const cases: [string[], RegExp][] = [
      [['--model', 'm'], /one of --beir DIR and --jsonl FILE/],
      [['--beir', 'd', '--jsonl', 'f', '--model', 'm'], /one of --beir/],
      [['--beir', 'd'], /--model is required/],
      [['--jsonl', 'f', '--model', 'm', '--resume'], /--resume is for --beir/],
      [['--jsonl', 'f', '--model', 'm', '--cache-dir', 'x'], /--cache-dir is for --beir/],
      [['--beir', 'd', '--model', 'm', '--no-cache', '--cache-dir', 'x'], /exclude each other/],
      [['--beir', 'd', '--model', 'm', '--top-k', 'ten'], /--top-k takes an integer/],
      [['--beir', 'd', '--model', 'm', '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) expect(() => parseEval(args, '/c')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringMatching(message) as unknown }));
  });

  it('puts the cache under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultScoreCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/webrerank/scores');
    expect(defaultScoreCacheDir({})).toMatch(/\.cache\/webrerank\/scores$/);
  });
});

describe('progress lines (stderr not a terminal)', () => {
  it('prints a line per interval and the last state at stop', () => {
    let text = '';
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => { text += chunk.toString(); done(); } }) as unknown as NodeJS.WriteStream;
    let now = 0;
    const report = progressReport(stream, { intervalMs: 1000, now: () => now });
    const at = (pairsDone: number): Parameters<typeof report.update>[0] => ({
      queriesDone: pairsDone / 10, queriesTotal: 10, pairsDone, pairsTotal: 100, pairsScored: pairsDone, pairsPerSecond: 20, etaSeconds: (100 - pairsDone) / 20,
    });
    report.update(at(0));
    now = 500;
    report.update(at(10));
    now = 1000;
    report.update(at(20));
    now = 1200;
    report.update(at(100));
    report.stop();
    expect(text).toBe([
      'webrerank: eval: 0/100 pairs (0.0%), 0/10 queries, 20.0 pairs/s, ETA 5s',
      'webrerank: eval: 20/100 pairs (20.0%), 2/10 queries, 20.0 pairs/s, ETA 4s',
      'webrerank: eval: 100/100 pairs (100.0%), 10/10 queries, 20.0 pairs/s, ETA 0s',
      '',
    ].join('\n'));
    expect(describeProgress({ ...at(0), pairsPerSecond: 0, etaSeconds: undefined })).toContain('ETA ?');
    expect(describeProgress({ ...at(0), etaSeconds: 3725 })).toContain('ETA 1h02m');
  });
});
