/**
 * @file Which primitives a fused loop can compute, and the IR of each: the op table's own rows (shared, not
 * copied), built as the eager kernels build them, so a fused loop computes exactly what the eager kernels do —
 * each member's result rounded to its dtype, as the eager kernel's typed-array store would round it.
 */
import type { PrimitiveDef } from '../core/primitive.js';
import type { DType } from '../core/dtype.js';
import { cast, where, type Exp } from '../ir/exp.js';
import { unaryDefOf } from '../primitives/unary.js';
import { binaryDefOf } from '../primitives/binary.js';
import { unaryExp, type UnaryName } from '../primitives/unary-table.js';
import { binaryExp, type BinaryName } from '../primitives/binary-table.js';

interface Sized {
  readonly size: number;
  readonly dtype: DType;
}

const isUnary = (def: PrimitiveDef, arity: number): boolean => arity === 1 && unaryDefOf(def.name as UnaryName) === def;
const isBinary = (def: PrimitiveDef, arity: number): boolean =>
  arity === 2 && binaryDefOf(def.name as BinaryName) === def;

/** True when `def` is elementwise and every input is a scalar or as large as the output (no real broadcasting). */
export function isFusable(def: PrimitiveDef, inputs: readonly Sized[], out: Sized, params?: unknown): boolean {
  for (const x of inputs) if (x.size !== 1 && x.size !== out.size) return false;
  const n = inputs.length,
    name = def.name;
  return (
    isUnary(def, n) ||
    isBinary(def, n) ||
    (name === 'where' && n === 3) ||
    (name === 'broadcastTo' && n === 1 && inputs[0].size === 1) ||
    (name === 'cast' && n === 1 && typeof params === 'string')
  );
}

/**
 * The IR of one fusable node from its operands' IR, giving `out`'s dtype. `fastMath`: a float32 result is
 * computed in float32 nodes (which the JavaScript lowering keeps in double precision, rounding once when
 * stored) instead of float64 rounded per op.
 */
export function memberExp(
  def: PrimitiveDef,
  args: readonly Exp[],
  out: DType,
  params: unknown,
  fastMath: boolean,
): Exp {
  const compute: DType = fastMath && out === 'float32' ? 'float32' : 'float64';
  if (isUnary(def, args.length)) return unaryExp(def.name as UnaryName, args[0], out, compute);
  if (isBinary(def, args.length)) return binaryExp(def.name as BinaryName, args[0], args[1], out, compute);
  switch (def.name) {
    case 'where':
      return where(args[0], cast(args[1], out), cast(args[2], out));
    case 'cast':
      return cast(args[0], params as DType);
    default:
      return cast(args[0], out); // broadcastTo of a scalar; a sum of one element
  }
}
