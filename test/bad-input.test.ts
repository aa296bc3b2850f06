/**
 * @file Every public function and method, called with wrong arguments, fails with an Error whose message names
 * what the user called (or a documented alias of it), never with an internal crash such as "Cannot read
 * properties of undefined". The calls sweep each export of `gradtape` and `gradtape/plot`, and the public
 * methods of the classes a user makes, through a fixed set of bad argument lists; a call that succeeds is fine
 * (many functions take anything), one that throws must throw well.
 */
import { describe, expect, it } from 'vitest';
import * as g from '../src/index.js';
import * as p from '../src/plot/index.js';

const T = () => g.tensor([1, 2]);
/** Argument lists no function of the API accepts as meaningful input, or takes only with a clear error. */
const BAD: [string, () => unknown[]][] = [
  ['()', () => []],
  ['(undefined)', () => [undefined]],
  ['(null)', () => [null]],
  ["('abc')", () => ['abc']],
  ['({ foo: 1 })', () => [{ foo: 1 }]],
  ['(NaN)', () => [Number.NaN]],
  ['(-1)', () => [-1]],
  ['(1.5)', () => [1.5]],
  ['(() => 1)', () => [() => 1]],
  ["(tensor, 'x')", () => [T(), 'x']],
  ['(tensor, { foo: 1 })', () => [T(), { foo: 1 }]],
  ['(tensor [2], tensor [3])', () => [T(), g.tensor([1, 2, 3])]],
  ['(tensor, -1)', () => [T(), -1]],
  ['(tensor, null)', () => [T(), null]],
  ["('q', tensor)", () => ['q', T()]],
];

/** What an internal failure looks like: a property read or call on a value the code did not check. */
const CRASH =
  /Cannot read prop|is not a function|is not iterable|undefined is not|Cannot convert|Maximum call stack|Cannot use 'in'|Cannot destructure|Invalid array length/;

/** Names whose errors give the name of the method they are documented as an alias of. */
const ALIASES: Record<string, string> = {
  setXlabel: 'xlabel',
  setYlabel: 'ylabel',
  setZlabel: 'zlabel',
  setTitle: 'title',
};

/** Calls `call` with each bad argument list; returns the calls that threw badly, as readable lines. */
function badlyThrown(name: string, call: (args: unknown[]) => unknown): string[] {
  const wrong: string[] = [];
  const short = name.split('.').pop()!;
  const names = [short, ALIASES[short]].filter((n): n is string => n !== undefined);
  for (const [label, args] of BAD) {
    try {
      const r = call(args());
      if (r instanceof Promise) r.catch(() => {}); // async rejections are checked by their own tests
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (!(e instanceof Error) || CRASH.test(msg) || !names.some((n) => msg.includes(n)))
        wrong.push(`${name}${label}: ${e instanceof Error ? e.constructor.name : typeof e}: ${msg.slice(0, 160)}`);
    }
  }
  return wrong;
}

/** The exported functions of a module (classes, which start with a capital, have their own sweep). */
const functionsOf = (mod: Record<string, unknown>): [string, (...a: unknown[]) => unknown][] =>
  Object.entries(mod).filter(
    (e): e is [string, (...a: unknown[]) => unknown] => typeof e[1] === 'function' && !/^[A-Z]/.test(e[0]),
  );

