/**
 * @file Line searches for L-BFGS on a 1-D slice φ(a) = f(x + a·d): the strong-Wolfe search of Nocedal & Wright
 * (Algorithms 3.5 and 3.6, bracketing then zooming with safeguarded cubic interpolation) and a backtracking Armijo
 * search. Pure numerics on float64; the caller supplies φ, which evaluates f and ∇f at the trial point.
 */

/** One evaluation of the slice: value, directional derivative φ'(a) = ∇f·d, and the full gradient. */
export interface SlicePoint {
  a: number;
  f: number;
  d: number;
  g: Float64Array;
}

/** Evaluates f and ∇f at `x + a·d` (the caller closes over x and d). */
export type Slice = (a: number) => SlicePoint;

export interface LineSearchOptions {
  /** Sufficient-decrease constant c₁ (Armijo), default 1e-4. */
  c1: number;
  /** Curvature constant c₂ (strong Wolfe), default 0.9. */
  c2: number;
  /** Most evaluations of φ (default 25). */
  maxEvals: number;
}

/** Result: the accepted point (or the best seen when the search gave up) and how many evaluations it took. */
export interface LineSearchResult {
  point: SlicePoint;
  evals: number;
  /** True when the returned step satisfies the search's conditions. */
  ok: boolean;
}

/**
 * Minimiser of the cubic matching (a1, f1, d1) and (a2, f2, d2), clamped to [lo, hi]; the midpoint when the cubic
 * has no real minimiser.
 * @example cubicMin(0, 0.25, -1, 1, 0.25, 1, 0, 1) // → 0.5 (the minimum of (a − ½)²)
 */
export function cubicMin(
  a1: number,
  f1: number,
  d1: number,
  a2: number,
  f2: number,
  d2: number,
  lo: number,
  hi: number,
): number {
  const e = d1 + d2 - (3 * (f1 - f2)) / (a1 - a2);
  const disc = e * e - d1 * d2;
  if (disc >= 0 && Number.isFinite(disc)) {
    const s = Math.sqrt(disc);
    const m =
      a1 <= a2
        ? a2 - (a2 - a1) * ((d2 + s - e) / (d2 - d1 + 2 * s))
        : a1 - (a1 - a2) * ((d1 + s - e) / (d1 - d2 + 2 * s));
    if (Number.isFinite(m)) return Math.min(Math.max(m, lo), hi);
  }
  return (lo + hi) / 2;
}

/**
 * Strong-Wolfe line search: finds a with φ(a) ≤ φ(0) + c₁aφ'(0) and |φ'(a)| ≤ c₂|φ'(0)|.
 * @example strongWolfe(phi, phi(0), 1, { c1: 1e-4, c2: 0.9, maxEvals: 25 })
 */
export function strongWolfe(phi: Slice, start: SlicePoint, a1: number, o: LineSearchOptions): LineSearchResult {
  const { f: f0, d: d0 } = start;
  let prev = start;
  let a = a1;
  let evals = 0;
  let best = start;
  const armijo = (p: SlicePoint) => p.f <= f0 + o.c1 * p.a * d0;
  const curvature = (p: SlicePoint) => Math.abs(p.d) <= -o.c2 * d0;
  while (evals < o.maxEvals) {
    const p = phi(a);
    evals++;
    if (armijo(p) && p.f < best.f) best = p;
    if (!Number.isFinite(p.f) || !armijo(p) || (evals > 1 && p.f >= prev.f)) return zoom(prev, p);
    if (curvature(p)) return { point: p, evals, ok: true };
    if (p.d >= 0) return zoom(p, prev);
    // Extrapolate: the cubic's minimiser, kept within [1.1a, 4a] so the bracket grows but does not explode.
    const next = cubicMin(prev.a, prev.f, prev.d, p.a, p.f, p.d, p.a * 1.1, p.a * 4);
    prev = p;
    a = next;
  }
  return { point: best, evals, ok: false };

  function zoom(lo: SlicePoint, hi: SlicePoint): LineSearchResult {
    while (evals < o.maxEvals) {
      const left = Math.min(lo.a, hi.a);
      const width = Math.abs(hi.a - lo.a);
      if (width <= 1e-16 * Math.max(1, Math.abs(lo.a))) break;
      // Safeguard: stay 10 % inside the bracket so it keeps shrinking; a non-finite end falls back to bisection.
      const a = Number.isFinite(hi.f)
        ? cubicMin(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d, left + 0.1 * width, left + 0.9 * width)
        : (lo.a + hi.a) / 2;
      const p = phi(a);
      evals++;
      if (!Number.isFinite(p.f) || !armijo(p) || p.f >= lo.f) {
        hi = p;
      } else {
        if (p.f < best.f) best = p;
        if (curvature(p)) return { point: p, evals, ok: true };
        if (p.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = p;
      }
    }
    const point = lo.a > 0 ? lo : best;
    return { point, evals, ok: point.a > 0 && armijo(point) };
  }
}

/**
 * Backtracking Armijo search: halves a from `a1` until φ(a) ≤ φ(0) + c₁aφ'(0).
 * @example backtracking(phi, phi(0), 1, { c1: 1e-4, c2: 0.9, maxEvals: 30 })
 */
export function backtracking(phi: Slice, start: SlicePoint, a1: number, o: LineSearchOptions): LineSearchResult {
  let a = a1;
  for (let evals = 1; evals <= o.maxEvals; evals++) {
    const p = phi(a);
    if (Number.isFinite(p.f) && p.f <= start.f + o.c1 * a * start.d) return { point: p, evals, ok: true };
    a /= 2;
  }
  return { point: start, evals: o.maxEvals, ok: false };
}
