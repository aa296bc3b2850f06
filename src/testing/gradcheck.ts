/**
 * @file gradcheck: compares the tape's (and the forward accumulator's) derivatives with central finite
 * differences, to any order, like autograd's `check_grads`.
 */
import { type Tensor, describe, fromHost, type TensorLike } from '../core/tensor.js';
import { optionsOf } from '../core/suggest.js';
import { toTensor } from '../primitives/convert.js';
import { valueAndGrad, grad, jvp } from '../autodiff/functional.js';
import { mul } from '../primitives/binary.js';
import { sum } from '../primitives/reduce.js';
import { cast } from '../primitives/shape-ops.js';
import { random } from '../ops/random.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Which modes to check: reverse (tape) and/or forward (accumulator). Default ['rev']. */
  modes?: ('rev' | 'fwd')[];
  /** Check derivatives up to this order (default 1). */
  order?: number;
  /** Seed for the random projection weights (default 0). */
  seed?: number;
}

export interface GradcheckResult {
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  /** The worst element: which check, input, flat index, analytic and numeric values. */
  worst: { order: number; mode: 'rev' | 'fwd'; input: number; index: number; analytic: number; numeric: number } | null;
}

type ScalarFn = (...xs: Tensor[]) => Tensor;

/**
 * Checks `f`'s gradients at `inputs` against central differences (in float64).
 * @example gradcheck((x) => sum(sin(x)), [tensor([0.1, 0.2])]).ok // → true
 */
export function gradcheck(
  f: (...xs: Tensor[]) => Tensor,
  inputs: TensorLike | TensorLike[],
  opts: GradcheckOptions = {},
): GradcheckResult {
  if (typeof f !== 'function') throw new TypeError(`gradcheck: f must be a function; got ${describe(f)}`);
  const {
    eps = 1e-6,
    atol = 1e-5,
    rtol = 1e-3,
    modes = ['rev'],
    order = 1,
    seed = 0,
  } = optionsOf(opts, 'gradcheck', ['eps', 'atol', 'rtol', 'modes', 'order', 'seed']);
  if (!(eps > 0)) throw new RangeError(`gradcheck: eps must be > 0; got ${eps}`);
  if (!Number.isInteger(order) || order < 1)
    throw new RangeError(`gradcheck: order must be an integer ≥ 1; got ${order}`);
  const list = (
    Array.isArray(inputs) && inputs.length > 0 && !isNumberList(inputs) ? inputs : [inputs]
  ) as TensorLike[];
  const xs = list.map((x, i) => cast(toTensor(x, 'gradcheck', `inputs[${i}]`), 'float64'));
  let seedK = seed;
  const project = (g: (...a: Tensor[]) => Tensor): ScalarFn => {
    const w = random.normal(g(...xs).shape, { seed: seedK++ });
    return (...a) => sum(mul(g(...a), w));
  };
  let fk: ScalarFn = project(f);
  const result: GradcheckResult = { ok: true, maxAbsError: 0, maxRelError: 0, worst: null };
  let worstScore = -1;
  const note = (k: number, mode: 'rev' | 'fwd', input: number, index: number, a: number, n: number): void => {
    const abs = Math.abs(a - n);
    const rel = abs / Math.max(Math.abs(n), 1e-12);
    const bad = !(abs <= atol + rtol * Math.abs(n));
    if (bad) result.ok = false;
    result.maxAbsError = Math.max(result.maxAbsError, Number.isNaN(abs) ? Infinity : abs);
    result.maxRelError = Math.max(result.maxRelError, Number.isNaN(rel) ? Infinity : rel);
    const score = Number.isNaN(abs) ? Infinity : abs / (atol + rtol * Math.abs(n));
    if (score > worstScore) {
      worstScore = score;
      result.worst = { order: k, mode, input, index, analytic: a, numeric: n };
    }
  };
  for (let k = 1; k <= order; k++) {
    const g = fk;
    const at = (i: number, j: number, delta: number): number => {
      const moved = xs.map((x, m) => (m === i ? bump(x, j, delta) : x));
      return g(...moved).item();
    };
    if (modes.includes('rev')) {
      const [, grads] = valueAndGrad(g, { argnums: xs.map((_, i) => i) })(...xs);
      (grads as Tensor[]).forEach((gi, i) => {
        for (let j = 0; j < gi.size; j++)
          note(k, 'rev', i, j, gi._read('gradcheck')[j], (at(i, j, eps) - at(i, j, -eps)) / (2 * eps));
      });
    }
    if (modes.includes('fwd')) {
      const vs = xs.map((x) => random.normal(x.shape, { seed: seedK++ }));
      const [, dy] = jvp(g, xs, vs);
      const moved = (s: number) => g(...xs.map((x, i) => x.add(vs[i].mul(s)))).item();
      note(k, 'fwd', -1, -1, (dy as Tensor).item(), (moved(eps) - moved(-eps)) / (2 * eps));
    }
    if (k < order) {
      const prev = fk;
      const ws = xs.map((x) => random.normal(x.shape, { seed: seedK++ }));
      fk = (...a) => {
        const gs = grad(prev, { argnums: a.map((_, i) => i) })(...a) as Tensor[];
        return gs.map((gi, i) => sum(mul(gi, ws[i]))).reduce((s, t) => s.add(t));
      };
    }
  }
  return result;
}

const isNumberList = (x: unknown[]): boolean => x.every((e) => typeof e === 'number');

function bump(x: Tensor, j: number, delta: number): Tensor {
  const d = x.data();
  d[j] += delta;
  return fromHost(d, x.shape, x.dtype);
}
