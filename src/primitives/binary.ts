/**
 * @file The binary primitives with numpy broadcasting, one per row of binary-table.ts: the forward kernel is
 * the backend's lowering of the row's IR; the VJP and JVP are the row's rules built in library ops. VJPs undo
 * broadcasting with `sumToShape`.
 */
import { bind } from '../core/engine.js';
import { floatOf, promote, type DType } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, type TensorLike } from '../core/tensor.js';
import { operand, toTensor } from './convert.js';
import { broadcastShapes, sameShape } from '../core/shape.js';
import { backend } from '../backends/backend.js';
import { BINARY, BINARY_NAMES, type BinaryName, type BinaryRow } from './binary-table.js';
import { sumToShape, broadcastTo } from './shape-ops.js';
import { square } from './unary.js';
import { tensorAlg } from './tensor-algebra.js';

const isIntWeak = (t: Tensor): boolean => Number.isInteger(t._scalar);

function outDtype(kind: BinaryRow['dtype'], a: Tensor, b: Tensor): DType {
  if (kind === 'bool') return 'bool';
  const d = promote(a.dtype, b.dtype, a._weak, b._weak, a._weak && isIntWeak(a), b._weak && isIntWeak(b));
  return kind === 'float' ? floatOf(d) : d === 'bool' ? 'int32' : d;
}

function binaryDef(name: BinaryName): PrimitiveDef {
  const { dtype: kind, vjp, jvp }: BinaryRow = BINARY[name];
  return {
    name,
    impl([a, b]) {
      const shape = broadcastShapes(a.shape, b.shape, name);
      const dtype = outDtype(kind, a, b);
      return new Tensor(backend().binary(name, a, b, shape, dtype), shape, dtype);
    },
    vjp(g, [a, b], out, _p, needs) {
      if (!vjp) return [null, null];
      const [ga, gb] = vjp(g, a, b, out, needs, tensorAlg);
      return [needs[0] && ga ? sumToShape(ga, a.shape) : null, needs[1] && gb ? sumToShape(gb, b.shape) : null];
    },
    jvp([da, db], [a, b], out) {
      if (!jvp) return null;
      const t = jvp(da, db, a, b, out, tensorAlg);
      // a tangent of a broadcast operand may have as many elements as the output but fewer dims ([] vs [1, 1])
      return t && !sameShape(t.shape, out.shape) ? broadcastTo(t, out.shape) : t;
    },
  };
}

const defs = new Map<BinaryName, PrimitiveDef>(BINARY_NAMES.map((name) => [name, binaryDef(name)]));

/** @internal The definition of a binary primitive, by name (for the compiler and tests). */
export const binaryDefOf = (name: BinaryName): PrimitiveDef | undefined => defs.get(name);

/** Every binary op as a function of two tensor-like values (broadcasting). */
const BINARY_FNS = Object.fromEntries(
  BINARY_NAMES.map((name) => {
    const def = defs.get(name)!;
    const op = (a: TensorLike, b: TensorLike): Tensor =>
      bind(def, [operand(a, name, 'a'), operand(b, name, 'b')], undefined);
    Object.defineProperty(op, 'name', { value: name });
    return [name, op];
  }),
) as { readonly [K in BinaryName]: (a: TensorLike, b: TensorLike) => Tensor };

// One documented export per row (the row itself is in binary-table.ts); a row missing here fails `everyRowExported`.
/** a + b, broadcasting. @example add([1, 2], 10) // → [11, 12] */
export const add = BINARY_FNS.add;
/** a − b. @example sub([5], [2]) // → [3] */
export const sub = BINARY_FNS.sub;
/** a · b. @example mul([2, 3], 4) // → [8, 12] */
export const mul = BINARY_FNS.mul;
/** a / b (true division: ints give floats). @example div([1], [4]) // → [0.25] */
export const div = BINARY_FNS.div;
/** Elementwise maximum; NaN propagates; on ties the gradient goes to `a`. @example maximum([1, 5], [3, 2]) // → [3, 5] */
export const maximum = BINARY_FNS.maximum;
/** Elementwise minimum; NaN propagates; on ties the gradient goes to `a`. @example minimum([1, 5], [3, 2]) // → [1, 2] */
export const minimum = BINARY_FNS.minimum;
/** atan2(a, b): the angle of the point (b, a). @example atan2([1], [1]) // → [π/4] */
export const atan2 = BINARY_FNS.atan2;
/** Floored modulo (sign of the divisor, like numpy). @example mod([-1], [3]) // → [2] */
export const mod = BINARY_FNS.mod;
/** a · b, but 0 wherever b is 0 even if a is NaN or Inf (TF `multiply_no_nan`). @example mulNoNan([NaN], [0]) // → [0] */
export const mulNoNan = BINARY_FNS.mulNoNan;
/**
 * @internal a / b, but exactly 0 wherever a is 0 (even where b is 0 or NaN): the "local derivative × cotangent"
 * of division (d(a/b)/da · g = g / b) in one op, with the zero-cotangent rule of `mulNoNan`. Its derivatives are
 * those of a / b, written with the same rule.
 */
export const divKeepZero = BINARY_FNS.divKeepZero;
/** a == b (bool). @example equal([1, 2], 2) // → [false, true] */
export const equal = BINARY_FNS.equal;
/** a != b (bool). @example notEqual([1, 2], 2) // → [true, false] */
export const notEqual = BINARY_FNS.notEqual;
/** a > b (bool). @example greater([1, 3], 2) // → [false, true] */
export const greater = BINARY_FNS.greater;
/** a ≥ b (bool). @example greaterEqual([2], 2) // → [true] */
export const greaterEqual = BINARY_FNS.greaterEqual;
/** a < b (bool). @example less([1, 3], 2) // → [true, false] */
export const less = BINARY_FNS.less;
/** a ≤ b (bool). @example lessEqual([2], 2) // → [true] */
export const lessEqual = BINARY_FNS.lessEqual;
/** Logical and of truthy values (bool). @example logicalAnd([true, true], [true, false]) // → [true, false] */
export const logicalAnd = BINARY_FNS.logicalAnd;
/** Logical or of truthy values (bool). @example logicalOr([false, true], [false, false]) // → [false, true] */
export const logicalOr = BINARY_FNS.logicalOr;

/**
 * aᵇ; d/db uses log(a) where a > 0 and 0 elsewhere. `pow(x, 2)` of a float x is `square(x)` (the same values:
 * IEEE pow returns x·x for an exponent of 2), whose gradient rule is one op instead of four.
 * @example pow([2, 3], 2) // → [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (b === 2) {
    const t = toTensor(a, 'pow', 'a');
    if (t.dtype === 'float64' || t.dtype === 'float32') return square(t);
    return BINARY_FNS.pow(t, b);
  }
  return BINARY_FNS.pow(a, b);
}

type Missing = Exclude<BinaryName, keyof typeof import('./binary.js')>;
/** Does not compile, naming the row, while a row of the table has no export above. */
const everyRowExported: [Missing] extends [never] ? true : Missing = true;
void everyRowExported;