describe('bad input: every error names what was called', () => {
  it('the functions of gradtape', () => {
    const wrong = functionsOf(g).flatMap(([name, f]) => badlyThrown(name, (a) => f(...a)));
    expect(wrong.join('\n')).toBe('');
  });

  it('the functions of gradtape/plot', () => {
    // functions that write files or start processes are left out: a bad argument could be a valid path
    const skip = new Set(['findFfmpeg']);
    const wrong = functionsOf(p)
      .filter(([name]) => !skip.has(name))
      .flatMap(([name, f]) => badlyThrown(name, (a) => f(...a)));
    expect(wrong.join('\n')).toBe('');
  });

  it('the Tensor methods', () => {
    const names = Object.getOwnPropertyNames(g.Tensor.prototype).filter(
      (n) =>
        !n.startsWith('_') &&
        n !== 'constructor' &&
        typeof Object.getOwnPropertyDescriptor(g.Tensor.prototype, n)!.value === 'function',
    );
    expect(names.length).toBeGreaterThan(50);
    const wrong = names.flatMap((n) =>
      badlyThrown(`Tensor.${n}`, (a) => (T() as never as Record<string, (...a: unknown[]) => unknown>)[n](...a)),
    );
    expect(wrong.join('\n')).toBe('');
  });

  // the public methods of each class, made afresh for every call (a failed call may leave an object half-changed)
  const classes: [string, () => object, string[]][] = [
    [
      'GradientTape',
      () => new g.GradientTape({ persistent: true }),
      [
        'record',
        'watch',
        'watchedVariables',
        'isWatching',
        'stopRecording',
        'reset',
        'gradient',
        'jacobian',
        'batchJacobian',
      ],
    ],
    ['Variable', () => new g.Variable([1, 2], { name: 'v' }), ['value', 'assign', 'assignAdd', 'assignSub']],
    ['ForwardAccumulator', () => new g.ForwardAccumulator(g.tensor(1), g.tensor(1)), ['record', 'jvp']],
    // every optimizer (LBFGS has no slots and no weight decay)
    ...Object.values(g.OPTIMIZER_SPECS).map((Opt): [string, () => object, string[]] => [
      Opt.name,
      () => new Opt({}),
      Opt === g.LBFGS ? ['minimize'] : ['minimize', 'applyGradients', 'excludeFromWeightDecay', 'getSlot'],
    ]),
    [
      'Figure',
      () => new p.Figure(),
      ['addAxes', 'addAxes3d', 'subplots', 'addSubplot', 'tightLayout', 'colorbar', 'suptitle', 'toSVG'],
    ],
    [
      'Axes',
      () => new p.Figure().addSubplot(),
      [
        'addArtist',
        'attachColorbar',
        'removeArtist',
        'plot',
        'axhline',
        'axvline',
        'text',
        'xlabel',
        'ylabel',
        'title',
        'setXlabel',
        'setYlabel',
        'setTitle',
        'setXlim',
        'setYlim',
        'setXscale',
        'setYscale',
        'setAspect',
        'setXticks',
        'setYticks',
        'grid',
        'legend',
        'scatter',
        'contour',
        'contourf',
        'bar',
        'hist',
        'fillBetween',
        'imshow',
        'clabel',
        'colorbar',
      ],
    ],
    [
      'Axes3D',
      () => new p.Figure().addAxes3d(),
      [
        'plotSurface',
        'plotWireframe',
        'plot3D',
        'plot',
        'scatter3D',
        'scatter',
        'viewInit',
        'setProjType',
        'setBoxAspect',
        'xlabel',
        'ylabel',
        'zlabel',
        'setXlabel',
        'setYlabel',
        'setZlabel',
        'title',
        'setTitle',
        'setXlim',
        'setYlim',
        'setZlim',
        'legend',
        'colorbar',
        'grid',
      ],
    ],
  ];
  for (const [cls, make, methods] of classes) {
    it(`the methods of ${cls}`, () => {
      const wrong = methods.flatMap((m) =>
        badlyThrown(`${cls}.${m}`, (a) => (make() as Record<string, (...a: unknown[]) => unknown>)[m]!(...a)),
      );
      expect(wrong.join('\n')).toBe('');
    });
  }
});

