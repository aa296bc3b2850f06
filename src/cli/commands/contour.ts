/**
 * @file `gradtape contour`: labelled contour lines of f(x, y). A formula undefined on the whole grid
 * is a usage error (exit 2). A constant one has no contour lines: like matplotlib (an empty plot and
 * a "no contour levels" warning) the figure is still written and the exit code is 0, but the output
 * says there are no levels and why, instead of claiming the levels that were asked for.
 */
import { expr } from '../../expr/index.js';
import { Figure } from '../../plot/index.js';
import { parseCount, parseRange, takeFormula, type Parsed } from '../args.js';
import { figureSetup, opt } from '../figure-options.js';
import { definedRange, sampleGrid, undefinedNote } from '../grid.js';
import { fmt, type CommandIO } from '../io.js';
import { formulaTitle } from '../title.js';

/**
 * Run `gradtape contour` with parsed arguments.
 *
 * @example
 * await run(parseCommandLine(['x^2 + y^2', '--levels', '8'], options, 'contour'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  const formula = takeFormula(args.positionals, 'contour', '(sin(4*x) - cos(5*y))/5');
  const xRange = parseRange(opt(args, 'x', '-1:1'), '--x', 'contour');
  const yRange = parseRange(opt(args, 'y', '-1:1'), '--y', 'contour');
  const points = parseCount(opt(args, 'points', '100'), '--points', 2, 2000, 'contour');
  const levels = parseCount(opt(args, 'levels', '10'), '--levels', 1, 200, 'contour');
  const setup = await figureSetup(args, 'contour', 'contour.png', ['png', 'svg']);
  const f = expr(formula, { variables: ['x', 'y'] });

  const { X, Y, Z } = await sampleGrid(f, xRange, yRange, points);
  const defined = definedRange(Z, f, xRange, yRange, 'contour');
  const fig = new Figure({ width: setup.width, height: setup.height });
  const ax = fig.addAxes();
  const filled = args.values.filled === true;
  // Filled bands under black labelled lines, as matplotlib's contourf + contour idiom.
  if (filled) ax.colorbar(ax.contourf(X, Y, Z, { levels, cmap: 'viridis' }));
  const cs = ax.contour(X, Y, Z, filled ? { levels, colors: 'black' } : { levels });
  ax.clabel(cs, { inline: true, fontSize: 10 });
  ax.xlabel('$x$');
  ax.ylabel('$y$');
  ax.title(formulaTitle('f(x, y)', f));
  await fig.save(setup.output.path);

  const levelValues = Array.from(cs.levels ?? []);
  const constant = defined.min === defined.max;
  io.print(
    constant
      ? `wrote ${setup.output.path}: no contour levels: f(x, y) = ${f.toString()} is constant (${fmt(defined.min)}) on the grid, so it has no contour lines`
      : `wrote ${setup.output.path}: ${levelValues.length} contour level${levelValues.length === 1 ? '' : 's'} of f(x, y) = ${f.toString()}`,
  );
  const note = undefinedNote(defined, points * points);
  if (note) io.print(note);
  io.result({
    command: 'contour',
    formula: f.source,
    canonical: f.toString(),
    tex: f.toTeX(),
    x: xRange,
    y: yRange,
    points,
    filled,
    levels: levelValues,
    constant,
    undefinedPoints: defined.undefinedPoints,
    output: setup.output.path,
    grid: { x: X[0], y: Y.map((r) => r[0]), z: Z },
  });
}
