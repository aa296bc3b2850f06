/**
 * @file The simplifier's algebra: a canonical form for formulas, built only through the smart
 * constructors of {@link Algebra}, so every term is simplified as it is made. A sum keeps its terms
 * with like terms collected (`x + 2x` is `3x`) and its numbers folded; a product keeps one exact
 * coefficient and its factors as base^exponent with like bases collected (`x·x⁻²` is `x⁻¹`). `0·a`,
 * `1·a`, `a + 0`, `a^1` and `a^0` never survive. Terms and factors keep the order in which they first
 * appeared (the printer ranks factors), so a derivative reads in the order of its formula.
 *
 * Every node gets a structural key, interned to a short id per Algebra, so that like terms are found
 * by a map lookup and keys stay short however deep the formula.
 */
import type { OpName } from './functions.js';
import {
  ONE,
  ZERO,
  isInt,
  isOne,
  isZero,
  rat,
  ratAdd,
  ratKey,
  ratMul,
  ratNeg,
  ratPowInt,
  ratRoot,
  valueOf,
  type Rat,
} from './rational.js';

export interface Num {
  readonly k: 'num';
  readonly r: Rat;
  readonly id: number;
}
export interface Const {
  readonly k: 'const';
  readonly name: 'pi' | 'e';
  readonly id: number;
}
export interface Var {
  readonly k: 'var';
  readonly name: string;
  readonly id: number;
}
/** A function call; `name` is as written (`ln`), `op` the op it runs (`log`). */
export interface Call {
  readonly k: 'call';
  readonly name: string;
  readonly op: OpName;
  readonly args: readonly Sym[];
  readonly id: number;
}
/** Two or more terms, none of them a sum; at most one number. */
export interface Add {
  readonly k: 'add';
  readonly terms: readonly Sym[];
  readonly id: number;
}
export interface Factor {
  readonly base: Sym;
  readonly exp: Sym;
}
/** coef · Π baseᵉˣᵖ, never a bare number, a bare 1·base¹, or coefficient 0. */
export interface Mul {
  readonly k: 'mul';
  readonly coef: Rat;
  readonly factors: readonly Factor[];
  readonly id: number;
}

export type Sym = Num | Const | Var | Call | Add | Mul;

/** Functions whose value on exact numbers is exact, so they fold (abs(-3) = 3). */
const EXACT: Partial<Record<OpName, (...a: number[]) => number>> = {
  abs: Math.abs,
  sign: Math.sign,
  floor: Math.floor,
  ceil: Math.ceil,
  minimum: Math.min,
  maximum: Math.max,
  heaviside: (x, h) => (x > 0 ? 1 : x < 0 ? 0 : h!),
};
/** Functions with an integer value at a special integer argument (sin 0 = 0, cos 0 = 1, log 1 = 0). */
const SPECIAL: Partial<Record<OpName, (x: number) => number | undefined>> = {
  sin: (x) => (x === 0 ? 0 : undefined),
  cos: (x) => (x === 0 ? 1 : undefined),
  tan: (x) => (x === 0 ? 0 : undefined),
  exp: (x) => (x === 0 ? 1 : undefined),
  log: (x) => (x === 1 ? 0 : undefined),
  sinh: (x) => (x === 0 ? 0 : undefined),
  cosh: (x) => (x === 0 ? 1 : undefined),
  tanh: (x) => (x === 0 ? 0 : undefined),
  atan: (x) => (x === 0 ? 0 : undefined),
  asin: (x) => (x === 0 ? 0 : undefined),
  erf: (x) => (x === 0 ? 0 : undefined),
  expm1: (x) => (x === 0 ? 0 : undefined),
  log1p: (x) => (x === 0 ? 0 : undefined),
  asinh: (x) => (x === 0 ? 0 : undefined),
  atanh: (x) => (x === 0 ? 0 : undefined),
  relu: (x) => Math.max(x, 0),
};

/** Thrown when an expression grows past the Algebra's limit of distinct subterms. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the expression grew past ${limit} distinct subterms`);
  }
}

/**
 * Builds simplified symbolic expressions; one per derivative computation (it owns the key table).
 * `limit` bounds the number of distinct subterms, so the cost of a derivative that swells (the product
 * rule on n distinct factors makes n² of them) is bounded too.
 */
