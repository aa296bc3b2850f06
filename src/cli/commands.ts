/**
 * @file The subcommand table: names, one-line summaries, option specs and help texts. Kept free
 * of engine and plot imports so `gradtape --help` is instant; each command's code is loaded
 * only when it runs.
 */
import type { OptionSpecs, Parsed } from './args.js';
import type { CommandIO } from './io.js';

/** A runnable subcommand module (commands/*.ts). */
export interface CommandModule {
  /** Runs the command; a number is its exit status when it finished but the outcome is not a success (descend: 3). */
  run(args: Parsed, io: CommandIO): Promise<void | number>;
}

export interface CommandInfo {
  readonly name: string;
  readonly summary: string;
  readonly options: OptionSpecs;
  readonly help: string;
  readonly load: () => Promise<CommandModule>;
}

const common = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** The commands that compute with tensors can run them on another backend. */
const computing = { ...common, backend: { type: 'string' } } as const satisfies OptionSpecs;

const figure = {
  ...computing,
  output: { type: 'string', short: 'o' },
  width: { type: 'string' },
  height: { type: 'string' },
} as const satisfies OptionSpecs;

const FORMULA_HELP = `Formulas: numbers (2, .5, 1e-3), pi, e, + - * / and ^ or ** (-x^2 is -(x^2)),
parentheses, and the functions sin cos tan asin acos atan sinh cosh tanh asinh acosh
atanh exp expm1 log ln log1p sqrt rsqrt abs sign square reciprocal sigmoid relu
softplus elu erf floor ceil round, atan2(y, x) min(a, b) max(a, b) pow(a, b) mod(a, b)
heaviside(x, h0).
Write every product with * (2*x, not 2x). Quote the formula for the shell.`;

