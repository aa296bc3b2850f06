/**
 * @file `npx tsx bench/derivative.ts`: how long symbolic differentiation plus simplification takes
 * (target: under 50 ms for any formula the CLI accepts), and the textbook-table report. Cases: the
 * textbook table, random formulas from the property test's generator, and the largest formulas the
 * parser accepts (a 999-term sum, 250 nested calls, a 999-factor product, repeated squaring).
 * Each case is timed as the median of several runs after a warm-up; the worst case is what counts.
 * Started through tsx it reruns itself bundled as plain JavaScript (bundle.ts), as the CLI runs.
 */
import fc from 'fast-check';
import os from 'node:os';
import { BUNDLED, relaunchBundled } from './bundle.js';
import { parse } from '../src/expr/parser.js';
import { derivativeText } from '../src/expr/derivative.js';
import { derivativeLabel } from '../src/expr/derivative-label.js';
import { expr } from '../src/expr/expr.js';
import { TEXTBOOK } from '../test/fixtures/derivative-table.js';
import { textbookReport } from '../test/fixtures/derivative-report.js';
import { formulaArbitrary } from '../test/fixtures/formula-arbitrary.js';

/**
 * Milliseconds of this process's CPU time (user + system) that `fn` takes. On a shared, oversubscribed
 * machine the wall clock also counts the time other processes had the CPU; CPU time does not.
 */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median CPU milliseconds to parse and differentiate `source` by x (parsing included: the CLI does both). */
function time(source: string, runs = 7): number {
  derivativeText(parse(source), 'x');
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) ts.push(cpuMs(() => derivativeText(parse(source), 'x')));
  return median(ts);
}

const nest = (n: number, wrap: (s: string) => string): string => {
  let s = 'x';
  for (let i = 0; i < n; i++) s = wrap(s);
  return s;
};

const LARGE: Array<[string, string]> = [
  ['sum of 300 terms x^k/k', Array.from({ length: 300 }, (_, k) => `x^${k + 1}/${k + 1}`).join(' + ')],
  ['250 nested sin', nest(250, (s) => `sin(${s})`)],
  ['120 nested sin(x*…)', nest(120, (s) => `sin(x*${s})`)],
  [
    'product of 999 factors',
    Array.from({ length: 999 }, (_, k) => (k % 3 === 0 ? 'x' : k % 3 === 1 ? 'sin(x)' : 'exp(x)')).join('*'),
  ],
  ['60 nested (…)^2 + x', nest(60, (s) => `(${s})^2 + x`)],
  ['40 nested quotients', nest(40, (s) => `(${s})/(x + 1)`)],
  ['100 nested x^(…)', nest(100, (s) => `x^(${s})`)],
];

if (!BUNDLED) console.log(`(not bundled, timings include tsx's overhead: ${await relaunchBundled('derivative')})`);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} CPUs`,
);
console.log(textbookReport().text);
console.log();

const table = TEXTBOOK.map((r) => time(r.f));
console.log(
  `textbook table (${table.length} formulas): median ${median(table).toFixed(3)} ms, max ${Math.max(...table).toFixed(3)} ms`,
);

const random = fc.sample(formulaArbitrary(6), { numRuns: 500, seed: 17 }).map((s) => time(s, 3));
console.log(
  `random formulas (500, depth ≤ 6): median ${median(random).toFixed(3)} ms, max ${Math.max(...random).toFixed(3)} ms`,
);

/** Median CPU milliseconds for what the CLI does: parse, then the bounded derivative label. */
function timeLabel(source: string, runs = 5): [number, string] {
  const once = (): string => {
    const l = derivativeLabel(expr(source), 'x');
    return l.ok ? `${l.nodes} nodes` : 'too long to show';
  };
  const shown = once();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) ts.push(cpuMs(once));
  return [median(ts), shown];
}

let worst = Math.max(...table, ...random);
console.log('\nlargest formulas the CLI accepts: full derivative (derivative()), and the bounded label the CLI shows');
for (const [name, source] of LARGE) {
  let full: string;
  try {
    full = `${time(source, 3).toFixed(2)} ms`;
  } catch (err) {
    full = `refused (${(err as Error).message.slice(0, 60)}…)`;
  }
  const [ms, shown] = timeLabel(source);
  worst = Math.max(worst, ms);
  console.log(`  ${name} (${source.length} chars): full ${full}; label ${ms.toFixed(2)} ms (${shown})`);
}
console.log(`worst case of the CLI path: ${worst.toFixed(2)} ms of CPU time (target < 50 ms)`);
