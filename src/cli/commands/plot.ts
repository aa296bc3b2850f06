/**
 * @file `gradtape plot`: f(x) and f'(x) on one axes. f' is the tape's gradient of f at every
 * sample (each output depends only on its own input, so the gradient of the sum is f').
 */
import { GradientTape, broadcastTo, linspace, type Tensor } from '../../index.js';
import { expr } from '../../expr/index.js';
import { Figure } from '../../plot/index.js';
import { parseCount, parseRange, takeFormula, type Parsed } from '../args.js';
import { figureSetup, opt } from '../figure-options.js';
import type { CommandIO } from '../io.js';
import { fmt } from '../io.js';
import { writeAtomically } from '../output.js';
import { formulaTitle } from '../title.js';

/** Samples of f and f' on a grid, as plain arrays. */
export interface Samples { x: number[]; f: number[]; df: number[] }

/**
 * f and its tape derivative at `points` samples over [lo, hi].
 *
 * @example
 * sampleWithDerivative(expr('x^2'), -1, 1, 3); // { x: [-1, 0, 1], f: [1, 0, 1], df: [-2, 0, 2] }
 */
export function sampleWithDerivative(f: (x: Tensor) => Tensor, lo: number, hi: number, points: number): Samples {
  const x = linspace(lo, hi, points);
  const tape = new GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return broadcastTo(f(x), x.shape);
  });
  const dy = tape.gradient(y, x, { unconnectedGradients: 'zero' }) as Tensor;
  return { x: Array.from(x.data()), f: Array.from(y.data()), df: Array.from(dy.data()) };
}

/**
 * Run `gradtape plot` with parsed arguments.
 *
 * @example
 * await run(parseCommandLine(['x^2', '-o', 'f.png'], COMMANDS[0].options, 'plot'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  const formula = takeFormula(args.positionals, 'plot', '5*sin(2*x) + x^2');
  const [lo, hi] = parseRange(opt(args, 'range', '-5:5'), '--range', 'plot');
  const points = parseCount(opt(args, 'points', '100'), '--points', 2, 100_000, 'plot');
  const ylim = typeof args.values.ylim === 'string' ? parseRange(args.values.ylim, '--ylim', 'plot') : undefined;
  const setup = figureSetup(args, 'plot', 'plot.png', ['png', 'svg']);
  const f = expr(formula, { variables: ['x'] });
  const tex = f.toTeX();

  const s = sampleWithDerivative((x) => f(x), lo, hi, points);
  const fig = new Figure({ width: setup.width, height: setup.height });
  const ax = fig.addAxes();
  ax.plot(s.x, s.f, { label: formulaTitle('f(x)', f) });
  ax.plot(s.x, s.df, { label: "$f'(x)$", lineStyle: '--' });
  ax.xlabel('$x$');
  if (ylim) ax.setYlim(ylim[0], ylim[1]);
  ax.legend();
  ax.grid(true, { alpha: 0.3 });
  await writeAtomically(setup.output, (tmp) => fig.save(tmp));

  io.print(`wrote ${setup.output.path}: f(x) = ${f.toString()} and f'(x) at ${points} points on [${fmt(lo)}, ${fmt(hi)}]`);
  io.result({
    command: 'plot', formula: f.source, canonical: f.toString(), tex, range: [lo, hi], points,
    output: setup.output.path, x: s.x, f: s.f, df: s.df,
  });
}
