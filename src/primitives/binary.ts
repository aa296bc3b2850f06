/**
 * @file Elementwise binary primitives with numpy broadcasting. VJPs undo broadcasting with `sumToShape`;
 * local derivatives are applied with `mulNoNan`, so a zero cotangent always gives a zero gradient.
 */
import { bind } from '../core/engine.js';
import { floatOf, promote, type DType } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, operand, toTensor, type TensorLike } from '../core/tensor.js';
import { broadcastShapes, sameShape } from '../core/shape.js';
import { backend, type BinaryName } from '../backends/backend.js';
import { sumToShape, broadcastTo } from './shape-ops.js';
import { where } from './where.js';
import { neg, square, log, floor } from './unary.js';

type Grads = (g: Tensor, a: Tensor, b: Tensor, out: Tensor, needs: boolean[]) => [Tensor | null, Tensor | null];
type Tangent = (da: Tensor | null, db: Tensor | null, a: Tensor, b: Tensor, out: Tensor) => Tensor | null;
type Kind = 'arith' | 'float' | 'bool';

const defs = new Map<BinaryName, PrimitiveDef>();

const isIntWeak = (t: Tensor): boolean => Number.isInteger(t._data[0]);

function outDtype(kind: Kind, a: Tensor, b: Tensor): DType {
  if (kind === 'bool') return 'bool';
  const d = promote(a.dtype, b.dtype, a._weak, b._weak, a._weak && isIntWeak(a), b._weak && isIntWeak(b));
  return kind === 'float' ? floatOf(d) : d === 'bool' ? 'int32' : d;
}

function define(name: BinaryName, kind: Kind, grads: Grads | null, tangent: Tangent | null) {
  const def: PrimitiveDef = {
    name,
    impl([a, b]) {
      const shape = broadcastShapes(a.shape, b.shape, name);
      const dtype = outDtype(kind, a, b);
      return new Tensor(backend().binary(name, a, b, shape, dtype), shape, dtype);
    },
    vjp(g, [a, b], out, _p, needs) {
      if (!grads) return [null, null];
      const [ga, gb] = grads(g, a, b, out, needs);
      return [needs[0] && ga ? sumToShape(ga, a.shape) : null, needs[1] && gb ? sumToShape(gb, b.shape) : null];
    },
    jvp([da, db], [a, b], out) {
      if (!tangent) return null;
      const t = tangent(da, db, a, b, out);
      // a tangent of a broadcast operand may have as many elements as the output but fewer dims ([] vs [1, 1])
      return t && !sameShape(t.shape, out.shape) ? broadcastTo(t, out.shape) : t;
    },
  };
  defs.set(name, def);
  const op = (a: TensorLike, b: TensorLike): Tensor => bind(def, [operand(a, name, 'a'), operand(b, name, 'b')], undefined);
  Object.defineProperty(op, 'name', { value: name });
  return op;
}

/** @internal The definition of a binary primitive, by name (for the compiler and tests). */
export const binaryDefOf = (name: BinaryName): PrimitiveDef | undefined => defs.get(name);

/** Sum of tangents where either may be absent. */
const plus = (x: Tensor | null, y: Tensor | null): Tensor | null => (x && y ? add(x, y) : x ?? y);
const minus = (x: Tensor | null, y: Tensor | null): Tensor | null => (x && y ? sub(x, y) : x ?? (y && neg(y)));
const times = (d: Tensor | null, f: () => Tensor): Tensor | null => (d ? mulNoNan(f(), d) : null);

/**
 * The rules of a quotient a / b: d/da = 1/b (one `divKeepZero` with the cotangent), d/db = −out/b, where `q`
 * computes out / b the way the quotient itself divides (`div`, or `divKeepZero`).
 */
function quotientRules(q: (x: Tensor, y: Tensor) => Tensor): [Grads, Tangent] {
  return [
    (g, _a, b, out, n) => [n[0] ? divKeepZero(g, b) : null, n[1] ? mulNoNan(neg(q(out, b)), g) : null],
    (da, db, _a, b, out) => minus(da && divKeepZero(da, b), times(db, () => q(out, b))),
  ];
}

/** a + b, broadcasting. @example add([1, 2], 10) // → [11, 12] */
export const add = define('add', 'arith', (g) => [g, g], (da, db) => plus(da, db));
/** a − b. @example sub([5], [2]) // → [3] */
export const sub = define('sub', 'arith', (g, _a, _b, _o, n) => [g, n[1] ? neg(g) : null], (da, db) => minus(da, db));
/** a · b. @example mul([2, 3], 4) // → [8, 12] */
export const mul = define('mul', 'arith',
  (g, a, b, _o, n) => [n[0] ? mulNoNan(b, g) : null, n[1] ? mulNoNan(a, g) : null],
  (da, db, a, b) => plus(times(da, () => b), times(db, () => a)));
/** a / b (true division: ints give floats). @example div([1], [4]) // → [0.25] */
export const div = define('div', 'float', ...quotientRules((x, y) => div(x, y)));
const powOp = define('pow', 'float',
  (g, a, b, out, n) => [n[0] ? mulNoNan(powDa(a, b), g) : null, n[1] ? mulNoNan(powDb(a, out), g) : null],
  (da, db, a, b, out) => plus(times(da, () => powDa(a, b)), times(db, () => powDb(a, out))));

