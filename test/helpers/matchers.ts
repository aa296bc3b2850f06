/**
 * @file Test helpers: compare tensors (or numbers, nested arrays, typed arrays) elementwise within
 * tolerances, with a failure message that shows where and by how much they differ (jax-js `toBeAllclose`).
 */
import { Tensor } from '../../src/core/tensor.js';
import { Variable } from '../../src/core/variable.js';

export interface AllCloseOptions {
  /** Relative tolerance (default 1e-7). */
  rtol?: number;
  /** Absolute tolerance (default 1e-9). */
  atol?: number;
  /** Treat NaN as equal to NaN (default true). */
  equalNan?: boolean;
  /** Also require equal shapes (default true; scalars compare with a 1-element expected value). */
  checkShape?: boolean;
}

interface Flat {
  values: number[];
  shape: number[];
}

/** Flattens a tensor, Variable, number, boolean, typed array or nested array into row-major values + shape. */
function flat(x: unknown, what: string): Flat {
  if (x instanceof Variable) return flat(x.value(), what);
  if (x instanceof Tensor) return { values: Array.from(x.data() as ArrayLike<number>, Number), shape: [...x.shape] };
  if (typeof x === 'number' || typeof x === 'boolean') return { values: [Number(x)], shape: [] };
  if (ArrayBuffer.isView(x))
    return {
      values: Array.from(x as unknown as ArrayLike<number>, Number),
      shape: [(x as unknown as ArrayLike<number>).length],
    };
  if (Array.isArray(x)) {
    const shape: number[] = [];
    let probe: unknown = x;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      probe = probe[0];
    }
    const values: number[] = [];
    const walk = (v: unknown, d: number): void => {
      if (d === shape.length) {
        if (typeof v !== 'number' && typeof v !== 'boolean')
          throw new TypeError(`expectAllClose: ${what} holds a non-number (${String(v)})`);
        values.push(Number(v));
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[d])
        throw new TypeError(`expectAllClose: ${what} is a ragged nested array`);
      for (const e of v) walk(e, d + 1);
    };
    walk(x, 0);
    return { values, shape };
  }
  throw new TypeError(
    `expectAllClose: ${what} must be a Tensor, Variable, number or (nested/typed) array; got ${String(x)}`,
  );
}

const fmtIndex = (i: number, shape: number[]): string => {
  if (shape.length <= 1) return `[${i}]`;
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return `[${idx.join(', ')}]`;
};

/** True when a and b agree like numpy.isclose(a, b, rtol, atol, equal_nan). */
export function isClose(a: number, b: number, rtol: number, atol: number, equalNan = true): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return equalNan && Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true; // includes equal infinities
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/**
 * Throws unless `actual` and `expected` have the same shape and agree elementwise within
 * `atol + rtol·|expected|` (NaN equals NaN, infinities must match exactly). The message lists the first
 * mismatches with their indices, and the largest absolute and relative errors.
 * @example expectAllClose(sin(tensor([0, 1])), [0, Math.sin(1)], { rtol: 1e-12 });
 */
export function expectAllClose(actual: unknown, expected: unknown, opts: AllCloseOptions = {}): void {
  const { rtol = 1e-7, atol = 1e-9, equalNan = true, checkShape = true } = opts;
  const a = flat(actual, 'actual'),
    e = flat(expected, 'expected');
  const sameShape = a.shape.length === e.shape.length && a.shape.every((d, i) => d === e.shape[i]);
  const scalarish = a.values.length === 1 && e.values.length === 1;
  if ((checkShape && !sameShape && !scalarish) || a.values.length !== e.values.length) {
    throw new Error(`expectAllClose: shapes differ: actual [${a.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
  }
  const bad: string[] = [];
  let nBad = 0,
    maxAbs = 0,
    maxRel = 0;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i],
      y = e.values[i];
    if (isClose(x, y, rtol, atol, equalNan)) continue;
    nBad++;
    const abs = Math.abs(x - y);
    maxAbs = Math.max(maxAbs, Number.isNaN(abs) ? Infinity : abs);
    maxRel = Math.max(maxRel, Number.isNaN(abs) ? Infinity : abs / Math.max(Math.abs(y), Number.MIN_VALUE));
    if (bad.length < 8)
      bad.push(`  at ${fmtIndex(i, e.shape)}: actual ${x}, expected ${y} (|diff| ${abs.toPrecision(3)})`);
  }
  if (nBad > 0) {
    throw new Error(
      `expectAllClose: ${nBad} of ${a.values.length} element(s) differ (rtol ${rtol}, atol ${atol}); ` +
        `max abs error ${maxAbs.toPrecision(3)}, max rel error ${maxRel.toPrecision(3)}\n${bad.join('\n')}${nBad > bad.length ? '\n  …' : ''}`,
    );
  }
}

/** Elementwise map of a JS function over a tensor's values, for oracle comparisons. @example mapValues(x, Math.sin) */
export function mapValues(x: Tensor, f: (v: number, i: number) => number): number[] {
  return Array.from(x.data() as ArrayLike<number>, (v, i) => f(Number(v), i));
}
