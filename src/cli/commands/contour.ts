/**
 * @file `gradtape contour`: labelled contour lines of f(x, y).
 */
import { expr } from '../../expr/index.js';
import { Figure } from '../../plot/index.js';
import { parseCount, parseRange, takeFormula, type Parsed } from '../args.js';
import { figureSetup, opt } from '../figure-options.js';
import { rows, sampleGrid } from '../grid.js';
import type { CommandIO } from '../io.js';
import { writeAtomically } from '../output.js';
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
  const setup = figureSetup(args, 'contour', 'contour.png', ['png', 'svg']);
  const f = expr(formula, { variables: ['x', 'y'] });

  const { X, Y, Z } = sampleGrid(f, xRange, yRange, points);
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
  await writeAtomically(setup.output, (tmp) => fig.save(tmp));

  const levelValues = Array.from(cs.levels ?? []);
  io.print(`wrote ${setup.output.path}: ${levelValues.length || levels} contour levels of f(x, y) = ${f.toString()}`);
  io.result({
    command: 'contour', formula: f.source, canonical: f.toString(), tex: f.toTeX(), x: xRange, y: yRange, points, filled,
    levels: levelValues, output: setup.output.path, grid: { x: rows(X)[0], y: rows(Y).map((r) => r[0]), z: rows(Z) },
  });
}
