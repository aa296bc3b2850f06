/**
 * @file Symbolic differentiation of formulas: `derivative(f, 'x')` is f′ as a formula, simplified,
 * as the same kind of function `expr` returns (callable on tensors, `toString()`, `toTeX()`), equal to
 * the tape's derivative wherever both are defined (see derivative.property.test.ts). The sum, product,
 * quotient, power and chain rules live here; the per-function rules in derivative-rules.ts; the
 * simplification in sym.ts (as terms are built) and sym-print.ts (how the result reads).
 */
import type { Node } from './ast.js';
import { RULES } from './derivative-rules.js';
import { expr, formulaFunction, type ExprFunction } from './expr.js';
import { toText } from './format.js';
import { fromLiteral, isNegative, ONE, ratInv, ratNeg, type Rat } from './rational.js';
import { Algebra, isZeroSym, TooLargeError, type Factor, type Sym } from './sym.js';
import { symToNode } from './sym-print.js';

/** The formula tree in the algebra's simplified form. */
function fromAst(A: Algebra, n: Node): Sym {
  switch (n.type) {
    case 'number':
      return A.num(fromLiteral(n.text, n.value));
    case 'constant':
      return A.constant(n.name === 'e' ? 'e' : 'pi');
    case 'variable':
      return A.variable(n.name);
    case 'slot':
      throw new TypeError('derivative: a template formula (with ${…} values) has no variables to differentiate by');
    case 'unary':
      return n.op === '-' ? A.neg(fromAst(A, n.arg)) : fromAst(A, n.arg);
    case 'binary': {
      // a chain a + b − c + … (or a·b/c·…) is one sum (product), not a sum rebuilt at every operator
      if (n.op !== '^') {
        const additive = n.op === '+' || n.op === '-';
        const items: Sym[] = [];
        let node: Node = n;
        while (
          node.type === 'binary' &&
          (additive ? node.op === '+' || node.op === '-' : node.op === '*' || node.op === '/')
        ) {
          const right = fromAst(A, node.right);
          items.push(node.op === '-' ? A.neg(right) : node.op === '/' ? A.pow(right, A.int(-1)) : right);
          node = node.left;
        }
        items.push(fromAst(A, node));
        items.reverse();
        return additive ? A.add(...items) : A.mul(...items);
      }
      return A.pow(fromAst(A, n.left), fromAst(A, n.right));
    }
    case 'call': {
      const args = n.args.map((a) => fromAst(A, a));
      const rule = RULES[n.spec.op];
      return 'as' in rule ? rule.as(A, args, n.name) : A.call(n.name, n.spec.op, args);
    }
  }
}

/** Differentiates expressions of one Algebra by one variable, each shared subterm once. */
class Differentiator {
  private readonly memo = new Map<number, Sym>();
  constructor(
    private readonly A: Algebra,
    private readonly v: string,
  ) {}

  d(s: Sym): Sym {
    const A = this.A;
    if (!A.dependsOn(s, this.v)) return A.zero;
    let r = this.memo.get(s.id);
    if (r !== undefined) return r;
    switch (s.k) {
      case 'var':
        r = A.one;
        break;
      case 'add':
        r = A.add(...s.terms.map((t) => this.d(t)));
        break;
      case 'call': {
        const rule = RULES[s.op];
        if ('as' in rule) throw new Error(`derivative: internal error, '${s.op}' should have been rewritten`);
        // chain rule: Σ ∂f/∂argᵢ · argᵢ′, skipping constant arguments (their partial may be undefined there)
        const parts = s.args.map((a) => this.d(a));
        const partials = rule.d(A, s.args);
        r = A.add(...parts.map((da, i) => (isZeroSym(da) ? A.zero : A.mul(partials[i]!, da))));
        break;
      }
      case 'mul':
        r = this.product(s.coef, s.factors);
        break;
      default:
        r = A.zero;
    }
    this.memo.set(s.id, r);
    return r;
  }

  /** (bᵉ)′ by the power rule, the exponential rule, or both. */
  private power({ base, exp }: Factor): Sym {
    const A = this.A;
    const db = this.d(base);
    const de = this.d(exp);
    if (isZeroSym(de)) return A.mul(exp, A.pow(base, A.add(exp, A.int(-1))), db); // e·b^(e−1)·b′
    const log = A.call('ln', 'log', [base]);
    if (isZeroSym(db)) return A.mul(A.pow(base, exp), log, de); // bᵉ·ln(b)·e′
    return A.mul(A.pow(base, exp), A.add(A.mul(de, log), A.mul(exp, db, A.pow(base, A.int(-1)))));
  }

