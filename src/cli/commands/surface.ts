/**
 * @file `gradtape surface`: f(x, y) as a shaded 3-D surface, camera set like `viewInit`. A formula
 * undefined on the whole grid is a usage error (exit 2) rather than a blank image.
 */
import { expr } from '../../expr/index.js';
import { Figure } from '../../plot/index.js';
import { parseCount, parseNumbers, parseRange, takeFormula, type Parsed } from '../args.js';
import { figureSetup, opt } from '../figure-options.js';
import { definedRange, sampleGrid, undefinedNote } from '../grid.js';
import { fmt, type CommandIO } from '../io.js';
import { formulaTitle } from '../title.js';

/**
 * Run `gradtape surface` with parsed arguments.
 *
 * @example
 * await run(parseCommandLine(['x*y', '--view', '-140,120'], options, 'surface'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  const formula = takeFormula(args.positionals, 'surface', '(sin(4*x) - cos(5*y))/5');
  const xRange = parseRange(opt(args, 'x', '-1:1'), '--x', 'surface');
  const yRange = parseRange(opt(args, 'y', '-1:1'), '--y', 'surface');
  const points = parseCount(opt(args, 'points', '50'), '--points', 2, 1000, 'surface');
  const view =
    typeof args.values.view === 'string' ? parseNumbers(args.values.view, 2, '--view', 'surface') : undefined;
  const cmap = opt(args, 'cmap', 'viridis');
  const setup = await figureSetup(args, 'surface', 'surface.png', ['png', 'svg']);
  const f = expr(formula, { variables: ['x', 'y'] });

  const { X, Y, Z } = await sampleGrid(f, xRange, yRange, points);
  const defined = definedRange(Z, f, xRange, yRange, 'surface');
  const fig = new Figure({ width: setup.width, height: setup.height });
  const ax = fig.addAxes3d();
  ax.plotSurface(X, Y, Z, { cmap });
  if (view) ax.viewInit(view[0]!, view[1]!);
  ax.title(formulaTitle('f(x, y)', f));
  await fig.save(setup.output.path);

  const zRange = [defined.min, defined.max];
  io.print(
    `wrote ${setup.output.path}: surface of f(x, y) = ${f.toString()} on a ${points}x${points} grid, z in [${fmt(zRange[0]!)}, ${fmt(zRange[1]!)}]`,
  );
  const note = undefinedNote(defined, points * points);
  if (note) io.print(note);
  io.result({
    command: 'surface',
    formula: f.source,
    canonical: f.toString(),
    tex: f.toTeX(),
    x: xRange,
    y: yRange,
    points,
    view: view ?? null,
    cmap,
    output: setup.output.path,
    zRange,
    undefinedPoints: defined.undefinedPoints,
    grid: { x: X[0], y: Y.map((r) => r[0]), z: Z },
  });
}
