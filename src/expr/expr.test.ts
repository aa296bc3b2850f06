/** @file `expr` on the real engine: values against JS Math, gradients against closed forms, calls and templates. */
import { describe, expect, it } from 'vitest';
import { GradientTape, Variable, grad, gradcheck, hessian, linspace, scalar, tensor, type Tensor } from '../index.js';
import * as gradtape from '../index.js';
import { ExprError } from './errors.js';
import { EXPR_OPS, expr } from './expr.js';
import { FUNCTIONS } from './functions.js';
import { GOOD_FORMULAS, SAMPLES } from '../../test/fixtures/formulas.js';

const xs = SAMPLES.map(([x]) => x);
const ys = SAMPLES.map(([, y]) => y);
const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-6): void => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i]!)));
  }
};

describe('expr evaluates on tensors', () => {
  it('every op a formula can call is a gradtape export', () => {
    const ops = new Set([...Object.values(FUNCTIONS).map((f) => f.op), 'neg', 'add', 'sub', 'mul', 'div', 'pow']);
    expect([...ops].filter((op) => !(EXPR_OPS as readonly string[]).includes(op))).toEqual([]);
    for (const op of EXPR_OPS) expect(typeof (gradtape as Record<string, unknown>)[op], op).toBe('function');
    expect(gradtape.expr).toBe(expr);
  });

  it.each(GOOD_FORMULAS)('$formula', ({ formula, ref }) => {
    const f = expr(formula);
    const values: Record<string, Tensor> = { x: tensor(xs), y: tensor(ys) };
    const out = f(Object.fromEntries(f.variables.map((n) => [n, values[n]!])));
    const want = SAMPLES.map(([x, y]) => ref(x, y));
    // Constant formulas give a scalar; compare it against every sample's reference.
    close(out.size === 1 ? want.map(() => out.item()) : out.data(), want, formula.includes('erf') ? 2e-6 : 1e-9);
  });

  it('exposes variables, source, canonical text and TeX', () => {
    const f = expr('5*sin(2*x) + x^2');
    expect(f.variables).toEqual(['x']);
    expect(f.source).toBe('5*sin(2*x) + x^2');
    expect(f.toString()).toBe('5*sin(2*x) + x^2');
    expect(f.toTeX()).toBe('5\\sin(2x) + x^{2}');
    expect(expr('y*b + a').variables).toEqual(['a', 'b', 'y']);
  });

  it('takes values by name or by position, as tensors, Variables, numbers or arrays', () => {
    const f = expr('x^2*y');
    expect(f({ x: 3, y: 2 }).item()).toBe(18);
    expect(f(3, 2).item()).toBe(18);
    expect(Array.from(f({ x: [1, 2], y: new Float64Array([3, 4]) }).data())).toEqual([3, 16]);
    expect(f({ x: new Variable(2), y: scalar(5), unused: 1 }).item()).toBe(20);
    expect(expr('2*pi')().item()).toBeCloseTo(2 * Math.PI, 14);
  });

  it('keeps float32 inputs float32 (literals are weak scalars)', () => {
    const out = expr('2/3*x + 1e-3')({ x: tensor([1, 2], { dtype: 'float32' }) });
    expect(out.dtype).toBe('float32');
  });

  it('restricts variables when asked, and keeps their order for positional calls', () => {
    const f = expr('y - x', { variables: ['y', 'x'] });
    expect(f.variables).toEqual(['x', 'y']);
    expect(f(1, 10).item()).toBe(9);
    expect(expr('x^2', { variables: ['x', 'y'] }).variables).toEqual(['x', 'y']);
    expect(() => expr('x + z', { variables: ['x', 'y'] })).toThrow("unknown variable 'z' at column 5");
  });

  it('names missing variables and bad values at call time', () => {
    const f = expr('x^2*y');
    const err = (() => {
      try {
        f({ x: 1, yy: 2 });
      } catch (e) {
        return e;
      }
    })() as ExprError;
    expect(err).toBeInstanceOf(ExprError);
    expect(err.message).toBe("no value given for variable 'y' at column 5 — you passed 'yy'; did you mean 'y'?");
    expect(() => f(1)).toThrow(/no value given for variable 'y'.*expects 2 values \(x, y, in this order\), got 1/);
    expect(() => f({ x: 'a', y: 1 } as never)).toThrow(
      'value for variable \'x\' must be a Tensor, Variable, number or array (got the string "a")',
    );
    expect(() => expr(42 as never)).toThrow('expr: expected a formula string or a tagged template (got number)');
    expect(() => expr('x', { variables: ['2x'] })).toThrow('options.variables must be an array of identifier names');
  });
});