describe('a misspelt option is an error naming the function and the option, never ignored', () => {
  const x = g.tensor([1, 2]);
  const taped = () => {
    const t = new g.GradientTape();
    const y = t.record(() => {
      t.watch(x);
      return g.sum(x);
    });
    return { t, y };
  };
  const ax = () => new p.Figure().addSubplot();
  const grid = [
    [1, 2],
    [3, 4],
  ];
  // a typo here used to change the answer silently: another argument differentiated, a float64 result for
  // float32, a non-persistent tape, a line with no legend entry
  const cases: [string, RegExp, () => unknown][] = [
    [
      'GradientTape',
      /^GradientTape: unknown option 'persistant' \(did you mean 'persistent'\?\)/,
      () => new g.GradientTape({ persistant: true } as never),
    ],
    [
      'gradient',
      /^GradientTape\.gradient: unknown option 'unconnectedGradient'/,
      () => {
        const { t, y } = taped();
        t.gradient(y, x, { unconnectedGradient: 'zero' } as never);
      },
    ],
    [
      'jacobian',
      /^GradientTape\.jacobian: unknown option 'outputGradients'/,
      () => {
        const { t, y } = taped();
        t.jacobian(y, x, { outputGradients: x } as never);
      },
    ],
    [
      'grad',
      /^grad: unknown option 'argnum' \(did you mean 'argnums'\?\)/,
      () => g.grad((a: g.Tensor) => g.sum(a), { argnum: 1 } as never),
    ],
    ['jacfwd', /^jacfwd: unknown option 'argnum'/, () => g.jacfwd((a: g.Tensor) => a, { argnum: 0 } as never)],
    [
      'jit',
      /^jit: unknown option 'fastmath' \(did you mean 'fastMath'\?\)/,
      () => g.jit((a: g.Tensor) => a, { fastmath: false } as never),
    ],
    ['Variable', /^Variable: unknown option 'trainible'/, () => new g.Variable(1, { trainible: false } as never)],
    ['tensor', /^tensor: unknown option 'dtyp'/, () => g.tensor([1], { dtyp: 'float32' } as never)],
    [
      'ForwardAccumulator.jvp',
      /^ForwardAccumulator\.jvp: unknown option 'unconnected'/,
      () => new g.ForwardAccumulator(x, x).jvp(x, { unconnected: 'zero' } as never),
    ],
    ['expr', /^expr: unknown option 'vars'/, () => g.expr('x', { vars: ['x'] } as never)],
    [
      'gradcheck',
      /^gradcheck: unknown option 'epsilon'/,
      () => g.gradcheck((a: g.Tensor) => g.sum(a), [x], { epsilon: 1 } as never),
    ],
    [
      'Figure',
      /^Figure: unknown option 'figsize'; known options: width, height/,
      () => new p.Figure({ figsize: [3, 3] } as never),
    ],
    ['plot', /^plot: unknown option 'lable'/, () => ax().plot([1, 2], [1, 2], { lable: 'f' } as never)],
    [
      'plot with a format',
      /^plot: unknown option 'lable'/,
      () => ax().plot([1, 2], [1, 2], 'r--', { lable: 'f' } as never),
    ],
    ['contour', /^contour: unknown option 'level'/, () => ax().contour(grid, { level: 3 } as never)],
    [
      'contourf',
      /^contourf: unknown option 'cmp'/,
      () => ax().contourf([1, 2], [1, 2], grid, { cmp: 'viridis' } as never),
    ],
    [
      'clabel',
      /^clabel: unknown option 'fontsize'/,
      () => {
        const a = ax();
        a.clabel(a.contour(grid), { fontsize: 8 } as never);
      },
    ],
    ['scatter', /^scatter: unknown option 'colour'/, () => ax().scatter([1], [1], { colour: 'r' } as never)],
    ['legend', /^legend: unknown option 'location'/, () => ax().legend({ location: 'best' } as never)],
    ['text', /^text: unknown option 'size'/, () => ax().text(0, 0, 'a', { size: 3 } as never)],
    ['axhline', /^axhline: unknown option 'linestyle'/, () => ax().axhline(0, { linestyle: '--' } as never)],
    ['hist', /^hist: unknown option 'bin'/, () => ax().hist([1, 2], { bin: 3 } as never)],
    ['bar', /^bar: unknown option 'colour'/, () => ax().bar([1], [1], { colour: 'r' } as never)],
    [
      'fillBetween',
      /^fillBetween: unknown option 'colour'/,
      () => ax().fillBetween([1, 2], [1, 2], 0, { colour: 'r' } as never),
    ],
    ['imshow', /^imshow: unknown option 'cmp'/, () => ax().imshow(grid, { cmp: 'gray' } as never)],
    ['grid', /^grid: unknown option 'colour'/, () => ax().grid(true, { colour: 'r' } as never)],
    [
      'plotSurface',
      /^plotSurface: unknown option 'cmp'/,
      () => new p.Figure().addAxes3d().plotSurface(grid, grid, grid, { cmp: 'viridis' } as never),
    ],
    ['toSVG', /^toSVG: unknown option 'layr'/, () => new p.Figure().toSVG({ layr: 'all' } as never)],
    [
      'tightLayout',
      /^tightLayout: unknown option 'padding'/,
      () => new p.Figure().tightLayout({ padding: 1 } as never),
    ],
  ];
  const a3 = () => new p.Figure().addAxes3d();
  cases.push(
    ['addAxes3d', /^addAxes3d: unknown option 'elevation'/, () => new p.Figure().addAxes3d({ elevation: 30 } as never)],
    [
      'addSubplot',
      /^addSubplot: unknown option 'proj'/,
      () => new p.Figure().addSubplot(1, 1, 1, { proj: '3d' } as never),
    ],
    [
      'plotWireframe',
      /^plotWireframe: unknown option 'colour'/,
      () => a3().plotWireframe(grid, grid, grid, { colour: 'r' } as never),
    ],
    ['plot3D', /^plot3D: unknown option 'colour'/, () => a3().plot3D([1, 2], [1, 2], [1, 2], { colour: 'r' } as never)],
    ['scatter3D', /^scatter3D: unknown option 'colour'/, () => a3().scatter3D([1], [1], [1], { colour: 'r' } as never)],
    ['maxNLocator', /^maxNLocator: unknown option 'nbin'/, () => p.maxNLocator(0, 1, { nbin: 3 } as never)],
    [
      'FuncAnimation',
      /^FuncAnimation: unknown option 'intervall'/,
      () => new p.FuncAnimation(new p.Figure(), () => {}, { frames: 2, intervall: 20 } as never),
    ],
  );
  it.each(cases)('%s', (_name, message, call) => {
    expect(call).toThrow(message);
  });
  it('and in the functions that write files or pixels (their promises reject)', async () => {
    const svg = new p.Figure().toSVG();
    await expect(p.svgToPng(svg, { dpi: 2 } as never)).rejects.toThrow(
      /^svgToPng: unknown option 'dpi'; known options: scale/,
    );
    await expect(new p.Figure().save('x.png', { dpi: 2 } as never)).rejects.toThrow(/^save: unknown option 'dpi'/);
    const anim = new p.FuncAnimation(new p.Figure(), () => {}, { frames: 2 });
    await expect(anim.save('x.gif', { fsp: 10 } as never)).rejects.toThrow(
      /^FuncAnimation\.save: unknown option 'fsp'/,
    );
  });
});
