/**
 * @file Exact numbers for the simplifier: rationals p/q over safe JS integers, so that 4/5 stays 4/5
 * and 1/3 + 2/3 is exactly 1, falling back to a plain float (q = 0) when a result is not a small
 * rational (2/sqrt(pi) folded, 1e300·1e300). `dec` remembers a decimal literal, so 0.1·2 prints 0.2.
 */

/** p/q in lowest terms with q > 0; or, when q = 0, the float p. */
export interface Rat {
  readonly p: number;
  readonly q: number;
  readonly dec: boolean;
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

const safe = (n: number): boolean => Number.isSafeInteger(n);

/** A float that is not (or is not kept as) a rational. */
export const float = (v: number, dec = true): Rat => ({ p: v, q: 0, dec });

/**
 * The rational p/q, reduced; a float when either part is not a safe integer.
 *
 * @example
 * rat(6, 4); // { p: 3, q: 2, dec: false }
 */
export function rat(p: number, q = 1, dec = false): Rat {
  if (!safe(p) || !safe(q) || q === 0) return float(p / q, dec);
  if (q < 0) {
    p = -p;
    q = -q;
  }
  const g = gcd(p, q) || 1;
  return { p: p / g, q: q / g, dec };
}

export const ZERO = rat(0);
export const ONE = rat(1);
export const MINUS_ONE = rat(-1);

/**
 * The exact value of a numeric literal as written (`0.1` is 1/10, not the nearest double).
 *
 * @example
 * fromLiteral('2.5e-1', 0.25); // { p: 1, q: 4, dec: true }
 */
export function fromLiteral(text: string, value: number): Rat {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const dec = /[.eE]/.test(text);
  if (!m) return float(value);
  const digits = (m[1] ?? '') + (m[2] ?? '');
  const exponent = Number(m[3] ?? 0) - (m[2] ?? '').length;
  if (digits.length > 15 || Math.abs(exponent) > 15)
    return Number.isSafeInteger(value) ? rat(value, 1, dec) : float(value);
  const n = Number(digits || '0');
  return exponent >= 0 ? rat(n * 10 ** exponent, 1, dec) : rat(n, 10 ** -exponent, dec);
}

/** The value as a double. */
export const valueOf = (r: Rat): number => (r.q === 0 ? r.p : r.p / r.q);
export const isZero = (r: Rat): boolean => valueOf(r) === 0;
export const isOne = (r: Rat): boolean => r.q === 1 && r.p === 1;
export const isInt = (r: Rat): boolean => r.q === 1;
export const isNegative = (r: Rat): boolean => valueOf(r) < 0;

function combine(a: Rat, b: Rat, exact: (a: Rat, b: Rat) => Rat, approx: (x: number, y: number) => number): Rat {
  const dec = a.dec || b.dec;
  if (a.q !== 0 && b.q !== 0) {
    const r = exact(a, b);
    if (r.q !== 0) return { ...r, dec };
  }
  return float(approx(valueOf(a), valueOf(b)), dec);
}

/** a + b. */
export const ratAdd = (a: Rat, b: Rat): Rat =>
  combine(
    a,
    b,
    (x, y) => rat(x.p * y.q + y.p * x.q, x.q * y.q),
    (x, y) => x + y,
  );
/** a · b. */
export const ratMul = (a: Rat, b: Rat): Rat =>
  combine(
    a,
    b,
    (x, y) => rat(x.p * y.p, x.q * y.q),
    (x, y) => x * y,
  );
/** −a. */
export const ratNeg = (a: Rat): Rat => (a.q === 0 ? float(-a.p, a.dec) : { p: -a.p, q: a.q, dec: a.dec });
/** 1/a (a ≠ 0). */
export const ratInv = (a: Rat): Rat => (a.q === 0 ? float(1 / a.p, a.dec) : rat(a.q, a.p, a.dec));

/**
 * aⁿ for an integer n, or undefined when the result would not be finite (0⁻¹) or exact enough.
 *
 * @example
 * ratPowInt(rat(2, 3), -2); // 9/4
 */
export function ratPowInt(a: Rat, n: number): Rat | undefined {
  if (n < 0) return isZero(a) ? undefined : ratPowInt(ratInv(a), -n);
  const v = valueOf(a) ** n;
  if (!Number.isFinite(v)) return undefined;
  if (a.q === 0) return float(v, a.dec);
  const r = rat(a.p ** n, a.q ** n, a.dec);
  return r.q === 0 && Math.abs(n) > 64 ? undefined : r;
}

/**
 * The exact root aᵖᐟᵠ of a non-negative rational when it is rational (4^(1/2) = 2), else undefined.
 *
 * @example
 * ratRoot(rat(8, 27), 3); // 2/3
 */
export function ratRoot(a: Rat, q: number): Rat | undefined {
  if (a.q === 0 || a.p < 0 || q < 2) return undefined;
  const root = (n: number): number | undefined => {
    const r = Math.round(n ** (1 / q));
    return r ** q === n ? r : undefined;
  };
  const p = root(a.p);
  const d = root(a.q);
  return p === undefined || d === undefined ? undefined : rat(p, d, a.dec);
}

/** Ordering of values, for sorting keys. */
export const ratKey = (r: Rat): string => (r.q === 0 ? `f${r.p}` : r.q === 1 ? `${r.p}` : `${r.p}/${r.q}`);

/**
 * Text of a non-negative number for a formula: an integer, a fraction `p/q`, or a decimal when it came
 * from a decimal literal or is not rational.
 *
 * @example
 * ratText(rat(4, 5)); // '4/5'
 */
export function ratText(r: Rat): { num: string; den?: string } {
  if (r.q === 1) return { num: String(r.p) };
  const v = valueOf(r);
  if (r.q === 0 || (r.dec && String(v).length <= 12)) return { num: String(v) };
  return { num: String(r.p), den: String(r.q) };
}