describe('expr is differentiable', () => {
  it('d/dx 5*sin(2x) + x^2 = 10cos(2x) + 2x (tutorial)', () => {
    const f = expr('5*sin(2*x) + x^2');
    const x = linspace(-5, 5, 11);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return f(x);
    });
    const dy = tape.gradient(y, x) as Tensor;
    close(
      dy.data(),
      Array.from(x.data(), (v) => 10 * Math.cos(2 * v) + 2 * v),
      1e-12,
    );
  });

  it.each([
    ['x**2 + 1', (x: number) => 2 * x],
    ['exp(-x^2)', (x: number) => -2 * x * Math.exp(-x * x)],
    ['log(1 + x^2)', (x: number) => (2 * x) / (1 + x * x)],
    ['sqrt(1 + x^2)', (x: number) => x / Math.sqrt(1 + x * x)],
    ['atan2(x, 2)', (x: number) => 2 / (4 + x * x)],
    ['sigmoid(x)', (x: number) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2],
    ['x^3 - 2/x', (x: number) => 3 * x * x + 2 / (x * x)],
    ['-x^2', (x: number) => -2 * x],
  ] as const)('grad(%s)', (formula, df) => {
    const g = grad(expr(formula));
    for (const x of [-1.3, 0.4, 2.2]) expect((g(scalar(x)) as Tensor).item()).toBeCloseTo(df(x), 10);
  });

  it('partials of (sin(4x) - cos(5y))/5 with Variables and a persistent tape (tutorial)', () => {
    const f = expr('(sin(4*x) - cos(5*y))/5');
    const x = new Variable(0.25);
    const y = new Variable(-0.5);
    const tape = new GradientTape({ persistent: true });
    const z = tape.record(() => f({ x, y }));
    expect((tape.gradient(z, x) as Tensor).item()).toBeCloseTo((4 / 5) * Math.cos(1), 12);
    expect((tape.gradient(z, y) as Tensor).item()).toBeCloseTo(Math.sin(-2.5), 12);
  });

  // Piecewise functions jump inside the finite-difference stencil at some samples; the rest are smooth there.
  const smooth = GOOD_FORMULAS.filter(({ formula }) => !/floor|ceil|round|sign|mod|relu|abs|min|max/.test(formula));
  it.each(smooth)('gradcheck to second order: $formula', ({ formula }) => {
    const f = expr(formula, { variables: ['x', 'y'] });
    const result = gradcheck((x: Tensor, y: Tensor) => f(x, y), [tensor(xs), tensor(ys)], {
      order: 2,
      modes: ['rev', 'fwd'],
    });
    expect(result.ok, JSON.stringify(result.worst)).toBe(true);
  });

  it('second derivatives through hessian', () => {
    const f = expr('x^2*y');
    const H = hessian((v: Tensor) => f(v.slice([0], [1]).reshape([]), v.slice([1], [1]).reshape([])))(
      tensor([1, 2]),
    ) as Tensor;
    expect(H.toArray()).toEqual([
      [4, 2],
      [2, 0],
    ]);
  });
});

describe('tagged template', () => {
  it('interpolates tensors and numbers and returns the evaluated tensor', () => {
    const x = tensor([0, 0.5, 1]);
    const out = expr`5*sin(2*${x}) + ${x}^2`;
    close(
      out.data(),
      [0, 0.5, 1].map((v) => 5 * Math.sin(2 * v) + v * v),
      1e-12,
    );
    expect(expr`${2} * ${3} + 1`.item()).toBe(7);
  });

  it('keeps gradients of interpolated Variables', () => {
    const v = new Variable(3);
    const tape = new GradientTape();
    const y = tape.record(() => expr`${v}^2 + sin(${v})`);
    expect((tape.gradient(y, v) as Tensor).item()).toBeCloseTo(6 + Math.cos(3), 12);
  });

  it('points errors at the template text, with ${i} for values', () => {
    const x = scalar(1);
    expect(() => expr`2*${x}))`).toThrow("unexpected ')' at column 7");
    expect(() => expr`y + ${x}`).toThrow("unknown variable 'y' at column 1");
    expect(() => expr`2${x}`).toThrow("missing operator between '2' and '${0}' at column 2");
    expect(() => expr`${'1' as never}`).toThrow('interpolated value ${0} must be a Tensor, Variable, number or array');
  });
});