export class Algebra {
  private readonly ids = new Map<string, number>();
  readonly zero: Num;
  readonly one: Num;
  constructor(private readonly limit = Infinity) {
    this.zero = this.num(ZERO);
    this.one = this.num(ONE);
  }
  private work = 0;
  /** Counts terms and factors handled; past 5 per allowed subterm, the expression is too large to build. */
  private spend(n: number): void {
    this.work += n;
    if (this.work > 5 * this.limit) throw new TooLargeError(this.limit);
  }
  private intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.ids.size >= this.limit) throw new TooLargeError(this.limit);
      this.ids.set(key, (id = this.ids.size));
    }
    return id;
  }

  num(r: Rat): Num {
    return { k: 'num', r, id: this.intern(`n${ratKey(r)}`) };
  }
  int(n: number): Num {
    return this.num(rat(n));
  }
  constant(name: 'pi' | 'e'): Const {
    return { k: 'const', name, id: this.intern(`c${name}`) };
  }
  variable(name: string): Var {
    return { k: 'var', name, id: this.intern(`v${name}`) };
  }

  /** f(args), folded when the value is exact. */
  call(name: string, op: OpName, args: readonly Sym[]): Sym {
    if (args.every((a) => a.k === 'num')) {
      const rs = args.map((a) => (a as Num).r);
      const xs = rs.map(valueOf);
      const exact = EXACT[op];
      const value = exact ? exact(...xs) : xs.length === 1 ? SPECIAL[op]?.(xs[0]!) : undefined;
      if (value !== undefined && Number.isFinite(value)) {
        // min, max and abs return one of their arguments (or its negation): keep it exact
        const same = rs.find((r) => valueOf(r) === Math.abs(value));
        if (Number.isInteger(value)) return this.int(value);
        if (same) return this.num(value < 0 ? ratNeg(same) : same);
      }
    }
    if (op === 'log' && args[0]!.k === 'const' && args[0]!.name === 'e') return this.one;
    return { k: 'call', name, op, args, id: this.intern(`${op}(${args.map((a) => a.id).join(',')})`) };
  }

  /** The coefficient and the rest of a term: 3x² is [3, x²]. */
  split(s: Sym): [Rat, Sym] {
    if (s.k === 'num') return [s.r, this.one];
    if (s.k !== 'mul' || isOne(s.coef)) return [ONE, s];
    return [s.coef, this.product(ONE, s.factors)];
  }

  /** The sum of terms, flattened, like terms collected, numbers folded. */
  add(...items: Sym[]): Sym {
    const order: number[] = [];
    const byId = new Map<number, { rest: Sym; coef: Rat }>();
    // m·(a + b) among other terms (m a coefficient times factors) is expanded when one of m·a, m·b is like a
    // term of another: 3(x + 1) − 3x is 3, 2x(x² + 1) − 2x(x² − 1) is 4x; otherwise it stays factored
    const flat = items.flatMap((s) => (s.k === 'add' ? s.terms : [s]));
    this.spend(flat.length);
    const expanded = flat.map((s) => this.expansion(s));
    const owners = new Map<number, Set<number>>();
    flat.forEach((s, i) => {
      for (const t of expanded[i] ?? [s]) {
        const id = this.split(t)[1].id;
        let set = owners.get(id);
        if (!set) owners.set(id, (set = new Set()));
        set.add(i);
      }
    });
    const shared = (t: Sym): boolean => owners.get(this.split(t)[1].id)!.size > 1;
    const visit = (s: Sym, i: number): void => {
      if (s.k === 'add') {
        s.terms.forEach((t) => visit(t, -1));
        return;
      }
      const e = expanded[i];
      if (e?.some(shared)) {
        e.forEach((t) => visit(t, -1));
        return;
      }
      const [coef, rest] = this.split(s);
      const seen = byId.get(rest.id);
      if (seen) seen.coef = ratAdd(seen.coef, coef);
      else {
        byId.set(rest.id, { rest, coef });
        order.push(rest.id);
      }
    };
    flat.forEach(visit);
    const terms = order
      .map((id) => byId.get(id)!)
      .filter((t) => !isZero(t.coef))
      .map((t) => this.scale(t.coef, t.rest));
    if (terms.length === 0) return this.zero;
    if (terms.length === 1) return terms[0]!;
    return {
      k: 'add',
      terms,
      id: this.intern(
        `+(${terms
          .map((t) => t.id)
          .sort((a, b) => a - b)
          .join(',')})`,
      ),
    };
  }

  /** m·(a + b + …) as the terms m·a, m·b, …, when s is a product with exactly one sum factor (to the power 1). */
  private expansion(s: Sym): Sym[] | undefined {
    if (s.k !== 'mul') return undefined;
    const sums = s.factors.filter((f) => f.base.k === 'add' && f.exp.k === 'num' && isOne(f.exp.r));
    if (sums.length !== 1) return undefined;
    const others = s.factors.filter((f) => f !== sums[0]);
    return (sums[0]!.base as Add).terms.map((t) => this.mul(this.product(s.coef, others), t));
  }

  /** a − b. */
  sub(a: Sym, b: Sym): Sym {
    return this.add(a, this.neg(b));
  }
  /** −a. */
  neg(a: Sym): Sym {
    return this.mul(this.int(-1), a);
  }

  /** c · s for an exact coefficient. */
  scale(c: Rat, s: Sym): Sym {
    return this.mul(this.num(c), s);
  }

  /** The product, flattened, factors with like bases collected; a number times a sum is distributed. */
  mul(...items: Sym[]): Sym {
    let coef = ONE;
    const factors: Factor[] = [];
    for (const s of items) {
      if (s.k === 'num') coef = ratMul(coef, s.r);
      else if (s.k === 'mul') {
        coef = ratMul(coef, s.coef);
        factors.push(...s.factors);
      } else factors.push({ base: s, exp: this.one });
    }
    if (isZero(coef)) return this.zero;
    return this.product(coef, factors);
  }

  /** base^exp. */
  pow(base: Sym, exp: Sym): Sym {
    if (exp.k === 'num' && isZero(exp.r)) return this.one;
    if (exp.k === 'num' && isOne(exp.r)) return base;
    if (base.k === 'num' && isOne(base.r)) return this.one;
    if (base.k === 'mul' && exp.k === 'num' && isInt(exp.r)) {
      // (c·Π bᵉ)ⁿ = cⁿ·Π bᵉⁿ for an integer n
      const c = ratPowInt(base.coef, exp.r.p);
      if (c !== undefined)
        return this.product(
          c,
          base.factors.map((f) => ({ base: f.base, exp: this.mul(f.exp, exp) })),
        );
    }
    if (base.k === 'mul' && isOne(base.coef) && base.factors.length === 1) {
      // (bᵐ)ᵉ = bᵐᵉ when e is an integer, or when m is a number other than an even integer: (x²)^(1/2) is |x|, not
      // x; and a symbolic m may be even where it is evaluated ((x^(2y))^(-1/2) at x = y = −1 is 1, x^(−y) is −1).
      // For odd or fractional m, b < 0 makes the left side NaN (where the right may be defined, as x·(1/x) is 1).
      const inner = base.factors[0]!;
      const even = inner.exp.k === 'num' && isInt(inner.exp.r) && inner.exp.r.p % 2 === 0;
      const intExp = exp.k === 'num' && isInt(exp.r);
      if (intExp || (inner.exp.k === 'num' && !even))
        return this.product(ONE, [{ base: inner.base, exp: this.mul(inner.exp, exp) }]);
    }
    return this.product(ONE, [{ base, exp }]);
  }

  /** Collect like bases and fold numeric powers into the coefficient; the canonical Mul (or simpler). */
  product(coef: Rat, raw: readonly Factor[]): Sym {
    this.spend(raw.length);
    const order: number[] = [];
    const byId = new Map<number, Factor>();
    for (const f of raw) {
      const seen = byId.get(f.base.id);
      if (seen) byId.set(f.base.id, { base: f.base, exp: this.add(seen.exp, f.exp) });
      else {
        byId.set(f.base.id, f);
        order.push(f.base.id);
      }
    }
    const factors: Factor[] = [];
    for (const id of order) {
      const { base, exp } = byId.get(id)!;
      if (exp.k === 'num' && isZero(exp.r)) continue;
      if (base.k === 'num' && exp.k === 'num') {
        const folded = this.numPow(base.r, exp.r);
        if (folded !== undefined) {
          coef = ratMul(coef, folded);
          continue;
        }
      }
      factors.push({ base, exp });
    }
    if (isZero(coef)) return this.zero;
    if (factors.length === 0) return this.num(coef);
    if (factors.length === 1 && factors[0]!.exp.k === 'num' && isOne((factors[0]!.exp as Num).r)) {
      const only = factors[0]!.base;
      if (isOne(coef)) return only;
      // a fraction times one sum is distributed ((2x + 1)/2 is x + 1/2); an integer stays outside, as in
      // -2(1 − x), unless a sum it is added to cancels with its terms (see add)
      if (only.k === 'add' && !isInt(coef)) return this.add(...only.terms.map((t) => this.scale(coef, t)));
    }
    // bases are distinct within a product, so sorting by base id orders the factors canonically
    const key = factors
      .map((f) => [f.base.id, f.exp.id] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([b, e]) => `${b}^${e}`)
      .join('*');
    return { k: 'mul', coef, factors, id: this.intern(`*(${ratKey(coef)};${key})`) };
  }

  /** bᵉ for exact numbers when exact (2³, 4^(1/2), (2/3)⁻¹), else undefined. */
  private numPow(b: Rat, e: Rat): Rat | undefined {
    if (e.q === 1) return ratPowInt(b, e.p);
    if (e.q === 0 || b.q === 0) return undefined;
    const root = ratRoot(b, e.q);
    return root === undefined ? undefined : ratPowInt(root, e.p);
  }

  private readonly depends = new Map<string, boolean>();
  /** True when the expression depends on the variable (memoized: shared subterms are visited once). */
  dependsOn(s: Sym, v: string): boolean {
    if (s.k === 'num' || s.k === 'const') return false;
    if (s.k === 'var') return s.name === v;
    const key = `${v}:${s.id}`;
    let d = this.depends.get(key);
    if (d === undefined) {
      d =
        s.k === 'call'
          ? s.args.some((a) => this.dependsOn(a, v))
          : s.k === 'add'
            ? s.terms.some((t) => this.dependsOn(t, v))
            : s.factors.some((f) => this.dependsOn(f.base, v) || this.dependsOn(f.exp, v));
      this.depends.set(key, d);
    }
    return d;
  }
}

/** True when the number is exactly zero. */
export const isZeroSym = (s: Sym): boolean => s.k === 'num' && isZero(s.r);
