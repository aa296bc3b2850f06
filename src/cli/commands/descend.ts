/**
 * @file `gradtape descend`: several optimizers race down f(x, y) from one start point; the
 * paths are drawn over labelled contours and animated (GIF, MP4, HTML) or drawn final (PNG, SVG).
 * The optimizers and the path recording are the library's (`race`, optimizer specs).
 */
import { expr } from '../../expr/index.js';
import { getBackend, setBackend } from '../../backends/registry.js';
import { describeStop, optimizerFromSpec, parseOptimizerSpec, race } from '../../optim/index.js';
import { Figure, FuncAnimation } from '../../plot/index.js';
import { findFfmpeg } from '../../plot/animation/video.js';
import { parseCount, parseNumbers, parseRange, takeFormula, type Parsed } from '../args.js';
import { EXIT_DIVERGED, UsageError } from '../errors.js';
import { figureSetup, opt } from '../figure-options.js';
import { sampleGrid } from '../grid.js';
import { fmt, fmtList, type CommandIO } from '../io.js';
import { progressBar } from '../progress.js';
import { formulaTitle } from '../title.js';

const ANIMATED = ['gif', 'mp4', 'html'];

/** Check every spec now (unknown optimizer or option -> exit 2), before any rendering. */
function checkSpecs(specs: readonly string[]): void {
  for (const spec of specs) {
    try {
      parseOptimizerSpec(spec);
      optimizerFromSpec(spec);
    } catch (err) {
      const message = (err as Error).message.replace(/^(parseOptimizerSpec|optimizerFromSpec)\('[^']*'\): /, '');
      throw new UsageError(`--optimizer ${spec}: ${message}`, 'descend');
    }
  }
}

/**
 * Run `gradtape descend` with parsed arguments.
 *
 * @example
 * await run(parseCommandLine(['x^2 + y^2', '--optimizer', 'adam:lr=0.1', '-o', 'race.gif'], options, 'descend'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<number> {
  const formula = takeFormula(args.positionals, 'descend', '(sin(4*x) - cos(5*y))/5');
  const start = parseNumbers(opt(args, 'start', '0.25,-0.5'), 2, '--start', 'descend');
  const specs = (args.values.optimizer as string[] | undefined) ?? ['sgd:lr=0.01'];
  const steps = parseCount(opt(args, 'steps', '120'), '--steps', 1, 100_000, 'descend');
  const xRange = parseRange(opt(args, 'x', '-1:1'), '--x', 'descend');
  const yRange = parseRange(opt(args, 'y', '-1:1'), '--y', 'descend');
  const levels = parseCount(opt(args, 'levels', '10'), '--levels', 1, 200, 'descend');
  const points = parseCount(opt(args, 'points', '100'), '--points', 2, 2000, 'descend');
  const fps = parseCount(opt(args, 'fps', '20'), '--fps', 1, 120, 'descend');
  const setup = await figureSetup(args, 'descend', 'descend.gif', [...ANIMATED, 'png', 'svg']);
  if (setup.output.format === 'mp4' && !(await findFfmpeg())) {
    throw new UsageError(
      `-o ${setup.output.path}: writing .mp4 needs ffmpeg on the PATH; install it or use .gif or .html`,
      'descend',
    );
  }
  checkSpecs(specs);
  const f = expr(formula, { variables: ['x', 'y'] });

  // The paths are scalar steps on two numbers, which no GPU speeds up, and they are read after every step: they
  // run on the CPU whatever --backend says; the contour grid is computed on the chosen backend.
  const paths = await onCpu(() => race(f, { x: start[0]!, y: start[1]! }, specs, { steps }));

  const { X, Y, Z } = await sampleGrid(f, xRange, yRange, points);
  const fig = new Figure({ width: setup.width, height: setup.height });
  const ax = fig.addAxes();
  const cs = ax.contour(X, Y, Z, { levels, colors: 'gray' });
  ax.clabel(cs, { inline: true, fontSize: 9 });
  ax.plot([start[0]!], [start[1]!], { marker: 'o', color: 'black', lineStyle: 'none', label: 'start' });
  const animated = ANIMATED.includes(setup.output.format);
  const lines = paths.map((p) => {
    const xs = p.points.map((q) => q[0]!);
    const ys = p.points.map((q) => q[1]!);
    const line = ax.plot(animated ? xs.slice(0, 1) : xs, animated ? ys.slice(0, 1) : ys, {
      label: p.label,
      lineWidth: 2,
      marker: 'o',
      markerSize: 3,
      animated,
    });
    return { line, xs, ys };
  });
  ax.setXlim(xRange[0], xRange[1]);
  ax.setYlim(yRange[0], yRange[1]);
  ax.xlabel('$x$');
  ax.ylabel('$y$');
  ax.title(formulaTitle('f(x, y)', f));
  ax.legend({ loc: 'upper right' });

  if (animated) {
    const frames = Math.max(...paths.map((p) => p.points.length));
    const bar = progressBar(frames, 'frames', io.stderr);
    const anim = new FuncAnimation(
      fig,
      (i: number) => {
        for (const { line, xs, ys } of lines) line.setData(xs.slice(0, i + 1), ys.slice(0, i + 1));
      },
      { frames, interval: 1000 / fps },
    );
    await anim.save(setup.output.path, { fps, onProgress: () => bar.tick() });
    bar.done();
  } else {
    await fig.save(setup.output.path);
  }

  io.print(`f(x, y) = ${f.toString()}, start (${fmt(start[0]!)}, ${fmt(start[1]!)}), at most ${steps} steps`);
  const width = Math.max(...paths.map((p) => p.label.length));
  for (const p of paths) {
    const last = p.points[p.points.length - 1]!;
    io.print(
      `  ${p.label.padEnd(width)}  final ${fmtList(last)}  loss ${fmt(p.losses[p.losses.length - 1]!)}  — ${describeStop(p)}`,
    );
  }
  io.print(`wrote ${setup.output.path}`);
  const diverged = paths.filter((p) => p.stopReason === 'diverged');
  io.result({
    command: 'descend',
    formula: f.source,
    canonical: f.toString(),
    tex: f.toTeX(),
    start,
    steps,
    output: setup.output.path,
    results: paths.map((p) => ({
      optimizer: p.label,
      final: p.points[p.points.length - 1],
      loss: p.losses[p.losses.length - 1],
      steps: p.steps,
      stopReason: p.stopReason,
      ending: describeStop(p),
      converged: p.converged,
      points: p.points,
      losses: p.losses,
    })),
  });
  if (diverged.length === 0) return 0;
  // stderr, so it shows under --json too; the figure is written, but the race did not end well
  io.stderr.write(
    `gradtape descend: ${diverged.map((p) => `${p.label} ${describeStop(p)}`).join('; ')} (exit status ${EXIT_DIVERGED})\n`,
  );
  return EXIT_DIVERGED;
}

/** `fn()` computed on the CPU backend, the active backend restored after it. @example await onCpu(() => race(...)) */
async function onCpu<T>(fn: () => T): Promise<T> {
  const active = getBackend();
  if (active === 'cpu') return fn();
  await setBackend('cpu');
  try {
    return fn();
  } finally {
    await setBackend(active);
  }
}
