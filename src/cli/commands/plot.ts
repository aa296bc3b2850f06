/**
 * @file `gradtape plot`: f(x) and f'(x) on one axes. f' is the tape's gradient of f at every
 * sample (each output depends only on its own input, so the gradient of the sum is f'); its legend
 * shows the symbolic derivative's formula (unless --no-symbolic, or when it is too long to read).
 * Where f is undefined or infinite the lines break (NaN leaves a gap, as in matplotlib) and
 * the output says how many samples were left out, as the playground does.
 */
import { GradientTape, broadcastTo, linspace, type Tensor } from '../../index.js';
import { derivativeLabel, expr } from '../../expr/index.js';
import { Figure } from '../../plot/index.js';
import { parseCount, parseRange, takeFormula, type Parsed } from '../args.js';
import { figureSetup, opt } from '../figure-options.js';
import type { CommandIO } from '../io.js';
import { fmt } from '../io.js';
import { UsageError } from '../errors.js';
import { formulaTitle } from '../title.js';

/** Samples of f and f' on a grid, as plain arrays; f' is NaN wherever f is not finite. */
export interface Samples {
  x: number[];
  f: number[];
  df: number[];
}

/**
 * f and its tape derivative at `points` samples over [lo, hi]. Where f is NaN or ±Infinity, f' is
 * NaN too: the tape's rule for log gives 1/x even where log(x) is NaN, but f' only means something
 * where f is defined (and a masked f' cannot join -20 to +20 across log's pole).
 *
 * @example
 * await sampleWithDerivative(expr('x^2'), -1, 1, 3); // { x: [-1, 0, 1], f: [1, 0, 1], df: [-2, 0, 2] }
 * (await sampleWithDerivative(expr('log(x)'), -1, 1, 2)).df; // [NaN, 1]
 */
export async function sampleWithDerivative(
  f: (x: Tensor) => Tensor,
  lo: number,
  hi: number,
  points: number,
): Promise<Samples> {
  const x = linspace(lo, hi, points);
  const tape = new GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return broadcastTo(f(x), x.shape);
  });
  const dy = tape.gradient(y, x, { unconnectedGradients: 'zero' }) as Tensor;
  // awaited reads work on every backend (a GPU's values arrive asynchronously)
  const fx = Array.from(await y.data());
  const dfx = Array.from(await dy.data(), (d, i) => (Number.isFinite(fx[i]) ? d : NaN));
  return { x: Array.from(await x.data()), f: fx, df: dfx };
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
  const setup = await figureSetup(args, 'plot', 'plot.png', ['png', 'svg']);
  const f = expr(formula, { variables: ['x'] });
  const tex = f.toTeX();
  const symbolic = args.values['no-symbolic'] === true ? undefined : derivativeLabel(f, 'x');

  const s = await sampleWithDerivative((x) => f(x), lo, hi, points);
  const undefinedF = s.f.filter((v) => !Number.isFinite(v)).length;
  const undefinedDf = s.df.filter((v, i) => Number.isFinite(s.f[i]) && !Number.isFinite(v)).length;
  if (undefinedF === points) {
    throw new UsageError(
      `f(x) = ${f.toString()} is undefined or infinite at every sample on [${fmt(lo)}, ${fmt(hi)}]; pick a --range where it is defined`,
      'plot',
    );
  }
  const fig = new Figure({ width: setup.width, height: setup.height });
  const ax = fig.addAxes();
  ax.plot(s.x, s.f, { label: formulaTitle('f(x)', f) });
  ax.plot(s.x, s.df, { label: symbolic?.ok ? `$f'(x) = ${symbolic.tex}$` : "$f'(x)$", lineStyle: '--' });
  ax.xlabel('$x$');
  if (ylim) ax.setYlim(ylim[0], ylim[1]);
  ax.legend();
  ax.grid(true, { alpha: 0.3 });
  await fig.save(setup.output.path);

  io.print(
    `wrote ${setup.output.path}: f(x) = ${f.toString()} and f'(x) at ${points} points on [${fmt(lo)}, ${fmt(hi)}]`,
  );
  if (undefinedF > 0)
    io.print(
      `note: f(x) is undefined or infinite at ${undefinedF} of ${points} sample points; those parts (of f and f') are left out.`,
    );
  if (undefinedDf > 0)
    io.print(
      `note: f'(x) is undefined or infinite at ${undefinedDf} sample point${undefinedDf === 1 ? '' : 's'} where f(x) is defined; left out of f'.`,
    );
  if (symbolic?.ok) io.print(`f'(x) = ${symbolic.text}`);
  else if (symbolic) io.print(`f'(x): ${symbolic.reason}; the legend says f'(x)`);
  io.result({
    command: 'plot',
    formula: f.source,
    canonical: f.toString(),
    tex,
    range: [lo, hi],
    points,
    ...(symbolic
      ? {
          derivative: symbolic.ok
            ? { text: symbolic.text, tex: symbolic.tex }
            : { shown: false, reason: symbolic.reason },
        }
      : {}),
    output: setup.output.path,
    x: s.x,
    f: s.f,
    df: s.df,
    undefinedPoints: { f: undefinedF, df: undefinedF + undefinedDf },
  });
}