const FIGURE_HELP = `  -o, --output FILE    where to write the figure; the extension picks the format
  --width N, --height N  figure size in pixels (default 640 x 480)
  --backend NAME       compute on 'cpu' (default) or 'webgpu' (needs the optional
                       package webgpu and a GPU or a software driver)
  --json               print a JSON summary (samples, files) instead of text
  -h, --help           show this help`;

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: 'plot',
    summary: "plot f(x) and its derivative f'(x) (from the gradient tape)",
    options: {
      ...figure,
      range: { type: 'string' },
      points: { type: 'string' },
      ylim: { type: 'string' },
      'no-symbolic': { type: 'boolean' },
    },
    help: `Usage: gradtape plot "<f(x)>" [--range -5:5] [--points 100] [--ylim A:B] [--no-symbolic] [-o plot.png|.svg]

Plots f and its derivative f' over a range; the values of f' come from a GradientTape.
The legend shows f in LaTeX and f' as its symbolic derivative, simplified
(f'(x) = 10\\cos(2x) + 2x), which always equals the tape's values; a derivative too long to
read (over 200 terms and operations) is labelled f'(x) only.

Options:
  --range A:B          x range, A < B (default -5:5; -pi:pi works)
  --points N           number of samples (default 100)
  --ylim A:B           y-axis limits (default: fit the data), e.g. for poles like 1/x
  --no-symbolic        label the derivative f'(x) without its formula
${FIGURE_HELP.replace('format', 'format (.png, .svg; default plot.png)')}

Where f is undefined (NaN) or infinite, f and f' are left out (the lines break there, and
f' is not drawn where f is undefined) and the output says how many samples were; an f
undefined on the whole range is an error (exit 2).

Example:
  gradtape plot "5*sin(2*x) + x^2" --range -5:5 -o f.png

${FORMULA_HELP}`,
    load: () => import('./commands/plot.js'),
  },
  {
    name: 'surface',
    summary: 'draw f(x, y) as a shaded 3-D surface',
    options: {
      ...figure,
      x: { type: 'string' },
      y: { type: 'string' },
      points: { type: 'string' },
      view: { type: 'string' },
      cmap: { type: 'string' },
    },
    help: `Usage: gradtape surface "<f(x,y)>" [--x -1:1] [--y -1:1] [--view -140,120] [--points 50] [-o surface.png|.svg]

Options:
  --x A:B, --y A:B     ranges of x and y (default -1:1 each)
  --points N           grid points per axis (default 50)
  --view ELEV,AZIM     camera elevation and azimuth in degrees, as viewInit (default 30,-60)
  --cmap NAME          colormap (default viridis)
${FIGURE_HELP.replace('format', 'format (.png, .svg; default surface.png)')}

Where f is undefined (NaN) or infinite the surface has holes, and the output says how many
grid points were left out; an f undefined everywhere on the grid is an error (exit 2).

Example:
  gradtape surface "(sin(4*x) - cos(5*y))/5" --x -1:1 --y -1:1 --view -140,120 -o surface.png

${FORMULA_HELP}`,
    load: () => import('./commands/surface.js'),
  },
  {
    name: 'contour',
    summary: 'draw labelled contour lines of f(x, y)',
    options: {
      ...figure,
      x: { type: 'string' },
      y: { type: 'string' },
      points: { type: 'string' },
      levels: { type: 'string' },
      filled: { type: 'boolean' },
    },
    help: `Usage: gradtape contour "<f(x,y)>" [--x -1:1] [--y -1:1] [--levels 10] [--filled] [-o contour.png|.svg]

Options:
  --x A:B, --y A:B     ranges of x and y (default -1:1 each)
  --levels N           number of contour levels (default 10)
  --filled             fill between the levels (contourf) and add a colorbar
  --points N           grid points per axis (default 100)
${FIGURE_HELP.replace('format', 'format (.png, .svg; default contour.png)')}

A constant f has no contour lines: the figure is written without any, the output says
"no contour levels", and the exit code is 0 (as matplotlib warns and draws an empty plot).
An f undefined everywhere on the grid is an error (exit 2).

Example:
  gradtape contour "(sin(4*x) - cos(5*y))/5" --levels 10 -o contour.svg

${FORMULA_HELP}`,
    load: () => import('./commands/contour.js'),
  },
  {
    name: 'descend',
    summary: 'race optimizers down f(x, y) on a labelled contour plot (GIF, MP4, HTML, PNG, SVG)',
    options: {
      ...figure,
      start: { type: 'string' },
      optimizer: { type: 'string', multiple: true },
      steps: { type: 'string' },
      x: { type: 'string' },
      y: { type: 'string' },
      levels: { type: 'string' },
      points: { type: 'string' },
      fps: { type: 'string' },
    },
    help: `Usage: gradtape descend "<f(x,y)>" [--start 0.25,-0.5] [--optimizer SPEC]... [--steps 120] [-o race.gif]

Runs each optimizer from the same start point on f and animates the paths over a labelled
contour plot of f, one colour per optimizer with a legend. Prints each optimizer's final
point and loss and how its path ended. A progress bar shows on stderr while frames render.
A path diverges when f or a coordinate stops being finite, or f moves more than 1e12 times
max(1, |f(start)|) from its start; the figure is still written, and the exit status is 3.

Options:
  --start X,Y          start point (default 0.25,-0.5)
  --optimizer SPEC     name[:key=value,...], repeatable (default sgd:lr=0.01), e.g.
                         sgd:lr=0.01,momentum=0.9   rmsprop:lr=0.01   adam:lr=0.05
                       optimizers: sgd rmsprop adam adamw adagrad adadelta adamax nadam
                       ftrl lion lbfgs; keys in camelCase, snake_case or lr
  --steps N            optimizer steps (default 120)
  --x A:B, --y A:B     plot ranges (default -1:1 each)
  --levels N           contour levels (default 10)
  --points N           contour grid points per axis (default 100)
  --fps N              frames per second of the animation (default 20)
${FIGURE_HELP.replace('format', 'format (.gif, .mp4 [needs ffmpeg], .html,\n                       .png or .svg for the final frame; default descend.gif)').replace('software driver)', 'software driver);\n                       the contour grid runs there, the paths on the CPU')}

Example:
  gradtape descend "(sin(4*x) - cos(5*y))/5" --start 0.25,-0.5 \\
    --optimizer sgd:lr=0.01 --optimizer rmsprop:lr=0.01 --steps 120 -o race.gif

${FORMULA_HELP}`,
    load: () => import('./commands/descend.js'),
  },
  {
    name: 'grad',
    summary: 'print the value, gradient (and Hessian) of a formula at a point',
    options: { ...computing, at: { type: 'string' }, hessian: { type: 'boolean' } },
    help: `Usage: gradtape grad "<f>" --at x=1,y=2 [--hessian] [--json]

Evaluates f at a point and differentiates it with the gradient tape: the value, the
gradient (one partial derivative per variable, in alphabetical order) and, with
--hessian, the matrix of second derivatives. Each derivative is printed with its
symbolic formula beside its value (∂f/∂x = 2*x*y = 4); a formula too long to read
(over 200 terms and operations) is left out, and null in --json.

Options:
  --at NAME=V,...      the point: a value for every variable of the formula
  --hessian            also print the Hessian
  --backend NAME       compute on 'cpu' (default) or 'webgpu'
  --json               print {"value", "gradient", "hessian", "symbolic", ...} as JSON
  -h, --help           show this help

Example:
  gradtape grad "x^2*y" --at x=1,y=2 --hessian

${FORMULA_HELP}`,
    load: () => import('./commands/grad.js'),
  },
  {
    name: 'demo',
    summary: 'run the whole TensorFlow-tutorial walkthrough, writing every figure to a folder',
    options: { ...common, out: { type: 'string' } },
    help: `Usage: gradtape demo [--out out]

Runs the tutorial (examples/tutorial.ts): derivatives of x^2 + 1 and 5*sin(2x) + x^2,
partial derivatives with a persistent tape, the 3-D surface, one SGD step and the
120-step descent animation, printing what each cell prints and writing the figures.

Options:
  --out DIR            output folder (default out; created if missing)
  --json               print the list of written files as JSON
  -h, --help           show this help`,
    load: () => import('./commands/demo.js'),
  },
  {
    name: 'serve',
    summary: 'serve the interactive web page (dist-web/) on localhost',
    options: { ...common, port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' } },
    help: `Usage: gradtape serve [--port 8080] [--host 127.0.0.1] [--dir dist-web]

Serves the built web page (npm run build:web writes it to dist-web/) until interrupted.
Only files inside the folder are served (no .., no symlinks out, no dotfiles), only to
requests whose Host names this machine (localhost, 127.0.0.1, [::1] or --host) and port,
with X-Content-Type-Options: nosniff and a Content-Security-Policy on every answer.

Options:
  --port N             port (default 8080; 0 picks a free one)
  --host HOST          interface to listen on (default 127.0.0.1)
  --dir DIR            folder to serve (default: the package's dist-web/)
  --json               print {"url": ...} once listening
  -h, --help           show this help`,
    load: () => import('./commands/serve.js'),
  },
];

/**
 * The top-level help.
 *
 * @example
 * console.log(mainHelp('0.1.0'));
 */
export function mainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `gradtape ${version}: derivatives, gradients and optimizer races from formulas

Usage: gradtape <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'gradtape <command> --help' for a command's options. Exit codes: 0 success,
2 usage or formula error (unknown optimizer or option included), 3 an optimizer of
'descend' diverged, 1 anything else. A reader that closes the output early (| head)
ends the command quietly.

--json prints one JSON document on stdout (an {"error": ...} object on failure); JSON
has no NaN or infinities, so those numbers are written as the strings "NaN",
"Infinity" and "-Infinity".

Examples:
  gradtape plot "5*sin(2*x) + x^2" --range -5:5 -o f.png
  gradtape grad "x^2*y" --at x=1,y=2 --hessian
  gradtape demo`;
}