  /**
   * (c·Π fᵢ)′: the product rule; or, when some factor is a power with a negative exponent that depends on
   * the variable, the quotient rule (N′D − ND′)/D², then the factors common to every term of the
   * numerator and to D² cancelled, which gives the textbook forms: (x cos x − 2 sin x)/x³, 1/(x + 1)².
   */
  private product(coef: Rat, factors: readonly Factor[]): Sym {
    const A = this.A;
    const isDen = (f: Factor): boolean => f.exp.k === 'num' && isNegative(f.exp.r) && A.dependsOn(f.base, this.v);
    const den = factors.filter(isDen);
    if (den.length === 0) {
      const terms = factors.map((f, i) =>
        A.dependsOn(f.base, this.v) || A.dependsOn(f.exp, this.v)
          ? A.mul(
              A.num(coef),
              ...factors.slice(0, i).map((g) => A.pow(g.base, g.exp)),
              this.power(f),
              ...factors.slice(i + 1).map((g) => A.pow(g.base, g.exp)),
            )
          : A.zero,
      );
      return A.add(...terms);
    }
    const N = A.product(
      coef,
      factors.filter((f) => !isDen(f)),
    );
    const D = A.product(
      ONE,
      den.map((f) => ({ base: f.base, exp: A.num(ratNeg((f.exp as Sym & { k: 'num' }).r)) })),
    );
    const numerator = A.sub(A.mul(this.d(N), D), A.mul(N, this.d(D)));
    return cancel(A, numerator, A.pow(D, A.int(2)));
  }
}

/** The exponent of `base` in a term, when it is a positive number; else 0. */
function exponentIn(term: Sym, baseId: number): number {
  if (term.id === baseId) return 1;
  if (term.k !== 'mul') return 0;
  const f = term.factors.find((g) => g.base.id === baseId);
  if (f?.exp.k !== 'num' || f.exp.r.q === 0) return 0;
  const e = f.exp.r.p / f.exp.r.q;
  return e > 0 ? e : 0;
}

/** numerator / denominator with the powers common to every numerator term and the denominator cancelled. */
function cancel(A: Algebra, numerator: Sym, denominator: Sym): Sym {
  if (isZeroSym(numerator)) return A.zero;
  const terms = numerator.k === 'add' ? numerator.terms : [numerator];
  const denFactors: Factor[] = denominator.k === 'mul' ? [...denominator.factors] : [{ base: denominator, exp: A.one }];
  const out: Sym[] = [];
  let top = terms;
  for (const f of denFactors) {
    const k = f.exp.k === 'num' && f.exp.r.q !== 0 ? f.exp.r.p / f.exp.r.q : 0;
    const common = Math.min(k, ...top.map((t) => exponentIn(t, f.base.id)));
    if (common > 0 && Number.isInteger(common)) {
      const by = A.pow(f.base, A.int(-common));
      top = top.map((t) => A.mul(t, by));
      out.push(A.pow(f.base, A.int(-(k - common))));
    } else {
      out.push(A.pow(f.base, A.neg(f.exp)));
    }
  }
  const coef = denominator.k === 'mul' ? denominator.coef : ONE;
  return A.mul(A.add(...top), A.num(ratInv(coef)), ...out);
}

/** At most this many distinct subterms in one derivative (about 100 MB); past it, `derivative` says so. */
const MAX_SUBTERMS = 500_000;

/**
 * The derivative of a formula tree by `variable`, simplified, as a formula tree (spans all 0).
 *
 * @throws TooLargeError when it grows past `limit` distinct subterms.
 * @example
 * toText(derivativeTree(parse('5*sin(2*x) + x^2'), 'x')); // '10*cos(2*x) + 2*x'
 */
export function derivativeTree(ast: Node, variable: string, limit = MAX_SUBTERMS): Node {
  const A = new Algebra(limit);
  return symToNode(new Differentiator(A, variable).d(fromAst(A, ast)));
}

/**
 * The derivative of a formula tree by `variable`, simplified, as canonical formula text.
 *
 * @example
 * derivativeText(parse('5*sin(2*x) + x^2'), 'x'); // '10*cos(2*x) + 2*x'
 */
export function derivativeText(ast: Node, variable: string, limit = MAX_SUBTERMS): string {
  return toText(derivativeTree(ast, variable, limit));
}

