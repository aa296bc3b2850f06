/** @file Parser and printer tests: precedence against JS Math, error columns and messages, round trips. */
import { describe, expect, it } from 'vitest';
import { variablesOf } from './ast.js';
import { compile } from './compile.js';
import { ExprError } from './errors.js';
import { toTeX, toText } from './format.js';
import { GOOD_FORMULAS, SAMPLES, mathOps } from '../../test/fixtures/formulas.js';
import { parse } from './parser.js';

const evalMath = (formula: string, x: number, y: number): number =>
  compile<number>(
    parse(formula),
    mathOps,
  )({
    variables: new Map([
      ['x', x],
      ['y', y],
    ]),
    slots: [],
  }) as number;

describe('parse + compile over JS Math', () => {
  it('has at least 40 good formulas', () => expect(GOOD_FORMULAS.length).toBeGreaterThanOrEqual(40));
  it.each(GOOD_FORMULAS)('$formula', ({ formula, ref }) => {
    for (const [x, y] of SAMPLES) {
      const got = evalMath(formula, x, y);
      const want = ref(x, y);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    }
  });
  it('reads identifiers with digits and underscores', () => {
    const ast = parse('x_1 + 2*x2 - _tmp');
    expect([...variablesOf(ast).keys()]).toEqual(['_tmp', 'x2', 'x_1']);
  });
});

/** [formula, column, message fragment] */
const BAD: ReadonlyArray<readonly [string, number, string]> = [
  ['5*sin(2*x)) + x^2', 11, "unexpected ')' at column 11"],
  ['2x', 2, "missing operator between '2' and 'x' at column 2 — write 2*x"],
  ['x y', 3, "missing operator between 'x' and 'y'"],
  ['2(x+1)', 2, 'write 2*(…)'],
  ['(x+1)(x-1)', 6, 'write (x+1)*(…)'],
  ['2sin(x)', 2, 'write 2*sin(…)'],
  ['sinn(x)', 1, "unknown function 'sinn' at column 1 — did you mean 'sin'?"],
  ['1 + cso(x)', 5, "did you mean 'cos'?"],
  ['arctan(x)', 1, "did you mean 'atan'?"],
  ['foo(x)', 1, "unknown function 'foo'"],
  ['sin(x, y)', 1, 'sin takes 1 argument, got 2 at column 1'],
  ['2 + atan2(y)', 5, 'atan2 takes 2 arguments, got 1 at column 5'],
  ['max()', 1, 'max takes 2 arguments, got 0'],
  ['x +', 4, 'unexpected end of formula at column 4'],
  ['sin(x', 6, "missing ')' to close the '(' at column 4"],
  ['((x)', 5, "missing ')' to close the '(' at column 1"],
  ['', 1, 'empty formula'],
  ['   ', 1, 'empty formula'],
  ['x # 2', 3, "unexpected character '#' at column 3"],
  ['x % 2', 3, 'mod(a, b)'],
  ['|x|', 1, 'abs(x)'],
  ['y = x^2', 3, 'right-hand side'],
  ['1e+', 2, 'malformed number'],
  ['1.2.3', 4, 'at most one decimal point'],
  ['sin x', 1, "'sin' is a function at column 1"],
  ['x,y', 2, "unexpected ','"],
  ['*x', 1, "unexpected '*' at column 1"],
  ['x ^ * 2', 5, "unexpected '*' at column 5"],
  ['f(,x)', 1, "unknown function 'f'"],
  ['sin(,x)', 5, "unexpected ',' at column 5"],
  ['x ** ** 2', 6, "unexpected '**' at column 6"],
  ['x / ', 5, 'unexpected end of formula'],
  ['()', 2, "unexpected ')' at column 2"],
  ['pi(2)', 3, "missing operator between 'pi' and '('"],
  ['x^2 $ 1', 5, 'tagged template'],
  ['constructor(x)', 1, "unknown function 'constructor' at column 1 — to multiply, write constructor*(…)"],
  ['1 + toString(x)', 5, "unknown function 'toString'"],
];