/**
 * aᵇ; d/db uses log(a) where a > 0 and 0 elsewhere. `pow(x, 2)` of a float x is `square(x)` (the same values:
 * IEEE pow returns x·x for an exponent of 2), whose gradient rule is one op instead of four.
 * @example pow([2, 3], 2) // → [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (b === 2) {
    const t = toTensor(a, 'pow', 'a');
    if (t.dtype === 'float64' || t.dtype === 'float32') return square(t);
    return powOp(t, b);
  }
  return powOp(a, b);
}
/** Elementwise maximum; NaN propagates; on ties the gradient goes to `a`. @example maximum([1, 5], [3, 2]) // → [3, 5] */
export const maximum = define('maximum', 'arith',
  (g, a, b) => pick(greaterEqual(a, b), g), (da, db, a, b) => select(greaterEqual(a, b), da, db));
/** Elementwise minimum; NaN propagates; on ties the gradient goes to `a`. @example minimum([1, 5], [3, 2]) // → [1, 2] */
export const minimum = define('minimum', 'arith',
  (g, a, b) => pick(lessEqual(a, b), g), (da, db, a, b) => select(lessEqual(a, b), da, db));
/** atan2(a, b): the angle of the point (b, a). @example atan2([1], [1]) // → [π/4] */
export const atan2 = define('atan2', 'float',
  (g, a, b, _o, n) => {
    const r2 = add(square(a), square(b));
    return [n[0] ? mulNoNan(div(b, r2), g) : null, n[1] ? mulNoNan(neg(div(a, r2)), g) : null];
  },
  (da, db, a, b) => {
    const r2 = add(square(a), square(b));
    return minus(times(da, () => div(b, r2)), times(db, () => div(a, r2)));
  });
/** Floored modulo (sign of the divisor, like numpy). @example mod([-1], [3]) // → [2] */
export const mod = define('mod', 'arith',
  (g, a, b, _o, n) => [g, n[1] ? mulNoNan(neg(floor(div(a, b))), g) : null],
  (da, db, a, b) => minus(da, times(db, () => floor(div(a, b)))));
/** a · b, but 0 wherever b is 0 even if a is NaN or Inf (TF `multiply_no_nan`). @example mulNoNan([NaN], [0]) // → [0] */
export const mulNoNan = define('mulNoNan', 'arith',
  (g, a, b, _o, n) => [n[0] ? mulNoNan(b, g) : null, n[1] ? mulNoNan(a, g) : null],
  (da, db, a, b) => plus(times(da, () => b), times(db, () => a)));

/**
 * @internal a / b, but exactly 0 wherever a is 0 (even where b is 0 or NaN): the "local derivative × cotangent"
 * of division (d(a/b)/da · g = g / b) in one op, with the zero-cotangent rule of `mulNoNan`. Its derivatives are
 * those of a / b, written with the same rule.
 */
export const divKeepZero = define('divKeepZero', 'float', ...quotientRules((x, y) => divKeepZero(x, y)));

/** a == b (bool). @example equal([1, 2], 2) // → [false, true] */
export const equal = define('equal', 'bool', null, null);
/** a != b (bool). @example notEqual([1, 2], 2) // → [true, false] */
export const notEqual = define('notEqual', 'bool', null, null);
/** a > b (bool). @example greater([1, 3], 2) // → [false, true] */
export const greater = define('greater', 'bool', null, null);
/** a ≥ b (bool). @example greaterEqual([2], 2) // → [true] */
export const greaterEqual = define('greaterEqual', 'bool', null, null);
/** a < b (bool). @example less([1, 3], 2) // → [true, false] */
export const less = define('less', 'bool', null, null);
/** a ≤ b (bool). @example lessEqual([2], 2) // → [true] */
export const lessEqual = define('lessEqual', 'bool', null, null);
/** Logical and of truthy values (bool). @example logicalAnd([true, true], [true, false]) // → [true, false] */
export const logicalAnd = define('logicalAnd', 'bool', null, null);
/** Logical or of truthy values (bool). @example logicalOr([false, true], [false, false]) // → [false, true] */
export const logicalOr = define('logicalOr', 'bool', null, null);

function powDa(a: Tensor, b: Tensor): Tensor {
  // b·a^(b−1), but exactly 0 where b = 0: d/da a⁰ = 0 even at a = 0 (where a^(−1) = ∞), so the third
  // derivative of x² at 0 is 0, not NaN
  return mulNoNan(pow(a, sub(b, 1)), b);
}
function powDb(a: Tensor, out: Tensor): Tensor {
  const pos = greater(a, 0);
  // double `where`: log only ever sees positive values, so no NaN/Inf is produced even transiently
  return where(pos, mul(out, log(where(pos, a, 1))), 0);
}
function pick(mask: Tensor, g: Tensor): [Tensor, Tensor] {
  return [where(mask, g, 0), where(mask, 0, g)];
}
function select(mask: Tensor, da: Tensor | null, db: Tensor | null): Tensor | null {
  if (!da && !db) return null;
  return where(mask, da ?? 0, db ?? 0);
}