/** The formula tree simplified (without differentiating), as canonical text. */
export function simplifyText(ast: Node): string {
  const A = new Algebra(MAX_SUBTERMS);
  return toText(symToNode(fromAst(A, ast)));
}

const IDENT = /^[A-Za-z_π][A-Za-z0-9_]*$/;

/** Checks that `v` (argument `arg` of `caller`) names a variable of `f`. */
export function checkVariable(f: ExprFunction, v: unknown, caller: string, arg: string): asserts v is string {
  if (typeof v !== 'string' || !IDENT.test(v)) {
    throw new TypeError(`${caller}: ${arg} must be a variable name like 'x' (got ${JSON.stringify(v) ?? String(v)})`);
  }
  if (!f.variables.includes(v)) {
    throw new TypeError(
      `${caller}: '${v}' is not a variable of '${f.source}' (its variables: ${f.variables.join(', ') || 'none'})`,
    );
  }
}

export function toFunction(formula: string | ExprFunction, caller: string): ExprFunction {
  if (typeof formula === 'string') return expr(formula);
  if (
    typeof formula === 'function' &&
    typeof (formula as ExprFunction).toTeX === 'function' &&
    (formula as ExprFunction).ast
  )
    return formula;
  throw new TypeError(
    `${caller}: formula must be formula text like 'x^2 + 1' or a function made by expr (got ${formula === null ? 'null' : typeof formula})`,
  );
}

/**
 * The symbolic derivative ∂f/∂variable, simplified, as a function like the ones `expr` makes: call it on
 * tensors, print it with `toString()` or `toTeX()`, differentiate it again. It takes the same variables
 * as `f` (so `df(x, y)` works where `f(x, y)` does) and returns a tensor of the inputs' broadcast shape
 * even where the derivative is a constant. Where the tape's derivative is piecewise, so is the formula:
 * `abs′ = sign`, `relu′(x) = heaviside(x, 0)`.
 *
 * @param formula formula text or a function made by `expr`
 * @param variable the variable to differentiate by; may be left out when the formula has one variable
 * @throws TypeError for a bad formula or variable; ExprError for formula text that does not parse
 * @example
 * const df = derivative('5*sin(2*x) + x^2', 'x');
 * df.toString();          // '10*cos(2*x) + 2*x'
 * df.toTeX();             // '10\\cos(2x) + 2x'
 * df(scalar(0)).item();   // 10
 * derivative(expr('(sin(4*x) - cos(5*y))/5'), 'x').toString(); // '4/5*cos(4*x)'
 */
export function derivative(formula: string | ExprFunction, variable?: string): ExprFunction {
  const f = toFunction(formula, 'derivative');
  if (variable === undefined) {
    if (f.variables.length !== 1) {
      throw new TypeError(
        `derivative: say which variable to differentiate '${f.source}' by (its variables: ${f.variables.join(', ') || 'none'}), e.g. derivative(f, '${f.variables[0] ?? 'x'}')`,
      );
    }
    variable = f.variables[0]!;
  }
  checkVariable(f, variable, 'derivative', 'variable');
  let tree: Node;
  try {
    tree = derivativeTree(f.ast, variable);
  } catch (err) {
    if (!(err instanceof TooLargeError)) throw err;
    throw new RangeError(
      `derivative: the derivative of '${f.source.length > 60 ? f.source.slice(0, 60) + '…' : f.source}' by ${variable} is too large to write out (over ${err.limit} distinct subterms); grad() computes its values`,
    );
  }
  return formulaFunction(toText(tree), tree, f.variables);
}

/**
 * The gradient as formulas: ∂f/∂v for each variable of `f`, in `f.variables` order.
 *
 * @example
 * const [dx, dy] = symbolicGradient(expr('x^2*y'));
 * [dx.toString(), dy.toString()]; // ['2*x*y', 'x^2']
 */
export function symbolicGradient(formula: string | ExprFunction): ExprFunction[] {
  const f = toFunction(formula, 'gradient');
  return f.variables.map((v) => derivative(f, v));
}

/**
 * The Hessian as formulas: row i, column j is ∂²f/∂vᵢ∂vⱼ, in `f.variables` order.
 *
 * @example
 * symbolicHessian(expr('x^2*y'))[0][1].toString(); // '2*x'
 */
export function symbolicHessian(formula: string | ExprFunction): ExprFunction[][] {
  const f = toFunction(formula, 'hessian');
  return symbolicGradient(f).map((g) => f.variables.map((v) => derivative(g, v)));
}