describe('bad formulas point at the column', () => {
  it.each(BAD)('%j -> column %i', (formula, column, fragment) => {
    let caught: unknown;
    try {
      parse(formula);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExprError);
    const err = caught as ExprError;
    expect(err.column).toBe(column);
    expect(err.message).toContain(fragment);
    expect(err.source).toBe(formula);
  });

  it('format() draws a caret under the column', () => {
    let err: ExprError | undefined;
    try {
      parse('5*sin(2*x)) + x^2');
    } catch (e) {
      err = e as ExprError;
    }
    const lines = err!.format().split('\n');
    expect(lines[0]).toBe("unexpected ')' at column 11 — there is no open ( to close here");
    expect(lines[1]).toBe('  5*sin(2*x)) + x^2');
    expect(lines[2]).toBe('            ^');
    expect(lines[2]!.indexOf('^') - 2).toBe(10);
  });

  it('restricts and suggests variable names when they are given', () => {
    expect(() => parse('x + yy', { variables: ['x', 'y'] })).toThrow(
      "unknown variable 'yy' at column 5 — did you mean 'y'?",
    );
    expect(() => parse('sinx', { variables: ['x'] })).toThrow("did you mean 'sin(x)'?");
    expect(() => parse('xy', { variables: ['x', 'y'] })).toThrow("did you mean 'x*y'?");
    expect(() => parse('x(y + 1)', { variables: ['x', 'y'] })).toThrow(
      "missing operator between 'x' and '(' at column 2",
    );
    expect(parse('x*y', { variables: ['x', 'y'] }).type).toBe('binary');
  });

  it('refuses nesting too deep for the stack instead of crashing', () => {
    expect(() => parse('('.repeat(100_000) + 'x' + ')'.repeat(100_000))).toThrow(ExprError);
    expect(() => parse('-'.repeat(100_000) + 'x')).toThrow(ExprError);
    expect(() => parse(Array(50_000).fill('x').join('+'))).toThrow(/too deeply nested or too long/);
    expect(() => parse(Array(200).fill('x').join('+'))).not.toThrow();
  });
});

describe('printing', () => {
  it.each([
    ['5 * sin( 2*x )+x**2', '5*sin(2*x) + x^2'],
    ['(x + y) - (x - y)', 'x + y - (x - y)'],
    ['(-x)^2', '(-x)^2'],
    ['-x^2', '-x^2'],
    ['2^(3^2)', '2^3^2'],
    ['(2^3)^2', '(2^3)^2'],
    ['a/(b*c)', 'a/(b*c)'],
    ['x^(-1)', 'x^-1'],
    ['ln(x)', 'ln(x)'],
  ])('toText(%j) = %j', (input, text) => {
    expect(toText(parse(input))).toBe(text);
  });

  it('toText re-parses to the same tree for every good formula', () => {
    const strip = (n: unknown): unknown =>
      JSON.parse(JSON.stringify(n, (k, v) => (k === 'span' || k === 'text' ? undefined : v)));
    for (const { formula } of GOOD_FORMULAS) {
      expect(strip(parse(toText(parse(formula))))).toEqual(strip(parse(formula)));
    }
  });

  it.each([
    ['5*sin(2*x) + x^2', '5\\sin(2x) + x^{2}'],
    ['x**2 + 1', 'x^{2} + 1'],
    ['(sin(4*x) - cos(5*y))/5', '\\frac{\\sin(4x) - \\cos(5y)}{5}'],
    ['x*y', 'x y'],
    ['pi*x', '\\pi x'],
    ['x*2', 'x \\cdot 2'],
    ['x*-y', 'x \\cdot (-y)'],
    ['(x + 1)*(x - 1)', '(x + 1)(x - 1)'],
    ['-(x + y)', '-\\left(x + y\\right)'],
    ['sqrt(x^2 + y^2)', '\\sqrt{x^{2} + y^{2}}'],
    ['exp(-x^2)', 'e^{-x^{2}}'],
    ['abs(x)', '\\left|x\\right|'],
    ['sin(x)^2', '\\sin^{2}(x)'],
    ['sin(x)^y', '\\left(\\sin(x)\\right)^{y}'],
    ['atan2(y, x)', '\\arctan(y, x)'.replace('\\arctan', '\\operatorname{atan2}')],
    ['1e-3*x', '10^{-3}x'],
    ['2.5e3 + .5', '2.5 \\cdot 10^{3} + 0.5'],
    ['alpha*x_1 + rate', '\\alpha x_{1} + \\mathrm{rate}'],
    ['sigmoid(x)', '\\sigma(x)'],
    ['log1p(x)', '\\operatorname{log1p}(x)'],
  ])('toTeX(%j) = %j', (input, tex) => {
    expect(toTeX(parse(input))).toBe(tex);
  });
});
